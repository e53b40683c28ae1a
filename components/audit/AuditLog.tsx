'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { useMemo } from 'react';
import { AUDIT_ACTIONS } from '@/lib/audit-actions';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { fetchJson } from '@/lib/client/fetch-json';
import { useUrlState } from '@/lib/client/use-url-state';
import { labelOf } from '@/lib/labels';
import type { searchAuditOp } from '@/lib/operations/audit';
import { auditQuerySchema } from '@/lib/schemas/audit';
import type { ResultOf } from '@/lib/server/operation';
import { urlPagination } from '@/lib/client/table-pagination';
import { FilterSearch, FilterSelect } from '@/components/common/Filters';

type AuditRow = ResultOf<typeof searchAuditOp>['data'][number];

/** An audit row as it arrives over JSON. */
type AuditRowJson = Omit<AuditRow, 'at'> & { at: string };

const ENTITY_LABELS = { person: '人员', enrollment: '参保记录', user: '用户' } as const;
const ACTION_OPTIONS = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }));
const FILTER_KEYS = ['username', 'action', 'from', 'to', 'personId'] as const;

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <pre
        style={{
          margin: '4px 0 0',
          padding: 8,
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 4,
          maxHeight: 360,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {value == null ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export function AuditLog() {
  const { params, update } = useUrlState();
  const { message } = App.useApp();
  const query = useMemo(() => {
    const parsed = auditQuerySchema.safeParse(Object.fromEntries(params));
    return parsed.success ? parsed.data : auditQuerySchema.parse({});
  }, [params]);
  const apiParams = new URLSearchParams(params.toString());
  const { data, isFetching, error } = useQuery({
    queryKey: ['audit', apiParams.toString()],
    queryFn: () => fetchJson<{ data: AuditRowJson[]; total: number }>(`/api/audit?${apiParams}`),
    placeholderData: (prev) => prev,
  });

  const columns: TableProps<AuditRowJson>['columns'] = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: '用户', dataIndex: 'username' },
    { title: '角色', dataIndex: 'role', render: (v: string) => labelOf(ROLE_LABELS, v) },
    {
      title: '操作',
      dataIndex: 'action',
      render: (v: string) => (
        <Tag color={v.startsWith('auth.') ? 'default' : v.startsWith('user.') ? 'purple' : 'blue'}>
          {labelOf(AUDIT_ACTIONS, v)}
        </Tag>
      ),
    },
    {
      title: '对象',
      key: 'entity',
      render: (_, r) => (
        <Flex gap={8} wrap>
          <span>
            {labelOf(ENTITY_LABELS, r.entityType)}
            {r.entityId != null && ` #${r.entityId}`}
          </span>
          {r.personId != null && r.entityType !== 'person' && (
            <Link href={`/persons/${r.personId}`}>人员 #{r.personId}</Link>
          )}
          {r.personId != null && r.entityType === 'person' && <Link href={`/persons/${r.personId}`}>查看</Link>}
        </Flex>
      ),
    },
    { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
  ];

  function searchPerson(raw: string) {
    const v = raw.trim();
    if (v && !/^[1-9]\d{0,9}$/.test(v)) {
      message.warning('人员编号应为正整数');
      return;
    }
    update({ personId: v });
  }

  const hasFilters = FILTER_KEYS.some((k) => params.has(k));

  return (
    <Card title="审计日志">
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={params.toString()}>
        <FilterSearch
          label="用户名"
          value={query.username ?? ''}
          placeholder="完整用户名"
          width={180}
          onSearch={(username) => update({ username })}
        />
        <FilterSelect
          label="操作类型"
          placeholder="全部操作"
          width={180}
          value={query.action}
          options={ACTION_OPTIONS}
          onChange={(action) => update({ action })}
        />
        <Form.Item label="日期">
          <DatePicker.RangePicker
            aria-label="日期"
            allowEmpty={[true, true]}
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(dates) =>
              update({ from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') })
            }
          />
        </Form.Item>
        <Form.Item label="人员编号">
          <Input.Search
            aria-label="人员编号"
            allowClear
            inputMode="numeric"
            defaultValue={query.personId?.toString()}
            placeholder="人员编号"
            onSearch={searchPerson}
            style={{ width: 160 }}
          />
        </Form.Item>
        {hasFilters && (
          <Form.Item>
            <Button onClick={() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>清除筛选</Button>
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<AuditRowJson>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        expandable={{
          rowExpandable: (r) => r.before != null || r.after != null,
          expandedRowRender: (r) => (
            <Flex gap={16}>
              <JsonBlock title="变更前" value={r.before} />
              <JsonBlock title="变更后" value={r.after} />
            </Flex>
          ),
        }}
        pagination={urlPagination(query, data?.total, '条')}
        onChange={(pagination) => update({ page: pagination.current, pageSize: pagination.pageSize })}
      />
    </Card>
  );
}
