'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Form, Space, Table, Tag, Typography, type TableProps } from 'antd';
import Link from 'next/link';
import { useMemo } from 'react';
import { FilterSelect } from '@/components/common/Filters';
import type { Jsonified } from '@/components/cases/types';
import { fetchJson } from '@/lib/client/fetch-json';
import { urlPagination } from '@/lib/client/table-pagination';
import { useUrlState } from '@/lib/client/use-url-state';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { labelOf, LINE_KIND_LABELS, SETTLEMENT_LABELS, TIER_LABELS } from '@/lib/labels';
import type { approvedLinesOp } from '@/lib/operations/subsidy-approved-lines';
import { approvedLinesSchema } from '@/lib/schemas/subsidies';
import type { ResultOf } from '@/lib/server/operation';

type Answer = Jsonified<ResultOf<typeof approvedLinesOp>>;
type Row = Answer['data'][number];

const options = <T extends Record<string, string>>(labels: T) =>
  Object.entries(labels).map(([value, label]) => ({ value: value as keyof T & string, label }));
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => THIS_YEAR + 1 - i).map((y) => ({ value: y, label: `${y}年` }));
const KIND_COLORS: Record<string, string> = { roster: 'default', addition: 'cyan', change: 'orange' };
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatYuan(fen)}</span>;

/**
 * 已审批资助明细: the lines of every approved batch of a year — the list the dashboard's 缴费资助
 * figures drill into (people and 元 by town, category and settlement); filters in the URL.
 */
export function ApprovedLines({ towns }: { towns: { code: string; name: string }[] }) {
  const { params, update } = useUrlState();
  const query = useMemo(() => {
    const parsed = approvedLinesSchema.safeParse(Object.fromEntries(params));
    return parsed.success ? parsed.data : approvedLinesSchema.parse({});
  }, [params]);
  const api = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') api.set(k, String(v));
  const { data, isFetching, error } = useQuery({
    queryKey: ['subsidies', 'approved-lines', api.toString()],
    queryFn: () => fetchJson<Answer>(`/api/subsidies/lines?${api}`),
    placeholderData: (prev) => prev,
  });

  const columns: TableProps<Row>['columns'] = [
    {
      title: '人员',
      key: 'person',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link href={`/persons/${r.personId}`}>{r.name}</Link>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {r.maskedId}（{r.birthYear}年生）
          </Typography.Text>
        </Space>
      ),
    },
    { title: '镇街', dataIndex: 'townName' },
    { title: '人员类别', dataIndex: 'category', render: (v: string) => labelOf(PERSON_CATEGORIES, v) },
    {
      title: '明细类型',
      dataIndex: 'kind',
      render: (v: string) => <Tag color={KIND_COLORS[v]}>{labelOf(LINE_KIND_LABELS, v)}</Tag>,
    },
    { title: '档次', dataIndex: 'tier', render: (v: string) => labelOf(TIER_LABELS, v) },
    { title: '个人缴费(元)', dataIndex: 'contributionFen', align: 'right', render: money },
    { title: '资助金额(元)', dataIndex: 'amountFen', align: 'right', render: money },
    { title: '个人已缴(元)', dataIndex: 'paidFen', align: 'right', render: money },
    { title: '结算方式', dataIndex: 'settlement', render: (v: string) => labelOf(SETTLEMENT_LABELS, v) },
    {
      title: '批次',
      dataIndex: 'batchId',
      width: 80,
      render: (v: number) => <Link href={`/subsidies/batches/${v}`}>#{v}</Link>,
    },
  ];

  return (
    <Card title="已审批资助明细">
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={params.toString()}>
        <FilterSelect
          label="年度"
          required
          width={100}
          value={query.year}
          options={YEARS}
          onChange={(year) => update({ year })}
        />
        {towns.length > 1 && (
          <FilterSelect
            label="镇街"
            placeholder="全部镇街"
            width={160}
            value={query.townCode}
            options={towns.map((t) => ({ value: t.code, label: t.name }))}
            onChange={(townCode) => update({ townCode })}
          />
        )}
        <FilterSelect
          label="人员类别"
          width={160}
          value={query.category}
          options={options(PERSON_CATEGORIES)}
          onChange={(category) => update({ category })}
        />
        <FilterSelect
          label="明细类型"
          value={query.kind}
          options={options(LINE_KIND_LABELS)}
          onChange={(kind) => update({ kind })}
        />
        <FilterSelect
          label="结算方式"
          width={200}
          value={query.settlement}
          options={options(SETTLEMENT_LABELS)}
          onChange={(settlement) => update({ settlement })}
        />
      </Form>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          data
            ? `${query.year}年已审批批次：${data.total.toLocaleString()} 条明细，资助 ${data.people.toLocaleString()} 人，金额 ${formatYuan(data.amountFen)} 元（含金额调整）`
            : `${query.year}年已审批批次的资助明细`
        }
      />
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有符合条件的已审批资助明细' }}
        pagination={urlPagination(query, data?.total, '条')}
        onChange={(pagination) => update({ page: pagination.current, pageSize: pagination.pageSize })}
      />
    </Card>
  );
}
