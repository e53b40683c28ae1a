'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { useState } from 'react';
import { FilterSearch, FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { useUrlState } from '@/lib/client/use-url-state';
import { DISEASE_KIND_LABELS, labelOf } from '@/lib/labels';
import { DiseaseForm } from './DiseaseForm';
import { DiseaseHistoryDrawer } from './DiseaseHistoryDrawer';
import { SchemeTags, ValidityText } from './DiseaseTags';
import { catalogKey, type CatalogListJson, type CatalogRowJson } from './types';

const KIND_OPTIONS = Object.entries(DISEASE_KIND_LABELS).map(([value, label]) => ({ value, label }));
const ACTIVE_OPTIONS = [
  { value: 'true', label: '启用' },
  { value: 'false', label: '停用' },
];

/** The catalog as in force today, one row per disease, with new versions and the version history. */
export function CatalogList() {
  const { params, update } = useUrlState();
  const apiParams = new URLSearchParams();
  for (const key of ['q', 'kind', 'active']) if (params.get(key)) apiParams.set(key, params.get(key)!);
  const [editing, setEditing] = useState<CatalogRowJson | 'new' | null>(null);
  const [history, setHistory] = useState<CatalogRowJson | null>(null);
  const { data, isFetching, error } = useQuery({
    queryKey: [...catalogKey, apiParams.toString()],
    queryFn: () => fetchJson<CatalogListJson>(`/api/admin/catalog?${apiParams}`),
    placeholderData: (prev) => prev,
  });

  const columns: TableProps<CatalogRowJson>['columns'] = [
    { title: '病种编码', dataIndex: 'code', width: 100 },
    {
      title: '病种名称',
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space size={4} wrap>
          {v}
          {!r.inForce && <Tag color="orange">{r.effectiveFrom} 起生效</Tag>}
          {r.nextFrom && (
            <Tooltip title="已排定新版本，到期自动生效；可在版本历史中查看">
              <Tag color="blue" data-testid="scheduled">
                {r.nextFrom} 起新版本
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 80, render: (v: string) => labelOf(DISEASE_KIND_LABELS, v) },
    { title: '适用险种', key: 'schemes', render: (_, r) => <SchemeTags version={r} /> },
    { title: '认定有效期', key: 'validity', render: (_, r) => <ValidityText version={r} /> },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    { title: '现行版本生效日', dataIndex: 'effectiveFrom', width: 130 },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(r)}>
            变更
          </Button>
          <Button type="link" size="small" onClick={() => setHistory(r)}>
            版本历史
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="门诊慢特病病种目录"
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          新增病种
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="目录按生效日期分版本管理：变更病种即新增一个版本，自生效日起适用于新的认定；已生效的版本不能修改或删除。"
      />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={params.toString()}>
        <FilterSearch value={params.get('q') ?? ''} placeholder="病种编码或名称" onSearch={(q) => update({ q })} />
        <FilterSelect
          label="类别"
          value={params.get('kind') || undefined}
          options={KIND_OPTIONS}
          onChange={(kind) => update({ kind })}
        />
        <FilterSelect
          label="状态"
          value={params.get('active') || undefined}
          options={ACTIVE_OPTIONS}
          onChange={(active) => update({ active })}
        />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<CatalogRowJson>
        rowKey="code"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        locale={{ emptyText: '没有符合条件的病种' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${n} 个病种` }}
      />
      {editing && (
        <DiseaseForm
          current={editing === 'new' ? null : editing}
          today={data?.today}
          onClose={() => setEditing(null)}
        />
      )}
      {history && data && (
        <DiseaseHistoryDrawer disease={history} today={data.today} onClose={() => setHistory(null)} />
      )}
    </Card>
  );
}
