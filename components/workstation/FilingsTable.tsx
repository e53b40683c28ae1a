'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { FilterDateRange, FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { urlPagination } from '@/lib/client/table-pagination';
import { useUrlState } from '@/lib/client/use-url-state';
import { CERT_STATUS_LABELS, labelOf } from '@/lib/labels';
import { CERT_STATUSES } from '@/lib/schemas/certifications';
import { filingsQuerySchema } from '@/lib/schemas/workstation';
import { DecideModal } from './DecideModal';
import type { FilingRowJson } from './types';

const STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  approved: 'green',
  rejected: 'default',
  revoked: 'red',
};

/** 本院认定记录: the hospital's own applications, newest first; filters and page live in the URL. */
export function FilingsTable({ diseases }: { diseases: { code: string; name: string }[] }) {
  const { params, update } = useUrlState();
  const [deciding, setDeciding] = useState<FilingRowJson | null>(null);
  const query = useMemo(() => {
    const parsed = filingsQuerySchema.safeParse(Object.fromEntries(params));
    return parsed.success ? parsed.data : filingsQuerySchema.parse({});
  }, [params]);
  const apiParams = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) apiParams.set(k, String(v));

  const { data, isFetching, error } = useQuery({
    queryKey: ['workstation-filings', apiParams.toString()],
    queryFn: () => fetchJson<{ data: FilingRowJson[]; total: number }>(`/api/workstation/filings?${apiParams}`),
    placeholderData: (prev) => prev,
  });

  const columns: TableProps<FilingRowJson>['columns'] = [
    { title: '申请时间', dataIndex: 'filedAt', render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '人员',
      key: 'person',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.personName}</span>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {r.maskedId}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '病种', dataIndex: 'diseaseName' },
    { title: 'ICD-10', dataIndex: 'icd10Code' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[v]}>{labelOf(CERT_STATUS_LABELS, v)}</Tag>
          {r.rejectReason && <Typography.Text type="secondary">{r.rejectReason}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '告知单编号',
      dataIndex: 'certificateNo',
      render: (v, r) =>
        v && (r.status === 'approved' || r.status === 'revoked') ? (
          <Link href={`/workstation/certificates/${r.id}`}>{v}</Link>
        ) : (
          '—'
        ),
    },
    {
      title: '认定期限',
      key: 'period',
      render: (_, r) => (r.startDate ? `${r.startDate} 至 ${r.endDate ?? '长期有效'}` : '—'),
    },
    {
      title: '申请至决定',
      dataIndex: 'duration',
      render: (v) => v ?? <Typography.Text type="secondary">待决定</Typography.Text>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) =>
        r.status === 'pending' ? (
          <Button size="small" type="link" onClick={() => setDeciding(r)}>
            作出决定
          </Button>
        ) : null,
    },
  ];

  return (
    <Card title="本院认定记录">
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <FilterSelect
          label="状态"
          value={query.status}
          options={CERT_STATUSES.map((s) => ({ value: s, label: CERT_STATUS_LABELS[s] }))}
          onChange={(status) => update({ status })}
        />
        <FilterSelect
          label="病种"
          placeholder="全部病种"
          width={220}
          searchable
          value={query.diseaseCode}
          options={diseases.map((d) => ({ value: d.code, label: d.name }))}
          onChange={(diseaseCode) => update({ diseaseCode })}
        />
        <FilterDateRange label="申请日期" from={query.from} to={query.to} onChange={update} />
        <Form.Item label="告知单编号">
          <Input.Search
            aria-label="告知单编号"
            allowClear
            placeholder="编号或其中一段"
            style={{ width: 240 }}
            defaultValue={query.q}
            onSearch={(v) => update({ q: v.trim() })}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<FilingRowJson>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        locale={{ emptyText: '没有符合条件的认定记录' }}
        pagination={urlPagination(query, data?.total, '条')}
        onChange={(pagination) => update({ page: pagination.current, pageSize: pagination.pageSize })}
      />
      {deciding && <DecideModal filing={deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}
