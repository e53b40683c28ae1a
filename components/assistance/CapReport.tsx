'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Typography } from 'antd';
import Link from 'next/link';
import { fetchJson } from '@/lib/client/fetch-json';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { labelOf } from '@/lib/labels';
import { assistanceKey, type CapReportJson } from './types';

type Row = CapReportJson['data'][number];

/** 超年度上限人员: people whose standing assistance of the year passes 5万元, with the total and the excess. */
export function CapReport({ year, townCode }: { year: string; townCode: string | undefined }) {
  const qs = new URLSearchParams({ year, ...(townCode ? { townCode } : {}) }).toString();
  const { data, isFetching, error } = useQuery({
    queryKey: [...assistanceKey, 'cap', qs],
    queryFn: () => fetchJson<CapReportJson>(`/api/assistance/cap-report?${qs}`),
  });
  const rows = data?.data ?? [];
  return (
    <>
      <Typography.Paragraph type="secondary">
        {year} 年住院、门诊医疗救助合计超过 {formatYuan(data?.capFen ?? 5_000_000)}{' '}
        元上限的人员（只计未被冲销的结算）。超过部分已如实记录、未核减，请逐一核查。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="personId"
        size="middle"
        data-testid="cap-report"
        loading={isFetching}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有超过年度上限的人员' }}
        pagination={{ defaultPageSize: 20, showTotal: (n) => `共 ${n} 人` }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
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
            render: (v: string | null) => (v ? labelOf(PERSON_CATEGORIES, v) : '—'),
          },
          { title: '救助人次', dataIndex: 'personTimes', align: 'right' },
          { title: '年度救助合计(元)', dataIndex: 'totalFen', align: 'right', render: (v: number) => formatYuan(v) },
          {
            title: '超出上限(元)',
            dataIndex: 'excessFen',
            align: 'right',
            render: (v: number) => <Typography.Text type="danger">{formatYuan(v)}</Typography.Text>,
          },
          { title: '标记超上限的记录', dataIndex: 'flaggedRecords', align: 'right' },
        ]}
      />
    </>
  );
}
