'use client';

import { Descriptions, Table, Typography } from 'antd';
import Link from 'next/link';
import type { YearToDate } from '@/lib/domain/settlement';
import { LAYER_KEYS, LAYER_LABELS } from '@/lib/domain/settlement';
import { LayerTable } from './LayerTable';
import { TIER_LABELS, yuan, type PersonYear, type PreviewView } from './types';

/** A person's year to date: stays, costs, what each layer has paid, what the person has paid. */
export function YearToDateTable({ before, after }: { before: YearToDate; after?: YearToDate }) {
  const rows = [
    { label: '住院次数', b: `${before.stays}`, a: after ? `${after.stays}` : undefined },
    { label: '累计医疗费总额', b: yuan(before.totalFen), a: after && yuan(after.totalFen) },
    { label: '累计合规费用', b: yuan(before.policyRangeFen), a: after && yuan(after.policyRangeFen) },
    ...LAYER_KEYS.map((k) => ({
      label: `累计${LAYER_LABELS[k]}`,
      b: yuan(before.paid[k]),
      a: after && yuan(after.paid[k]),
    })),
    { label: '累计个人自付', b: yuan(before.personFen), a: after && yuan(after.personFen) },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="label"
      dataSource={rows}
      data-testid="ytd-table"
      columns={[
        { title: '本年度累计', dataIndex: 'label' },
        { title: after ? '本次结算前' : '截至目前', dataIndex: 'b', align: 'right' },
        ...(after ? [{ title: '本次结算后', dataIndex: 'a', align: 'right' as const }] : []),
      ]}
    />
  );
}

export function PersonCard({ person }: { person: PersonYear }) {
  return (
    <>
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label="姓名">{person.person.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{person.person.maskedId}</Descriptions.Item>
        <Descriptions.Item label="出生年份">{person.person.birthYear}</Descriptions.Item>
        <Descriptions.Item label={`${person.year}年居民医保`}>
          {person.tier ? TIER_LABELS[person.tier] : '未登记（默认一档）'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {person.year} 年已结算住院（{person.stays.length} 次）
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={person.stays.map((stay, i) => ({ ...stay, key: i }))}
        locale={{ emptyText: '本年度尚无已结算的住院' }}
        columns={[
          { title: '结算日期', dataIndex: 'date' },
          { title: '医疗机构', dataIndex: 'hospitalName' },
          { title: '医疗费总额', dataIndex: 'totalFen', align: 'right', render: yuan },
          { title: '个人自付', dataIndex: 'personFen', align: 'right', render: yuan },
          {
            title: '结算单',
            key: 'link',
            render: (_, r) => (r.id ? <Link href={`/settlement/${r.id}`}>查看</Link> : '—'),
          },
        ]}
      />
    </>
  );
}

/** The later stays whose figures a change would move (and the stay itself when cancelled). */
export function ChangesTable({ changes }: { changes: PreviewView['changes'] }) {
  const moved = changes.filter((c) => c.changed && c.stayId !== null);
  if (moved.length === 0) return <Typography.Text type="secondary">本年度其他住院的结算结果不受影响。</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(c) => String(c.stayId)}
      dataSource={moved}
      data-testid="changes-table"
      columns={[
        { title: '住院', key: 's', render: (_, c) => `${c.date} ${c.hospitalName}${c.cancelled ? '（撤销）' : ''}` },
        {
          title: '医疗救助+再救助 变化',
          key: 'a',
          align: 'right',
          render: (_, c) => yuan(c.delta.assistance + c.delta.reAssistance),
        },
        { title: '基本医保 变化', key: 'b', align: 'right', render: (_, c) => yuan(c.delta.basic) },
        { title: '个人自付 变化', key: 'p', align: 'right', render: (_, c) => yuan(c.delta.person) },
        {
          title: '重算后个人自付',
          key: 'after',
          align: 'right',
          render: (_, c) => (c.after ? yuan(c.after.personFen) : '—'),
        },
      ]}
    />
  );
}

export function PreviewPanel({ preview }: { preview: PreviewView }) {
  return (
    <>
      <Typography.Paragraph type="secondary">
        按 {preview.year} 年度结算政策第 {preview.policy.version} 版（{preview.policy.docRef}）计算。
      </Typography.Paragraph>
      {preview.result && (
        <>
          <LayerTable layers={preview.result.layers} personFen={preview.result.personFen} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            年度累计（本次结算前 / 后）
          </Typography.Title>
          <YearToDateTable before={preview.result.ytdBefore} after={preview.result.ytdAfter} />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        对本年度其他住院的影响
      </Typography.Title>
      <ChangesTable changes={preview.changes} />
    </>
  );
}
