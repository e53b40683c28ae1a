'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Popconfirm, Space, Table, Tag, type TableProps } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { setHospitalActiveAction } from '@/app/(portal)/admin/hospitals/actions';
import { FilterSearch, FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { urlPagination } from '@/lib/client/table-pagination';
import { useUrlState } from '@/lib/client/use-url-state';
import { HOSPITAL_LEVEL_LABELS, labelOf } from '@/lib/labels';
import { HospitalForm } from './HospitalForm';
import { hospitalsKey, type HospitalRowJson } from './types';

const LEVEL_OPTIONS = Object.entries(HOSPITAL_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const ACTIVE_OPTIONS = [
  { value: 'true', label: '启用' },
  { value: 'false', label: '停用' },
];

function readQuery(params: URLSearchParams) {
  const int = (key: string, fallback: number, max: number) => {
    const n = Number(params.get(key));
    return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
  };
  return { page: int('page', 1, Number.MAX_SAFE_INTEGER), pageSize: int('pageSize', 20, 100) };
}

/** 定点医院: list with filters, create / edit, deactivate / reactivate, and a link to each hospital's delegations. */
export function HospitalList() {
  const { params, update } = useUrlState();
  const query = readQuery(params);
  const apiParams = new URLSearchParams(params.toString());
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<HospitalRowJson | 'new' | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);
  const { data, isFetching, error } = useQuery({
    queryKey: [...hospitalsKey, apiParams.toString()],
    queryFn: () => fetchJson<{ data: HospitalRowJson[]; total: number }>(`/api/admin/hospitals?${apiParams}`),
    placeholderData: (prev) => prev,
  });

  async function toggleActive(row: HospitalRowJson) {
    setToggling(row.id);
    const result = await settleAction(setHospitalActiveAction({ id: row.id, active: !row.active }));
    setToggling(null);
    if (!result.ok) {
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: hospitalsKey });
    message.success(row.active ? `已停用 ${row.name}` : `已启用 ${row.name}`);
  }

  const columns: TableProps<HospitalRowJson>['columns'] = [
    { title: '机构编码', dataIndex: 'code', width: 140 },
    {
      title: '医院名称',
      dataIndex: 'name',
      render: (v: string, r) => <Link href={`/admin/hospitals/${r.id}`}>{v}</Link>,
    },
    { title: '等级', dataIndex: 'level', width: 80, render: (v: string) => labelOf(HOSPITAL_LEVEL_LABELS, v) },
    { title: '区县', dataIndex: 'districtName', width: 100 },
    { title: '今日授权病种', dataIndex: 'delegatedToday', width: 120, render: (n: number) => `${n} 种` },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, r) => (
        <Space size={0}>
          <Link href={`/admin/hospitals/${r.id}`}>
            <Button type="link" size="small">
              授权病种
            </Button>
          </Link>
          <Button type="link" size="small" onClick={() => setEditing(r)}>
            编辑
          </Button>
          <Popconfirm
            title={r.active ? `停用 ${r.name}？` : `启用 ${r.name}？`}
            description={r.active ? '停用后不能再为其新增授权' : undefined}
            okText={r.active ? '停用' : '启用'}
            okButtonProps={{ danger: r.active }}
            onConfirm={() => toggleActive(r)}
          >
            <Button type="link" size="small" danger={r.active} loading={toggling === r.id}>
              {r.active ? '停用' : '启用'}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="定点医院"
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          新增医院
        </Button>
      }
    >
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={params.toString()}>
        <FilterSearch value={params.get('q') ?? ''} placeholder="机构编码或名称" onSearch={(q) => update({ q })} />
        <FilterSelect
          label="等级"
          value={params.get('level') || undefined}
          options={LEVEL_OPTIONS}
          onChange={(level) => update({ level })}
        />
        <FilterSelect
          label="状态"
          value={params.get('active') || undefined}
          options={ACTIVE_OPTIONS}
          onChange={(active) => update({ active })}
        />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<HospitalRowJson>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        locale={{ emptyText: '没有符合条件的医院' }}
        pagination={urlPagination(query, data?.total, '家医院')}
        onChange={(pagination) => update({ page: pagination.current, pageSize: pagination.pageSize })}
      />
      {editing && <HospitalForm initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
