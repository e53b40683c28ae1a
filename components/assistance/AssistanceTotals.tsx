'use client';

import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { AssistancePage } from './types';
import { yuanAndWan } from './types';

const wan = (fen: number) => (fen / 1_000_000).toFixed(2);

/**
 * The totals of ALL records matching the filters (not the page): 人次 = settlements that stand
 * (not reversed, not reversals), 人数 = distinct people, 金额 = their assistance, 住院 / 门诊 split.
 */
export function AssistanceTotals({ data, loading }: { data: AssistancePage | undefined; loading: boolean }) {
  const t = data;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="assistance-totals">
      <Row gutter={16}>
        <Col xs={12} md={4}>
          <Statistic title="救助人次（有效结算）" value={t?.personTimes ?? 0} loading={loading && !t} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="救助人数（去重）" value={t?.people ?? 0} loading={loading && !t} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="救助金额（万元）"
            value={wan(t?.assistanceFen ?? 0)}
            loading={loading && !t}
            suffix={
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t ? yuanAndWan(t.assistanceFen).split('（')[0] : ''}
              </Typography.Text>
            }
          />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title="其中住院（万元）" value={wan(t?.inpatientFen ?? 0)} loading={loading && !t} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title="其中门诊（万元）" value={wan(t?.outpatientFen ?? 0)} loading={loading && !t} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        统计口径：人次为未被冲销的结算笔数，人数为其中不重复的人员；被冲销的原结算和冲销记录都不计入人次和金额（列表中仍列出，共{' '}
        {t?.total ?? 0} 条记录）。每人每年住院、门诊救助合计上限 5 万元，超过的记录只标记、不核减。
      </Typography.Paragraph>
    </Card>
  );
}
