'use client';

import { DownloadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Space, Table, Tag, Typography, type TableProps } from 'antd';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { CASE_CLOSE_REASON_LABELS, CASE_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/case-labels';
import { fetchJson } from '@/lib/client/fetch-json';
import { useUrlState } from '@/lib/client/use-url-state';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { labelOf } from '@/lib/labels';
import { caseQuerySchema } from '@/lib/schemas/matching';
import { CaseAssignModal } from './CaseAssignModal';
import { CaseDrawer } from './CaseDrawer';
import type { CaseRowJson } from './types';
import { urlPagination } from '@/lib/client/table-pagination';
import { FilterDateRange, FilterSelect } from '@/components/common/Filters';

interface Props {
  towns: { code: string; name: string }[];
  /** May assign, edit, close and reopen cases ('case.work'); otherwise read-only. */
  canWork: boolean;
}

type StatusFilter = 'open' | 'closed' | 'all';
const STATUS_OPTIONS = [
  { value: 'open', label: CASE_STATUS_LABELS.open },
  { value: 'closed', label: CASE_STATUS_LABELS.closed },
  { value: 'all', label: '全部' },
];

/** The 销号 worklist: filters in the URL (status defaults to 待销号), overdue first, bulk assignment, export. */
export function CaseWorklist({ towns, canWork }: Props) {
  const { params, update } = useUrlState();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<CaseRowJson[]>([]);
  const [assigning, setAssigning] = useState<{ ids: number[]; townCode: string } | null>(null);

  const status: StatusFilter =
    params.get('status') === 'closed' ? 'closed' : params.get('status') === 'all' ? 'all' : 'open';
  const query = useMemo(() => {
    const raw = { ...Object.fromEntries(params), status: status === 'all' ? undefined : status };
    const parsed = caseQuerySchema.safeParse(raw);
    return parsed.success ? parsed.data : caseQuerySchema.parse({ status: raw.status });
  }, [params, status]);
  const filterParams = new URLSearchParams();
  if (query.status) filterParams.set('status', query.status);
  if (query.townCode) filterParams.set('townCode', query.townCode);
  if (query.mine) filterParams.set('mine', '1');
  if (query.overdue) filterParams.set('overdue', '1');
  for (const key of ['openedFrom', 'openedTo', 'closedFrom', 'closedTo'] as const)
    if (query[key]) filterParams.set(key, query[key]);
  const apiParams = new URLSearchParams(filterParams);
  apiParams.set('page', String(query.page));
  apiParams.set('pageSize', String(query.pageSize));

  const { data, isFetching, error } = useQuery({
    queryKey: ['cases', apiParams.toString()],
    queryFn: () => fetchJson<{ data: CaseRowJson[]; total: number }>(`/api/cases?${apiParams}`),
    placeholderData: (prev) => prev,
  });

  const openCaseId = Number(params.get('case')) || null;
  const keepPage = { page: params.get('page') };

  function startBulkAssign() {
    const townCodes = new Set(selected.map((r) => r.townCode));
    if (townCodes.size !== 1) {
      message.warning('所选任务属于不同镇街，不能一起分派：请先按镇街筛选，再分别分派');
      return;
    }
    setAssigning({ ids: selected.map((r) => r.id), townCode: [...townCodes][0] });
  }

  const columns: TableProps<CaseRowJson>['columns'] = [
    {
      title: '人员',
      key: 'person',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link href={`/persons/${r.personId}`}>{r.personName}</Link>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {r.maskedId}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '镇街', dataIndex: 'townName' },
    { title: '类型', dataIndex: 'kind', render: (v) => labelOf(CASE_KIND_LABELS, v) },
    {
      title: '经办人',
      dataIndex: 'assigneeName',
      render: (v) => v ?? <Typography.Text type="secondary">未分派</Typography.Text>,
    },
    {
      title: '到期日',
      dataIndex: 'dueDate',
      render: (v, r) => (
        <Space size={4}>
          <span>{v}</span>
          {r.overdue && <Tag color="red">逾期</Tag>}
        </Space>
      ),
    },
    { title: '新增日期', dataIndex: 'openedAt', render: (v: string) => shanghaiDate(new Date(v)) },
    {
      title: '销号日期',
      dataIndex: 'closedAt',
      render: (v: string | null) => (v ? shanghaiDate(new Date(v)) : '—'),
    },
    {
      title: '状态/销号原因',
      dataIndex: 'status',
      render: (v, r) => (
        <Space size={4}>
          <Tag color={v === 'open' ? 'orange' : 'green'}>{labelOf(CASE_STATUS_LABELS, v)}</Tag>
          {r.closeReason && <span>{labelOf(CASE_CLOSE_REASON_LABELS, r.closeReason)}</span>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => update({ case: r.id, ...keepPage })}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="销号任务"
      extra={
        <Space>
          {canWork && (
            <Button icon={<UserSwitchOutlined />} disabled={selected.length === 0} onClick={startBulkAssign}>
              批量分派{selected.length > 0 ? `（${selected.length}）` : ''}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={`/api/cases/export?${filterParams}`}>
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <FilterSelect
          label="状态"
          required
          value={status}
          options={STATUS_OPTIONS}
          onChange={(v) => update({ status: v === 'open' ? undefined : v })}
        />
        <FilterSelect
          label="镇街"
          placeholder="全部镇街"
          width={160}
          value={query.townCode}
          options={towns.map((t) => ({ value: t.code, label: t.name }))}
          onChange={(townCode) => update({ townCode })}
        />
        {canWork && (
          <Form.Item>
            <Checkbox checked={query.mine} onChange={(e) => update({ mine: e.target.checked ? 1 : undefined })}>
              我的任务
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item>
          <Checkbox checked={query.overdue} onChange={(e) => update({ overdue: e.target.checked ? 1 : undefined })}>
            仅看逾期
          </Checkbox>
        </Form.Item>
        <FilterDateRange
          label="新增日期"
          from={query.openedFrom}
          to={query.openedTo}
          onChange={({ from, to }) => update({ openedFrom: from, openedTo: to })}
        />
        <FilterDateRange
          label="销号日期"
          from={query.closedFrom}
          to={query.closedTo}
          onChange={({ from, to }) => update({ closedFrom: from, closedTo: to })}
        />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<CaseRowJson>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        locale={{ emptyText: '没有符合条件的销号任务' }}
        rowClassName={(r) => (r.overdue ? 'case-row-overdue' : '')}
        onRow={(r) => (r.overdue ? { style: { background: '#fff1f0' } } : {})}
        rowSelection={
          canWork
            ? {
                preserveSelectedRowKeys: true,
                selectedRowKeys: selected.map((r) => r.id),
                getCheckboxProps: (r) => ({ disabled: r.status !== 'open', 'aria-label': `选择 ${r.personName}` }),
                onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
              }
            : undefined
        }
        pagination={urlPagination(query, data?.total, '条')}
        onChange={(pagination) => update({ page: pagination.current, pageSize: pagination.pageSize })}
      />
      {assigning && (
        <CaseAssignModal
          caseIds={assigning.ids}
          townCode={assigning.townCode}
          onClose={() => setAssigning(null)}
          onDone={() => {
            setAssigning(null);
            setSelected([]);
          }}
        />
      )}
      {openCaseId && (
        <CaseDrawer caseId={openCaseId} canWork={canWork} onClose={() => update({ case: undefined, ...keepPage })} />
      )}
    </Card>
  );
}
