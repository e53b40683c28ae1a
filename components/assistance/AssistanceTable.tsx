'use client';

import { Button, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import Link from 'next/link';
import { ASSISTANCE_SOURCE_LABELS, MED_TYPE_LABELS } from '@/lib/domain/assistance';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { labelOf } from '@/lib/labels';
import type { AssistanceRowJson } from './types';

function StateTag({ r }: { r: AssistanceRowJson }) {
  if (r.kind === 'reversal')
    return (
      <Tooltip title={`冲销原结算 ${r.initSettlementId}`}>
        <Tag color="default">冲销</Tag>
      </Tooltip>
    );
  if (r.reversedById != null)
    return (
      <Tooltip title={`已被 ${r.reversedBySettlementId ?? ''} 冲销，不计入人次和金额`}>
        <Tag color="default">已冲销</Tag>
      </Tooltip>
    );
  return <Tag color="green">有效</Tag>;
}

/** One page of records; 更正 and 冲销 for settlements that stand (staff only). */
export function AssistanceTable({
  rows,
  loading,
  pagination,
  canWrite,
  onCorrect,
  onReverse,
}: {
  rows: AssistanceRowJson[];
  loading: boolean;
  pagination: TableProps<AssistanceRowJson>['pagination'];
  canWrite: boolean;
  onCorrect: (r: AssistanceRowJson) => void;
  onReverse: (r: AssistanceRowJson) => void;
}) {
  const columns: TableProps<AssistanceRowJson>['columns'] = [
    { title: '结算日期', dataIndex: 'settlementDate', width: 110 },
    {
      title: '结算ID',
      dataIndex: 'settlementId',
      render: (v: string) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{v}</span>,
    },
    { title: '状态', key: 'state', width: 80, render: (_, r) => <StateTag r={r} /> },
    {
      title: '姓名',
      dataIndex: 'personName',
      render: (v: string, r) => <Link href={`/persons/${r.personId}`}>{v}</Link>,
    },
    {
      title: '证件号码',
      key: 'id',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <span style={{ fontFamily: 'monospace' }}>{r.maskedId}</span>
          <Typography.Text type="secondary"> {r.birthYear}年生</Typography.Text>
        </span>
      ),
    },
    { title: '镇街', dataIndex: 'townName' },
    {
      title: '人员类别',
      dataIndex: 'category',
      render: (v: string | null) =>
        v ? labelOf(PERSON_CATEGORIES, v) : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '医疗类别',
      dataIndex: 'medType',
      width: 80,
      render: (v: 'inpatient' | 'outpatient') => MED_TYPE_LABELS[v],
    },
    { title: '定点医药机构', dataIndex: 'institutionName' },
    { title: '医疗费总额(元)', dataIndex: 'totalFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: '符合范围(元)', dataIndex: 'policyRangeFen', align: 'right', render: (v: number) => formatYuan(v) },
    {
      title: '医疗救助(元)',
      dataIndex: 'assistanceFen',
      align: 'right',
      render: (v: number, r) => (
        <Space size={4}>
          <span style={r.stands ? undefined : { textDecoration: 'line-through', color: '#8c8c8c' }}>
            {formatYuan(v)}
          </span>
          {r.capExceeded && (
            <Tooltip title="该笔使本人当年救助累计超过 5 万元上限：已如实记录，未核减，请核查">
              <Tag color="red">超上限</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '来源',
      dataIndex: 'source',
      width: 90,
      render: (v: keyof typeof ASSISTANCE_SOURCE_LABELS) => ASSISTANCE_SOURCE_LABELS[v],
    },
    { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '' },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'op',
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, r: AssistanceRowJson) =>
              r.stands ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => onCorrect(r)}>
                    更正
                  </Button>
                  <Button type="link" size="small" danger onClick={() => onReverse(r)}>
                    冲销
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Table<AssistanceRowJson>
      rowKey="id"
      size="middle"
      data-testid="assistance-table"
      loading={loading}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '没有符合条件的救助记录' }}
      pagination={pagination}
    />
  );
}
