'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Space, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import type { Jsonified } from '@/components/cases/types';
import { fetchJson } from '@/lib/client/fetch-json';
import { PERSON_CATEGORIES, POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import {
  AGE_GROUP_LABELS,
  BATCH_STATUS_LABELS,
  labelOf,
  LINE_KIND_LABELS,
  REFUND_STATUS_LABELS,
  SETTLEMENT_LABELS,
  TIER_LABELS,
} from '@/lib/labels';
import type { personSubsidyOp } from '@/lib/operations/subsidy-person';
import type { ResultOf } from '@/lib/server/operation';

type PersonSubsidyJson = Jsonified<ResultOf<typeof personSubsidyOp>>;
type Line = PersonSubsidyJson['lines'][number];

const category = (c: string) => labelOf(PERSON_CATEGORIES, c);
const BATCH_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
};
const REFUND_COLORS: Record<string, string> = { pending: 'orange', refunded: 'green', failed: 'red' };

/** This year's choice: the winning category and amount, why the others lost, or why the person is listed apart. */
function Choice({ data }: { data: PersonSubsidyJson }) {
  const { choice } = data;
  if (!data.hasStandards) return <Alert type="warning" showIcon title={`${data.year} 年度还没有资助标准`} />;
  if (!choice) return <Typography.Text type="secondary">本年度没有名单列入该人员，不享受缴费资助。</Typography.Text>;
  if (choice.apart) return <Alert type="warning" showIcon title={`不予资助：${choice.apart}`} />;
  const { winner, losers } = choice;
  if (!winner) return <Typography.Text type="secondary">本年度所列类别均无资助标准。</Typography.Text>;
  const contribution =
    'tier' in choice
      ? `（个人缴费 ${labelOf(TIER_LABELS, choice.tier)}·${labelOf(AGE_GROUP_LABELS, choice.ageGroup)} ${formatYuan(choice.contributionFen)} 元）`
      : '';
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text strong data-testid="subsidy-winner">
        按{category(winner.category)}资助 {formatYuan(winner.amountFen)} 元{contribution}
      </Typography.Text>
      <Typography.Text type="secondary">
        依据：{labelOf(POVERTY_SOURCE_LABELS, winner.source)}名单（{winner.listDate}）
      </Typography.Text>
      {losers.length > 0 && (
        <div data-testid="subsidy-losers">
          <Typography.Text strong>为何按{category(winner.category)}资助</Typography.Text>
          <List
            size="small"
            dataSource={losers}
            renderItem={(l) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <span>
                    {category(l.category)}（{labelOf(POVERTY_SOURCE_LABELS, l.source)}名单，{l.listDate}）
                    {l.amountFen != null && `：${formatYuan(l.amountFen)} 元`}
                  </span>
                  <Typography.Text type="secondary">{l.reason}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </Space>
  );
}

/** 缴费资助 on the person page: this year's most favourable category, and every line of any year. */
export function PersonSubsidyCard({ personId }: { personId: number }) {
  const { data, error, isLoading } = useQuery({
    queryKey: ['subsidy-person', personId],
    queryFn: () => fetchJson<PersonSubsidyJson>(`/api/subsidies/person/${personId}`),
  });

  return (
    <Card title={`缴费资助（${data?.year ?? new Date().getFullYear()}年度）`} loading={isLoading}>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      {data && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {data.stopped && (
            <Alert
              type="warning"
              showIcon
              data-testid="subsidy-stopped"
              title="已被新名单移出：已发放的资助不追回，此后的批次不再资助"
            />
          )}
          <Choice data={data} />
          {data.approvedFen !== 0 && (
            <Typography.Text>
              本年度已审批资助合计 <Typography.Text strong>{formatYuan(data.approvedFen)}</Typography.Text> 元
            </Typography.Text>
          )}
          <Table<Line>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.lines}
            locale={{ emptyText: '还没有资助记录' }}
            columns={[
              { title: '年度', dataIndex: 'year', width: 70 },
              {
                title: '批次',
                dataIndex: 'batch_id',
                render: (v: number) => <Link href={`/subsidies/batches/${v}`}>#{v}</Link>,
              },
              { title: '类型', dataIndex: 'kind', render: (v: string) => labelOf(LINE_KIND_LABELS, v) },
              { title: '类别', dataIndex: 'category', render: category },
              { title: '金额(元)', dataIndex: 'amount_fen', align: 'right', render: (v: number) => formatYuan(v) },
              { title: '结算方式', dataIndex: 'settlement', render: (v: string) => labelOf(SETTLEMENT_LABELS, v) },
              {
                title: '批次状态',
                dataIndex: 'batch_status',
                render: (v: string) => <Tag color={BATCH_COLORS[v]}>{labelOf(BATCH_STATUS_LABELS, v)}</Tag>,
              },
              {
                title: '退费',
                dataIndex: 'refund_status',
                render: (v: string | null) =>
                  v ? <Tag color={REFUND_COLORS[v]}>{labelOf(REFUND_STATUS_LABELS, v)}</Tag> : '—',
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
