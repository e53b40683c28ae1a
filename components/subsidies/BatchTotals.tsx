'use client';

import { Table, Typography } from 'antd';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { formatWanYuan, formatYuan } from '@/lib/domain/money';
import { labelOf } from '@/lib/labels';
import type { BatchDetailJson } from './BatchTypes';

type Total = BatchDetailJson['totals'][number];
type Row = Total & { key: string; townSpan: number; townPeople: number; townFen: number };

/** 分镇街、分类别汇总: people and 元/万元 per town × category, each town's subtotal, and the whole. */
export function BatchTotals({ totals }: { totals: Total[] }) {
  const byTown = new Map<string, { people: number; fen: number; n: number }>();
  for (const t of totals) {
    const s = byTown.get(t.town_code) ?? { people: 0, fen: 0, n: 0 };
    byTown.set(t.town_code, { people: s.people + t.people, fen: s.fen + t.amount_fen, n: s.n + 1 });
  }
  const rows: Row[] = totals.map((t, i) => {
    const s = byTown.get(t.town_code)!;
    const first = i === 0 || totals[i - 1].town_code !== t.town_code;
    return {
      ...t,
      key: `${t.town_code}-${t.category}`,
      townSpan: first ? s.n : 0,
      townPeople: s.people,
      townFen: s.fen,
    };
  });
  const people = totals.reduce((s, t) => s + t.people, 0);
  const fen = totals.reduce((s, t) => s + t.amount_fen, 0);
  const money = (v: number) => (
    <>
      {formatYuan(v)}
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        {formatWanYuan(v)}
      </Typography.Text>
    </>
  );

  return (
    <Table<Row>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '本批次没有明细' }}
      data-testid="batch-totals"
      columns={[
        { title: '镇街', dataIndex: 'town_name', onCell: (r) => ({ rowSpan: r.townSpan }) },
        { title: '人员类别', dataIndex: 'category', render: (v) => labelOf(PERSON_CATEGORIES, v) },
        { title: '人数', dataIndex: 'people', align: 'right' },
        { title: '金额（元）', dataIndex: 'amount_fen', align: 'right', render: money },
        {
          title: '镇街小计',
          key: 'town',
          align: 'right',
          onCell: (r) => ({ rowSpan: r.townSpan }),
          render: (_, r) => (
            <>
              {r.townPeople} 人，{formatYuan(r.townFen)} 元
            </>
          ),
        },
      ]}
      summary={() =>
        rows.length > 0 && (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0} colSpan={2}>
              合计
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {people}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {money(fen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} />
          </Table.Summary.Row>
        )
      }
    />
  );
}
