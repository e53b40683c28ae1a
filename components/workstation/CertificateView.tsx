'use client';

import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { DISEASE_KIND_LABELS, GENDER_LABELS, SCHEME_LABELS, labelOf } from '@/lib/labels';
import type { CertificateData } from './types';

const cell = { border: '1px solid #333', padding: '8px 12px' } as const;
const head = { ...cell, width: 140, background: '#fafafa', fontWeight: 600 } as const;

/** 门诊慢特病认定结果告知单: one printable page; the menu, header and buttons are hidden when printing. */
export function CertificateView({ certificate: c }: { certificate: CertificateData }) {
  const rows: [string, string][] = [
    ['姓名', c.personName],
    ['身份证号', c.maskedId],
    ['性别', labelOf(GENDER_LABELS, c.gender)],
    ['参保险种', labelOf(SCHEME_LABELS, c.scheme)],
    ['认定病种', `${c.diseaseName}（${labelOf(DISEASE_KIND_LABELS, c.diseaseKind)}，${c.diseaseCode}）`],
    ['诊断', `${c.icd10Code} ${c.diagnosisText}`],
    ['诊断医师 / 日期', `${c.doctor} / ${c.diagnosisDate}`],
    ['认定医院', `${c.hospitalName}（${c.hospitalCode}）`],
    ['认定期限', `${c.startDate} 至 ${c.endDate ?? '长期有效（免复审）'}`],
    ['认定时间', `${dayjs(c.decidedAt).format('YYYY-MM-DD HH:mm')}（经办：${c.decidedBy ?? '—'}）`],
  ];
  return (
    <Card style={{ maxWidth: 800 }} styles={{ body: { padding: 32 } }}>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
        <Link href="/workstation">返回工作站</Link>
        <Link href="/workstation/filings">本院认定记录</Link>
      </Space>
      {c.status === 'revoked' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`该认定已于 ${dayjs(c.revokedAt).format('YYYY-MM-DD')} 撤销：${c.revokeReason ?? ''}`}
        />
      )}
      <h2 style={{ textAlign: 'center', margin: '0 0 8px', letterSpacing: 2 }}>门诊慢特病认定结果告知单</h2>
      <p style={{ textAlign: 'right', margin: '0 0 12px' }} data-testid="certificate-no">
        编号：{c.certificateNo}
      </p>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 15 }}>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th style={head} scope="row">
                {label}
              </th>
              <td style={cell}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ marginTop: 24, lineHeight: 1.8 }}>
        经审核，您符合门诊慢特病认定标准，自认定开始日期起按规定享受门诊慢特病医疗保障待遇。
        {c.endDate ? '有效期满前请及时到定点医疗机构申请复审。' : '该病种免复审。'}
      </p>
      <p style={{ marginTop: 48, textAlign: 'right' }}>
        认定医院（盖章）：{c.hospitalName}
        <br />
        {dayjs(c.decidedAt).format('YYYY 年 M 月 D 日')}
      </p>
    </Card>
  );
}
