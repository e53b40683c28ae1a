'use client';

import { Table, Tag } from 'antd';
import type { LayerResult } from '@/lib/domain/settlement';
import { layerTitle, ruleOf, yuan } from './types';

/** The six layers of one stay: the rule with this stay's figures, the amount, and the burden left after it. */
export function LayerTable({
  layers,
  personFen,
  compact = false,
}: {
  layers: LayerResult[];
  personFen: number;
  compact?: boolean;
}) {
  return (
    <Table<LayerResult>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={layers}
      data-testid="layer-table"
      columns={[
        { title: '保障层次', key: 'title', width: 150, render: (_, l) => layerTitle(l) },
        {
          title: '规则与计算依据',
          key: 'rule',
          render: (_, l) => (
            <div style={{ fontSize: compact ? 12 : 13, lineHeight: 1.6 }}>
              {ruleOf(l).map((line) => (
                <div key={line}>{line}</div>
              ))}
              {l.uncappedFen !== l.amountFen && (
                <Tag color="orange">
                  按比例 {yuan(l.uncappedFen)}，受{l.key === 'commercial' ? '本次负担或年度限额' : '年度限额'}限制
                </Tag>
              )}
            </div>
          ),
        },
        {
          title: '本次支付',
          key: 'amount',
          width: 140,
          align: 'right',
          render: (_, l) => <span data-testid={`layer-${l.key}`}>{yuan(l.amountFen)}</span>,
        },
        { title: '支付后个人负担', key: 'left', width: 150, align: 'right', render: (_, l) => yuan(l.remainingFen) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <b>个人自付合计</b>（第六层后个人负担 + 合规费用以外费用减免后部分）
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right" colSpan={2}>
            <b data-testid="person-share">{yuan(personFen)}</b>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
