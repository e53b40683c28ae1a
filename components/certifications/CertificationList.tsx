'use client';

import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Space, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { FilterDateRange, FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { urlPagination } from '@/lib/client/table-pagination';
import { useUrlState } from '@/lib/client/use-url-state';
import { CERT_STATUS_LABELS } from '@/lib/labels';
import { certListQuerySchema, REVIEW_WINDOW_DAYS, type CertSortKey } from '@/lib/schemas/certifications';
import { CertificationDrawer } from './CertificationDrawer';
import { CertStatusTag } from './CertStatusTag';
import type { CertFilterOptions, CertRowJson } from './types';

interface Props {
  options: CertFilterOptions;
  /** May revoke approved certifications ('certification.revoke'). */
  canRevoke: boolean;
}

const FILTER_KEYS = ['hospitalId', 'diseaseCode', 'status', 'townCode', 'from', 'to', 'sort', 'order'] as const;
const STATUS_OPTIONS = Object.entries(CERT_STATUS_LABELS).map(([value, label]) => ({ value, label }));
/** Date over time, to keep the wide table narrow. */
function DateTime({ value }: { value: string | null }) {
  if (!value) return '—';
  return (
    <Space orientation="vertical" size={0}>
      <span>{dayjs(value).format('YYYY-MM-DD')}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {dayjs(value).format('HH:mm')}
      </Typography.Text>
    </Space>
  );
}

/** Start over end ('长期有效' when review-exempt); in the 待复审 tab the days left. */
function Period({ row, review }: { row: CertRowJson; review: boolean }) {
  if (!row.startDate) return '—';
  const daysLeft = row.endDate ? dayjs(row.endDate).diff(dayjs().startOf('day'), 'day') : null;
  return (
    <Space orientation="vertical" size={0}>
      <span>{row.startDate} 至</span>
      <Space size={4}>
        <span>{row.endDate ?? '长期有效'}</span>
        {review && daysLeft !== null && <Tag color={daysLeft <= 15 ? 'red' : 'orange'}>剩 {daysLeft} 天</Tag>}
      </Space>
    </Space>
  );
}

/** All certifications / 待复审: filters, sort and page in the URL; a detail drawer (?cert=id); export. */
export function CertificationList({ options, canRevoke }: Props) {
  const { params, update } = useUrlState();
  const review = params.get('tab') === 'review';
  const query = useMemo(() => {
    const raw = {
      ...Object.fromEntries(params),
      dueWithinDays: review ? REVIEW_WINDOW_DAYS : undefined,
      status: review ? undefined : params.get('status'),
    };
    const parsed = certListQuerySchema.safeParse(raw);
    return parsed.success ? parsed.data : certListQuerySchema.parse({ dueWithinDays: raw.dueWithinDays });
  }, [params, review]);

  const filterParams = new URLSearchParams();
  for (const key of [...FILTER_KEYS, 'dueWithinDays'] as const)
    if (query[key] !== undefined) filterParams.set(key, String(query[key]));
  const apiParams = new URLSearchParams(filterParams);
  apiParams.set('page', String(query.page));
  apiParams.set('pageSize', String(query.pageSize));

  const { data, isFetching, error } = useQuery({
    queryKey: ['certifications', apiParams.toString()],
    queryFn: () => fetchJson<{ data: CertRowJson[]; total: number }>(`/api/certifications?${apiParams}`),
    placeholderData: (prev) => prev,
  });
  const openId = Number(params.get('cert')) || null;
  const keepPage = { page: params.get('page') };
  const sortOrder = (key: CertSortKey) => {
    const sort = query.sort ?? (review ? 'endDate' : 'filedAt');
    const order = query.order ?? (query.sort || review ? 'asc' : 'desc');
    return sort === key ? (order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  };

  const columns: TableProps<CertRowJson>['columns'] = [
    {
      title: '告知单编号',
      dataIndex: 'certificateNo',
      width: 230,
      render: (v) => (v ? <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{v}</span> : '—'),
    },
    {
      title: '人员',
      key: 'person',
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.personName}</span>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>
            {r.maskedId}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '镇街', dataIndex: 'townName', width: 110 },
    { title: '认定医院', dataIndex: 'hospitalName', width: 160 },
    { title: '病种', dataIndex: 'diseaseName', width: 170 },
    { title: '状态', dataIndex: 'status', width: 90, render: (v) => <CertStatusTag status={v} /> },
    {
      title: '申请时间',
      dataIndex: 'filedAt',
      key: 'filedAt',
      width: 120,
      sorter: true,
      sortOrder: sortOrder('filedAt'),
      render: (v) => <DateTime value={v} />,
    },
    {
      title: '决定时间',
      dataIndex: 'decidedAt',
      key: 'decidedAt',
      width: 120,
      sorter: true,
      sortOrder: sortOrder('decidedAt'),
      render: (v) => <DateTime value={v} />,
    },
    { title: '办理时长', dataIndex: 'decisionTime', width: 150, render: (v) => v ?? '—' },
    {
      title: '有效期',
      dataIndex: 'endDate',
      key: 'endDate',
      width: 170,
      fixed: 'right',
      sorter: true,
      sortOrder: sortOrder('endDate'),
      render: (_, r) => <Period row={r} review={review} />,
    },
    {
      title: '操作',
      key: 'op',
      width: 70,
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => update({ cert: r.id, ...keepPage })}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="慢特病认定"
      extra={
        <Button icon={<DownloadOutlined />} href={`/api/certifications/export?${filterParams}`}>
          导出 Excel
        </Button>
      }
    >
      <Tabs
        activeKey={review ? 'review' : 'all'}
        onChange={(key) =>
          update({ tab: key === 'review' ? 'review' : undefined, status: undefined, sort: undefined, order: undefined })
        }
        items={[
          { key: 'all', label: '全部认定' },
          { key: 'review', label: `待复审（${REVIEW_WINDOW_DAYS}天内到期）` },
        ]}
      />
      {review && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已认定、非免复审且有效期在今后 ${REVIEW_WINDOW_DAYS} 天内结束的认定，按到期日先后排列，请通知参保人及时复审。`}
        />
      )}
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <FilterSelect
          label="认定医院"
          placeholder="全部医院"
          width={190}
          value={query.hospitalId}
          options={options.hospitals.map((h) => ({ value: h.id, label: h.name }))}
          onChange={(hospitalId) => update({ hospitalId })}
        />
        <FilterSelect
          label="病种"
          placeholder="全部病种"
          width={220}
          searchable
          value={query.diseaseCode}
          options={options.diseases.map((d) => ({ value: d.code, label: d.name }))}
          onChange={(diseaseCode) => update({ diseaseCode })}
        />
        {!review && (
          <FilterSelect
            label="状态"
            placeholder="全部状态"
            value={query.status}
            options={STATUS_OPTIONS}
            onChange={(status) => update({ status })}
          />
        )}
        <FilterSelect
          label="镇街"
          placeholder="全部镇街"
          width={150}
          value={query.townCode}
          options={options.towns.map((t) => ({ value: t.code, label: t.name }))}
          onChange={(townCode) => update({ townCode })}
        />
        <FilterDateRange label="申请日期" from={query.from} to={query.to} onChange={update} />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<CertRowJson>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        locale={{
          emptyText: review ? `今后 ${REVIEW_WINDOW_DAYS} 天内没有到期需复审的认定` : '没有符合条件的认定记录',
        }}
        scroll={{ x: 'max-content' }}
        pagination={urlPagination(query, data?.total, '条')}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            update({
              sort: s.order ? String(s.columnKey) : undefined,
              order: s.order === 'descend' ? 'desc' : s.order ? 'asc' : undefined,
            });
          } else update({ page: pagination.current, pageSize: pagination.pageSize });
        }}
      />
      {openId && (
        <CertificationDrawer
          id={openId}
          canRevoke={canRevoke}
          onClose={() => update({ cert: undefined, ...keepPage })}
        />
      )}
    </Card>
  );
}
