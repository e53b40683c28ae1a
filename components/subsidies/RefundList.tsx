'use client';

import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Space, Table, Tag, Typography, type TableProps } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { useUrlState } from '@/lib/client/use-url-state';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { labelOf, REFUND_STATUS_LABELS } from '@/lib/labels';
import { refundsKey, RefundUpdateModal, type RefundMove, type RefundRowJson } from './RefundUpdateModal';

const STATUS_COLORS: Record<string, string> = { pending: 'orange', refunded: 'green', failed: 'red' };
const STATUS_OPTIONS = Object.entries(REFUND_STATUS_LABELS).map(([value, label]) => ({ value, label }));
const THIS_YEAR = new Date().getFullYear();
const YEAR_OPTIONS = Array.from({ length: 6 }, (_, i) => THIS_YEAR - i).map((y) => ({
  value: String(y),
  label: `${y}年`,
}));

export function RefundStatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLORS[status]}>{labelOf(REFUND_STATUS_LABELS, status)}</Tag>;
}

/**
 * 退费记录: people added by a newer list after their town's roster was approved who had already paid
 * their contribution; the subsidy is returned to them. Staff record 已退 / 退回失败 / 重新退费.
 */
export function RefundList({ canUpdate, towns }: { canUpdate: boolean; towns: { code: string; name: string }[] }) {
  const { params, update } = useUrlState();
  const filter = new URLSearchParams();
  for (const key of ['year', 'status', 'townCode']) if (params.get(key)) filter.set(key, params.get(key)!);
  const [moving, setMoving] = useState<{ refund: RefundRowJson; move: RefundMove } | null>(null);
  const { data, isFetching, error } = useQuery({
    queryKey: [...refundsKey, filter.toString()],
    queryFn: () => fetchJson<{ data: RefundRowJson[] }>(`/api/subsidies/refunds?${filter}`),
    placeholderData: (prev) => prev,
  });
  const rows = data?.data ?? [];
  const totalFen = rows.reduce((s, r) => s + r.amountFen, 0);

  const columns: TableProps<RefundRowJson>['columns'] = [
    { title: '年度', dataIndex: 'year', width: 70 },
    {
      title: '姓名',
      dataIndex: 'personName',
      render: (v: string, r) => <Link href={`/persons/${r.personId}`}>{v}</Link>,
    },
    {
      title: '身份证号',
      key: 'id',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <span style={{ fontFamily: 'monospace' }}>{r.maskedId}</span>
          <Typography.Text type="secondary"> {r.birthYear}年生</Typography.Text>
        </span>
      ),
    },
    { title: '镇街', dataIndex: 'townName' },
    { title: '类别', dataIndex: 'category', render: (v: string) => labelOf(PERSON_CATEGORIES, v) },
    { title: '个人已缴(元)', dataIndex: 'paidFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: '退费金额(元)', dataIndex: 'amountFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <RefundStatusTag status={v} /> },
    { title: '退费账户', dataIndex: 'accountRef', render: (v: string | null) => v ?? '—' },
    { title: '日期', dataIndex: 'statusDate', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '失败原因', dataIndex: 'failReason', render: (v: string | null) => v ?? '—' },
    {
      title: '批次',
      dataIndex: 'batchId',
      width: 80,
      render: (v: number) => <Link href={`/subsidies/batches/${v}`}>#{v}</Link>,
    },
    ...(canUpdate
      ? [
          {
            title: '操作',
            key: 'op',
            width: 190,
            render: (_: unknown, r: RefundRowJson) => (
              <Space size={0} wrap>
                {r.status === 'pending' && (
                  <>
                    <Button type="link" size="small" onClick={() => setMoving({ refund: r, move: 'refunded' })}>
                      登记已退
                    </Button>
                    <Button type="link" size="small" danger onClick={() => setMoving({ refund: r, move: 'failed' })}>
                      登记退回失败
                    </Button>
                  </>
                )}
                {r.status === 'failed' && (
                  <Button type="link" size="small" onClick={() => setMoving({ refund: r, move: 'pending' })}>
                    重新退费
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title="退费记录"
      extra={
        <Button icon={<DownloadOutlined />} href={`/api/subsidies/refunds/export?${filter}`}>
          导出 Excel
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="年中新增人员（所在镇街的花名册已审批后由新名单列入）已自行缴费的，按资助标准返还本人；审批通过的批次自动生成待退记录。本系统只保存脱敏的退费账户。"
      />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={params.toString()}>
        <FilterSelect
          label="年度"
          value={params.get('year') || undefined}
          options={YEAR_OPTIONS}
          onChange={(year) => update({ year })}
        />
        <FilterSelect
          label="状态"
          value={params.get('status') || undefined}
          options={STATUS_OPTIONS}
          onChange={(status) => update({ status })}
        />
        {towns.length > 1 && (
          <FilterSelect
            label="镇街"
            placeholder="全部镇街"
            width={160}
            value={params.get('townCode') || undefined}
            options={towns.map((t) => ({ value: t.code, label: t.name }))}
            onChange={(townCode) => update({ townCode })}
          />
        )}
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<RefundRowJson>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有符合条件的退费记录' }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条，退费合计 ${formatYuan(totalFen)} 元`,
        }}
      />
      {moving && <RefundUpdateModal refund={moving.refund} move={moving.move} onClose={() => setMoving(null)} />}
    </Card>
  );
}
