'use client';

import { Alert, Card, Col, Row, Space, Table, Typography, type TableProps } from 'antd';
import Link from 'next/link';
import { formatYuan } from '@/lib/domain/money';
import { APART_REASONS, type ApartReason } from '@/lib/domain/subsidy-roster';
import type { BatchDetailJson } from './BatchTypes';

type Diff = NonNullable<BatchDetailJson['diff']>;
type Named = { personId: number; name: string; maskedId: string; birthYear: number | null; townName: string };

const yuan = (fen: number) => `${formatYuan(fen)} 元`;

function Section<R extends Named>({
  title,
  testId,
  count,
  rows,
  note,
  amount,
}: {
  title: string;
  testId: string;
  count: number;
  rows: R[];
  note?: string;
  amount: { title: string; render: (r: R) => string };
}) {
  if (count === 0) return null;
  const columns: TableProps<R>['columns'] = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (v, r) => (
        <Link href={`/persons/${r.personId}`} style={{ whiteSpace: 'nowrap' }}>
          {v}
        </Link>
      ),
    },
    {
      title: '身份证号',
      dataIndex: 'maskedId',
      render: (v, r) => (
        <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
          {v}
          {r.birthYear ? `（${r.birthYear}年生）` : ''}
        </span>
      ),
    },
    { title: '镇街', dataIndex: 'townName' },
    {
      title: amount.title,
      key: 'amount',
      align: 'right',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{amount.render(r)}</span>,
    },
  ];
  return (
    <Col span={24}>
      <Card size="small" title={`${title}（${count}）`} data-testid={testId}>
        {note && <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>}
        <Table<R>
          rowKey="personId"
          size="small"
          pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
          dataSource={rows}
          columns={columns}
        />
        {count > rows.length && <Typography.Text type="secondary">仅显示前 {rows.length} 人</Typography.Text>}
      </Card>
    </Col>
  );
}

/** 与上次生成相比 (`townOnly`: a town's staff on a district batch — the counts are the district's, the names their town's): added, removed, amount changed (named), people a newer list removed after approval, and who is listed apart. */
export function BatchDiff({ diff, townOnly = false }: { diff: Diff | null; townOnly?: boolean }) {
  if (!diff) return null;
  const { counts, apart } = diff;
  const apartEntries = (Object.entries(apart) as [ApartReason, number][]).filter(([, n]) => n > 0);
  const headline =
    diff.comparedTo === 'first'
      ? `首次生成：列入 ${counts.added} 人`
      : `与上次生成相比：新增 ${counts.added}、移出 ${counts.removed}、金额变化 ${counts.changed}`;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="batch-diff">
      <Typography.Text strong data-testid="batch-diff-headline">
        {headline}
        {counts.stopped > 0 && `；新名单移出已资助人员 ${counts.stopped}`}
      </Typography.Text>
      {townOnly && (
        <Typography.Text type="secondary">以上人数为全区人数；下列名单只列本镇（街）的人员。</Typography.Text>
      )}
      {apartEntries.length > 0 && (
        <Alert
          type="info"
          showIcon
          title="以下人员在名单中但不列入花名册"
          description={apartEntries.map(([reason, n]) => `${APART_REASONS[reason]}：${n} 人`).join('；')}
        />
      )}
      <Row gutter={[16, 16]}>
        {diff.comparedTo === 'draft' && (
          <Section
            title="新增"
            testId="diff-added"
            count={counts.added}
            rows={diff.added}
            amount={{ title: '资助金额', render: (r) => yuan(r.afterFen) }}
          />
        )}
        <Section
          title="移出"
          testId="diff-removed"
          count={counts.removed}
          rows={diff.removed}
          note="上次生成时列入、本次不再列入（尚未审批，不涉及已发放的资助）"
          amount={{ title: '原资助金额', render: (r) => yuan(r.beforeFen) }}
        />
        <Section
          title="金额变化"
          testId="diff-changed"
          count={counts.changed}
          rows={diff.changed}
          amount={{ title: '原金额 → 新金额', render: (r) => `${formatYuan(r.beforeFen)} → ${formatYuan(r.afterFen)}` }}
        />
        <Section
          title="新名单移出（停止资助）"
          testId="diff-stopped"
          count={counts.stopped}
          rows={diff.stopped}
          note="已被新名单移出，已发放的资助不追回，此后不再资助"
          amount={{ title: '已资助金额', render: (r) => yuan(r.netFen) }}
        />
      </Row>
    </Space>
  );
}
