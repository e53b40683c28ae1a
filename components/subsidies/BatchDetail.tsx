'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { fetchJson } from '@/lib/client/fetch-json';
import { formatWanYuan, formatYuan } from '@/lib/domain/money';
import { BatchActions, BatchExports } from './BatchActions';
import { BatchDiff } from './BatchDiff';
import { BatchLines } from './BatchLines';
import { BatchStatusTag, batchRangeText } from './BatchStatusTag';
import { BatchTotals } from './BatchTotals';
import { subsidyKeys, type BatchDetailJson } from './BatchTypes';

interface Props {
  id: number;
  towns: { code: string; name: string }[];
  districts: { code: string; name: string }[];
  canPrepare: boolean;
  canApprove: boolean;
  /** A town's staff prepare and submit their town's batches only. */
  scopeLevel: 'area' | 'district' | 'town';
}

const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

function Money({ title, fen, testId }: { title: string; fen: number; testId?: string }) {
  return (
    <Col xs={12} md={6}>
      <Statistic title={title} value={formatYuan(fen)} suffix="元" data-testid={testId} />
      <Typography.Text type="secondary">{formatWanYuan(fen)}</Typography.Text>
    </Col>
  );
}

/** 资助批次: its state and people, totals by town × category, the difference from the last generation, the lines; the staff's and supervisor's actions. */
export function BatchDetail({ id, towns, districts, canPrepare, canApprove, scopeLevel }: Props) {
  const { data, error, isLoading } = useQuery({
    queryKey: subsidyKeys.batch(id),
    queryFn: () => fetchJson<BatchDetailJson>(`/api/subsidies/batches/${id}`),
  });
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (isLoading || !data) return <Skeleton active />;
  const { batch: b } = data;
  const districtName = districts.find((d) => d.code === b.districtCode)?.name;
  const range = batchRangeText(b, districtName);
  // Regenerating makes the batch of the user's own range: a town's staff their town's, others the district's.
  const ownRange = scopeLevel === 'town' ? b.townCode !== null : b.townCode === null;
  const townOnly = scopeLevel === 'town' && b.townCode === null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span>
              资助批次 #{b.id} · {b.year} 年度 · {range}
            </span>
            <BatchStatusTag status={b.status} />
          </Space>
        }
        extra={
          <BatchActions
            batch={b}
            rangeText={range}
            canPrepareThis={canPrepare && ownRange}
            canSubmitThis={canPrepare && (scopeLevel !== 'town' || b.townCode !== null)}
            canApprove={canApprove}
          />
        }
      >
        {b.status === 'returned' && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={`已被 ${b.returnedByName ?? ''} 退回（${time(b.returnedAt)}）`}
            description={<span data-testid="return-note">退回意见：{b.returnNote}</span>}
          />
        )}
        {b.status === 'approved' && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={`已由 ${b.approvedByName} 审批通过（${time(b.approvedAt)}），批次已冻结`}
            description="明细不能再修改；之后名单变化产生的新增或金额调整，在新的批次中报批。"
          />
        )}
        {townOnly && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="这是全区的花名册：此处只显示本镇（街）的明细和合计"
          />
        )}
        <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered>
          <Descriptions.Item label="年度">{b.year}</Descriptions.Item>
          <Descriptions.Item label="范围">{range}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <BatchStatusTag status={b.status} />
          </Descriptions.Item>
          <Descriptions.Item label="经办人">{b.preparedByName}</Descriptions.Item>
          <Descriptions.Item label="生成时间">{time(b.generatedAt)}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{time(b.status === 'draft' ? null : b.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="审批人">{b.approvedByName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="审批时间">{time(b.approvedAt)}</Descriptions.Item>
          <Descriptions.Item label="明细">
            {b.totals.lines} 条（年中新增 {b.totals.additions}，金额调整 {b.totals.changes}）
          </Descriptions.Item>
        </Descriptions>
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={12} md={6}>
            <Statistic title="资助人数" value={b.totals.people} suffix="人" data-testid="batch-people" />
          </Col>
          <Money title="资助合计" fen={b.totals.amountFen} testId="batch-amount" />
          <Money title="其中：财政预拨资金支付" fen={b.totals.fundFen} />
          <Money title="其中：返还本人（已缴费）" fen={b.totals.refundFen} />
        </Row>
        <div style={{ marginTop: 16 }}>
          <BatchExports id={b.id} canTaxExport={canPrepare} />
        </div>
      </Card>
      {data.diff && (
        <Card title="与上次生成的差异">
          <BatchDiff diff={data.diff} townOnly={townOnly} />
        </Card>
      )}
      <Card title="分镇街、分类别汇总">
        <BatchTotals totals={data.totals} />
      </Card>
      <Card title="资助明细" extra={<Link href={`/subsidies?year=${b.year}`}>返回 {b.year} 年度花名册</Link>}>
        <BatchLines id={b.id} towns={towns} />
      </Card>
    </Space>
  );
}
