'use client';

import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Statistic, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { useState } from 'react';
import { fetchJson } from '@/lib/client/fetch-json';
import { formatWanYuan, formatYuan } from '@/lib/domain/money';
import { FUND_ENTRY_KIND_LABELS, labelOf } from '@/lib/labels';
import { FundAllocateModal } from './FundAllocateModal';
import { subsidyKeys, type FundOverviewJson, type FundRowJson } from './BatchTypes';

type Entry = FundOverviewJson['entries'][number];

/** 财政预拨资金: per district the year's allocations, uses and balance; 登记预拨资金; the ledger. */
export function FundCard({
  year,
  funds,
  districtCode,
  canAllocate,
  pickDistrict,
}: {
  year: number;
  funds: FundRowJson[];
  districtCode: string | undefined;
  /** subsidy.prepare and not a town's staff: the fund is the district's. */
  canAllocate: boolean;
  pickDistrict: boolean;
}) {
  const [allocating, setAllocating] = useState(false);
  const { data, error, isFetching } = useQuery({
    queryKey: subsidyKeys.fund(year),
    queryFn: () => fetchJson<FundOverviewJson>(`/api/subsidies/fund?year=${year}`),
  });
  const names = new Map(funds.map((f) => [f.districtCode, f.districtName]));

  const columns: TableProps<Entry>['columns'] = [
    { title: '时间', dataIndex: 'createdAt', width: 150, render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    ...(funds.length > 1
      ? [{ title: '区县', dataIndex: 'districtCode', render: (v: string) => names.get(v) ?? v }]
      : []),
    { title: '类型', dataIndex: 'kind', width: 90, render: (v) => labelOf(FUND_ENTRY_KIND_LABELS, v) },
    {
      title: '金额（元）',
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => (
        <Typography.Text type={v < 0 ? 'danger' : 'success'} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {v > 0 ? '+' : ''}
          {formatYuan(v)}
        </Typography.Text>
      ),
    },
    {
      title: '批次',
      dataIndex: 'batchId',
      width: 80,
      render: (v) => (v ? <Link href={`/subsidies/batches/${v}`}>#{v}</Link> : '—'),
    },
    { title: '文号/说明', dataIndex: 'note', render: (v) => v ?? '—' },
    { title: '登记人', dataIndex: 'createdByName', width: 140 },
  ];

  return (
    <Card
      title={`财政预拨资金（${year} 年度）`}
      data-testid="fund-card"
      extra={
        canAllocate && (
          <Button icon={<PlusOutlined />} onClick={() => setAllocating(true)}>
            登记预拨资金
          </Button>
        )
      }
    >
      <Row gutter={[16, 16]}>
        {funds.map((f) => (
          <Col key={f.districtCode} xs={24} lg={funds.length > 1 ? 12 : 24}>
            <Card size="small" title={f.districtName} data-testid={`fund-${f.districtCode}`}>
              <Row gutter={16}>
                {[
                  ['已预拨', f.allocatedFen],
                  ['已动用', f.usedFen],
                  ['余额', f.balanceFen],
                ].map(([title, fen]) => (
                  <Col key={title} span={8}>
                    <Statistic
                      title={title}
                      value={formatYuan(fen as number)}
                      suffix="元"
                      data-testid={`fund-${title}`}
                    />
                    <Typography.Text type="secondary">{formatWanYuan(fen as number)}</Typography.Text>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0' }}>
        年中新增且尚未缴费的人员，审批通过时从预拨资金中支付；余额不足时不能审批，须先登记预拨资金。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 12 }} />}
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={isFetching}
        columns={columns}
        dataSource={data?.entries ?? []}
        locale={{ emptyText: '本年度还没有预拨或动用记录' }}
        pagination={(data?.entries.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
        data-testid="fund-ledger"
      />
      {allocating && (
        <FundAllocateModal
          year={year}
          districts={funds.map((f) => ({ code: f.districtCode, name: f.districtName }))}
          districtCode={districtCode}
          pickDistrict={pickDistrict}
          onClose={() => setAllocating(false)}
        />
      )}
    </Card>
  );
}
