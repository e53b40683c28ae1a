'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Space, Table, Tag, Typography, type TableProps } from 'antd';
import Link from 'next/link';
import { FilterSearch, FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { urlPagination } from '@/lib/client/table-pagination';
import { useUrlState } from '@/lib/client/use-url-state';
import { PERSON_CATEGORIES, POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import {
  AGE_GROUP_LABELS,
  labelOf,
  LINE_KIND_LABELS,
  PAID_STATUS_LABELS,
  REFUND_STATUS_LABELS,
  SETTLEMENT_LABELS,
  TIER_LABELS,
} from '@/lib/labels';
import { subsidyKeys, type BatchLineJson, type BatchLinesJson } from './BatchTypes';

const options = <T extends Record<string, string>>(labels: T) =>
  Object.entries(labels).map(([value, label]) => ({ value: value as keyof T & string, label }));
const PAID_COLORS: Record<string, string> = {
  unpaid: 'default',
  paid: 'blue',
  subsidized: 'green',
  refunded: 'purple',
};
const KIND_COLORS: Record<string, string> = { roster: 'default', addition: 'cyan', change: 'orange' };
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatYuan(fen)}</span>;

/** 资助明细: a page of the batch's lines, filtered by town, category, kind and name (all in the URL). */
export function BatchLines({ id, towns }: { id: number; towns: { code: string; name: string }[] }) {
  const { params, update } = useUrlState();
  const query = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Number(params.get('pageSize')) || 20),
    townCode: params.get('townCode') ?? undefined,
    category: params.get('category') ?? undefined,
    kind: params.get('kind') ?? undefined,
    name: params.get('name') ?? '',
  };
  const api = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') api.set(k, String(v));
  const { data, isFetching, error } = useQuery({
    queryKey: subsidyKeys.lines(id, api.toString()),
    queryFn: () => fetchJson<BatchLinesJson>(`/api/subsidies/batches/${id}/lines?${api}`),
    placeholderData: (prev) => prev,
  });

  const columns: TableProps<BatchLineJson>['columns'] = [
    {
      title: '人员',
      key: 'person',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link href={`/persons/${r.person_id}`}>{r.name}</Link>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {r.maskedId}（{r.birthYear}年生）
          </Typography.Text>
        </Space>
      ),
    },
    { title: '镇街', dataIndex: 'town_name' },
    {
      title: '人员类别',
      key: 'category',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{labelOf(PERSON_CATEGORIES, r.category)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labelOf(POVERTY_SOURCE_LABELS, r.source)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '档次',
      key: 'tier',
      render: (_, r) => `${labelOf(TIER_LABELS, r.tier)} · ${labelOf(AGE_GROUP_LABELS, r.age_group)}`,
    },
    { title: '个人缴费（元）', dataIndex: 'contribution_fen', align: 'right', render: money },
    { title: '资助金额（元）', dataIndex: 'amount_fen', align: 'right', render: money },
    {
      title: '明细类型',
      dataIndex: 'kind',
      render: (v, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={KIND_COLORS[v]}>{labelOf(LINE_KIND_LABELS, v)}</Tag>
          {r.ref_line_id && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              调整原明细 #{r.ref_line_id}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '结算方式', dataIndex: 'settlement', render: (v) => labelOf(SETTLEMENT_LABELS, v) },
    {
      title: '缴费状态',
      dataIndex: 'paid_status',
      render: (v, r) => (
        <Space size={4}>
          <Tag color={PAID_COLORS[v]}>{labelOf(PAID_STATUS_LABELS, v)}</Tag>
          {r.refund_status && <Tag>退费{labelOf(REFUND_STATUS_LABELS, r.refund_status)}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={`${query.townCode}-${query.name}`}>
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
          width={120}
          value={query.kind}
          options={options(LINE_KIND_LABELS)}
          onChange={(kind) => update({ kind })}
        />
        <FilterSearch
          label="姓名"
          value={query.name}
          placeholder="按姓名开头查找"
          onSearch={(name) => update({ name })}
        />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<BatchLineJson>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        locale={{ emptyText: '没有符合条件的明细' }}
        pagination={urlPagination(query, data?.total, '条')}
        onChange={(p) => update({ page: p.current, pageSize: p.pageSize })}
        scroll={{ x: 'max-content' }}
        data-testid="batch-lines"
      />
    </>
  );
}
