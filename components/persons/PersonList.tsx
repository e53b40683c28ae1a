'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Form, Space, Table, Tag, type TableProps } from 'antd';
import Link from 'next/link';
import { useMemo } from 'react';
import { fetchJson } from '@/lib/client/fetch-json';
import { useUrlState } from '@/lib/client/use-url-state';
import { GENDER_LABELS, labelOf, SCHEME_LABELS, YEAR_STATUS_LABELS } from '@/lib/labels';
import type { listPersons } from '@/lib/operations/persons';
import { personListQuerySchema } from '@/lib/schemas/persons';
import type { ResultOf } from '@/lib/server/operation';
import { urlPagination } from '@/lib/client/table-pagination';
import { FilterSearch, FilterSelect } from '@/components/common/Filters';

type PersonListRow = ResultOf<typeof listPersons>['data'][number];

interface Props {
  towns: { code: string; name: string }[];
}

const thisYear = new Date().getFullYear();
const YEARS = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3];

export function PersonList({ towns }: Props) {
  const { params, update } = useUrlState();
  const query = useMemo(() => {
    const parsed = personListQuerySchema.safeParse(Object.fromEntries(params));
    return parsed.success ? parsed.data : personListQuerySchema.parse({});
  }, [params]);
  const apiParams = new URLSearchParams(params.toString());
  apiParams.set('year', String(query.year));
  const { data, isFetching, error } = useQuery({
    queryKey: ['persons', apiParams.toString()],
    queryFn: () => fetchJson<{ data: PersonListRow[]; total: number }>(`/api/persons?${apiParams}`),
    placeholderData: (prev) => prev,
  });

  const sortOrder = (key: string) =>
    query.sort === key ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const columns: TableProps<PersonListRow>['columns'] = [
    {
      title: '姓名',
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (v, r) => <Link href={`/persons/${r.id}`}>{v}</Link>,
    },
    { title: '身份证号', dataIndex: 'maskedId', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: '性别', dataIndex: 'gender', width: 60, render: (v) => labelOf(GENDER_LABELS, v) },
    // The year only beside the masked ID (the whole date would give the number back); sorted by the date.
    { title: '出生年份', dataIndex: 'birthYear', key: 'birthDate', sorter: true, sortOrder: sortOrder('birthDate') },
    { title: '镇街', dataIndex: 'townName', key: 'townCode', sorter: true, sortOrder: sortOrder('townCode') },
    { title: '村/社区', dataIndex: 'village' },
    {
      title: `${query.year}年参保`,
      dataIndex: 'schemes',
      render: (schemes: string[]) =>
        schemes.length === 0 ? (
          <Tag color="red">未参保</Tag>
        ) : (
          <Space size={4}>
            {schemes.map((s) => (
              <Tag key={s} color={schemes.length > 1 ? 'orange' : 'green'}>
                {labelOf(SCHEME_LABELS, s)}
              </Tag>
            ))}
            {schemes.length > 1 && <Tag color="orange">重复参保</Tag>}
          </Space>
        ),
    },
  ];

  return (
    <Card title="参保人员">
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={params.toString()}>
        <FilterSelect
          label="年度"
          required
          width={100}
          value={query.year}
          options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
          onChange={(year) => update({ year })}
        />
        <FilterSelect
          label="镇街"
          placeholder="全部镇街"
          width={160}
          value={query.townCode}
          options={towns.map((t) => ({ value: t.code, label: t.name }))}
          onChange={(townCode) => update({ townCode })}
        />
        <FilterSelect
          label="参保状态"
          width={140}
          value={query.status}
          options={Object.entries(YEAR_STATUS_LABELS).map(([value, label]) => ({
            value: value as keyof typeof YEAR_STATUS_LABELS,
            label,
          }))}
          onChange={(status) => update({ status })}
        />
        <Form.Item>
          <Checkbox checked={query.expansion} onChange={(e) => update({ expansion: e.target.checked ? 1 : undefined })}>
            仅看扩面人员（本年参保、上年未参保）
          </Checkbox>
        </Form.Item>
        <Form.Item>
          <Checkbox checked={query.listed} onChange={(e) => update({ listed: e.target.checked ? 1 : undefined })}>
            仅看名单人员（本年各来源最新名单）
          </Checkbox>
        </Form.Item>
        <FilterSearch
          label="姓名"
          value={query.name ?? ''}
          placeholder="姓名或开头"
          width={160}
          onSearch={(name) => update({ name })}
        />
        <FilterSearch
          label="身份证号"
          value={query.idNumber ?? ''}
          placeholder="完整身份证号"
          onSearch={(idNumber) => update({ idNumber })}
        />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<PersonListRow>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        pagination={urlPagination(query, data?.total, '人')}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = (s.columnKey ?? s.field) as string | undefined;
            update({
              sort: s.order ? key : undefined,
              order: s.order === 'descend' ? 'desc' : s.order ? 'asc' : undefined,
            });
          } else {
            update({ page: pagination.current, pageSize: pagination.pageSize });
          }
        }}
      />
    </Card>
  );
}
