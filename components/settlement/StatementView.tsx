'use client';

import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { LAYER_KEYS, LAYER_LABELS } from '@/lib/domain/settlement';
import { GENDER_LABELS, labelOf } from '@/lib/labels';
import { layerTitle, LEVEL_LABELS, ruleOf, TIER_LABELS, yuan, type Statement } from './types';

const cell = { border: '1px solid #333', padding: '4px 8px', fontSize: 13 } as const;
const head = { ...cell, background: '#fafafa', fontWeight: 600, whiteSpace: 'nowrap' } as const;
const num = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** Print: A4, no menu or buttons, the statement alone. */
const PRINT_CSS = `
@page { size: A4; margin: 12mm; }
@media print {
  body { background: #fff !important; }
  .statement-card { box-shadow: none !important; border: none !important; max-width: none !important; }
  .statement-card .ant-card-body { padding: 0 !important; }
  .statement table { page-break-inside: avoid; }
}`;

/** 一单式结算单: the person, the stay, every layer with its figures, the person's share, the year to date. */
export function StatementView({ statement: s }: { statement: Statement }) {
  const facts: [string, string][] = [
    ['姓名', s.person.name],
    ['身份证号', s.person.maskedId],
    ['性别 / 出生年份', `${labelOf(GENDER_LABELS, s.person.gender)} / ${s.person.birthYear}`],
    ['镇街', s.person.townName],
    ['医疗机构', `${s.hospital.name}（${s.hospital.code}，${LEVEL_LABELS[s.stay.level]}）`],
    ['入院 / 结算日期', `${s.stay.admissionDate ?? '—'} / ${s.stay.settlementDate}`],
    ['缴费档次', `居民医保${TIER_LABELS[s.stay.tier]}`],
    ['转诊转院 / 异地急诊', s.stay.referral ? `是（先行自付合规费用 10%：${yuan(s.referralShareFen)}）` : '否'],
  ];
  const costs: [string, string][] = [
    ['医疗费总额', yuan(s.stay.totalFen)],
    ['合规费用', yuan(s.stay.policyRangeFen)],
    ['合规费用以外费用', yuan(s.stay.outOfPolicyFen)],
  ];
  return (
    <Card className="statement-card" style={{ maxWidth: 900 }} styles={{ body: { padding: 32 } }}>
      <style>{PRINT_CSS}</style>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印 / 另存为 PDF
        </Button>
        <Link href="/settlement">返回一站式结算</Link>
      </Space>
      {s.status === 'cancelled' && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`该结算已撤销：${s.cancelReason ?? ''}`} />
      )}
      <div className="statement">
        <h2 style={{ textAlign: 'center', margin: '0 0 4px', letterSpacing: 2 }}>贫困人口住院医疗费用一单式结算单</h2>
        <p style={{ textAlign: 'center', margin: '0 0 12px', fontSize: 13 }}>
          基本医保 · 大病保险 · 医疗机构减免 · 医疗救助 · 商业补充保险 · 再救助（六重保障）
        </p>
        <p style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13, margin: '0 0 8px' }}>
          <span data-testid="statement-no">结算单号：STL-{s.id}</span>
          <span>政策：{s.policy ? `${s.policy.year} 年度第 ${s.policy.version} 版` : '—'}</span>
        </p>
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <tbody>
            {[0, 2, 4, 6].map((i) => (
              <tr key={i}>
                <th style={head}>{facts[i][0]}</th>
                <td style={cell}>{facts[i][1]}</td>
                <th style={head}>{facts[i + 1][0]}</th>
                <td style={cell} colSpan={3}>
                  {facts[i + 1][1]}
                </td>
              </tr>
            ))}
            <tr>
              {costs.map(([k, v]) => [
                <th key={`h${k}`} style={head}>
                  {k}
                </th>,
                <td key={`d${k}`} style={num}>
                  {v}
                </td>,
              ])}
            </tr>
          </tbody>
        </table>
        <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 12 }} data-testid="statement-layers">
          <thead>
            <tr>
              <th style={head}>保障层次</th>
              <th style={head}>计算依据</th>
              <th style={head}>支付金额</th>
              <th style={head}>支付后个人负担</th>
            </tr>
          </thead>
          <tbody>
            {s.layers.map((l) => (
              <tr key={l.key}>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{layerTitle(l)}</td>
                <td style={{ ...cell, fontSize: 12 }}>{ruleOf(l).join('；')}</td>
                <td style={num}>{yuan(l.amountFen)}</td>
                <td style={num}>{yuan(l.remainingFen)}</td>
              </tr>
            ))}
            <tr>
              <th style={head} colSpan={2}>
                个人自付合计（第六层后个人负担 + 合规费用以外费用减免后部分）
              </th>
              <td style={{ ...num, fontWeight: 700 }} colSpan={2} data-testid="statement-person">
                {yuan(s.personFen)}
              </td>
            </tr>
          </tbody>
        </table>
        <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 12 }} data-testid="statement-ytd">
          <thead>
            <tr>
              <th style={head}>本年度累计（{s.stay.year} 年）</th>
              <th style={head}>本次结算前</th>
              <th style={head}>本次结算后</th>
            </tr>
          </thead>
          <tbody>
            {[
              ['住院次数', `${s.ytdBefore.stays}`, `${s.ytdAfter.stays}`],
              ['医疗费总额', yuan(s.ytdBefore.totalFen), yuan(s.ytdAfter.totalFen)],
              ['合规费用', yuan(s.ytdBefore.policyRangeFen), yuan(s.ytdAfter.policyRangeFen)],
              ...LAYER_KEYS.map((k) => [LAYER_LABELS[k], yuan(s.ytdBefore.paid[k]), yuan(s.ytdAfter.paid[k])]),
              ['个人自付', yuan(s.ytdBefore.personFen), yuan(s.ytdAfter.personFen)],
            ].map(([k, b, a]) => (
              <tr key={k}>
                <td style={cell}>{k}</td>
                <td style={num}>{b}</td>
                <td style={num}>{a}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p style={{ marginTop: 32, display: 'flex', justifyContent: 'space-between' }}>
          <span>医保工作站经办人：</span>
          <span>患者（家属）签字：</span>
          <span>{dayjs(s.createdAt).format('YYYY 年 M 月 D 日')}</span>
        </p>
      </div>
    </Card>
  );
}
