'use client';

import { Descriptions, type TableProps } from 'antd';
import Link from 'next/link';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartCard } from './ChartCard';
import { CHART_MARGIN, CLICKABLE, COLORS, nameAxis } from './chart-parts';
import { fmtCount, fmtMoney, fmtYuan, moneyScale, tickCount } from './format';
import { drillHref, type Drill, type SubsidiesJson } from './types';
import type { PanelProps } from './use-panel';

type CategoryRow = SubsidiesJson['categories'][number];
type TownRow = SubsidiesJson['towns'][number];
type RefundRow = SubsidiesJson['refunds'][number];

/** Tooltip values: 元 series by their name (…金额…), the rest counts. */
const tooltip = (v: unknown, name: unknown) =>
  typeof v !== 'number' ? '—' : String(name).includes('金额') ? fmtYuan(v) : fmtCount(v);

/** A part of a row's 元 that opens its own lines (the row itself opens all of them). */
const part = (fen: number, drill: Drill) =>
  fen === 0 ? (
    fmtYuan(fen)
  ) : (
    <Link href={drillHref(drill)} onClick={(e) => e.stopPropagation()} title="查看明细">
      {fmtYuan(fen)}
    </Link>
  );

const moneyColumns = <R extends CategoryRow | TownRow>(first: TableProps<R>['columns']): TableProps<R>['columns'] => [
  ...(first ?? []),
  { title: '人数', dataIndex: 'people', align: 'right', render: fmtCount },
  { title: '资助金额', dataIndex: 'amountFen', align: 'right', render: fmtYuan },
  { title: '其中退费', dataIndex: 'refundFen', align: 'right', render: (v: number, r) => part(v, r.drills.refundFen) },
  { title: '其中预拨资金', dataIndex: 'fundFen', align: 'right', render: (v: number, r) => part(v, r.drills.fundFen) },
];
const categoryColumns = moneyColumns<CategoryRow>([{ title: '人员类别', dataIndex: 'categoryLabel', fixed: 'left' }]);
const townColumns = moneyColumns<TownRow>([{ title: '镇街', dataIndex: 'townName', fixed: 'left' }]);
const refundColumns: TableProps<RefundRow>['columns'] = [
  { title: '退费状态', dataIndex: 'statusLabel' },
  { title: '笔数', dataIndex: 'count', align: 'right', render: fmtCount },
  { title: '金额', dataIndex: 'amountFen', align: 'right', render: fmtYuan },
];

/** People (line, right axis) and 元 (bars, 万元 on the left axis) of approved batches by one key. */
function peopleAndMoney<R extends CategoryRow | TownRow>(rows: R[], nameKey: string, pick: (row: R) => void) {
  const money = moneyScale(Math.max(0, ...rows.map((r) => r.amountFen)));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} margin={CHART_MARGIN} maxBarSize={56}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {nameAxis(
          nameKey,
          rows.map((r) => String(r[nameKey as keyof R])),
        )}
        <YAxis
          yAxisId="fen"
          tickFormatter={money.tick}
          label={{ value: money.unit, position: 'insideTopLeft', dy: -16 }}
        />
        <YAxis yAxisId="people" orientation="right" tickFormatter={tickCount} allowDecimals={false} />
        <Tooltip formatter={tooltip} />
        <Legend />
        <Bar
          yAxisId="fen"
          dataKey="amountFen"
          name="资助金额"
          fill={COLORS.blue}
          isAnimationActive={false}
          style={CLICKABLE}
          onClick={(bar) => pick(bar.payload as R)}
        />
        <Line
          yAxisId="people"
          dataKey="people"
          name="人数"
          stroke={COLORS.orange}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** 缴费资助 of approved batches: by category and by town; refunds by status; the pre-allocated fund. */
export function SubsidiesPanel({ data, loading, error, filterQuery }: PanelProps<'subsidies'>) {
  const t = data?.totals;
  const common = { panel: 'subsidies' as const, filterQuery, loading, error };
  const categories = data?.categories ?? [];
  const towns = data?.towns ?? [];
  const refunds = data?.refunds ?? [];
  const refundMoney = moneyScale(Math.max(0, ...refunds.map((r) => r.amountFen)));
  return (
    <>
      <ChartCard<CategoryRow>
        {...common}
        title="缴费资助（按人员类别）"
        fileName="缴费资助-按人员类别"
        rows={categories}
        rowKey={(r) => r.category}
        columns={categoryColumns}
        summary={t && `已审批花名册：资助 ${fmtCount(t.people)} 人，${fmtMoney(t.amountFen)}`}
        chart={(pick) => peopleAndMoney(categories, 'categoryLabel', pick)}
      />
      <ChartCard<TownRow>
        {...common}
        title="缴费资助（按镇街）"
        fileName="缴费资助-按镇街"
        rows={towns}
        rowKey={(r) => r.townCode}
        columns={townColumns}
        chart={(pick) => peopleAndMoney(towns, 'townName', pick)}
      />
      <ChartCard<RefundRow>
        {...common}
        title="退费与财政预拨资金"
        fileName="退费与预拨资金"
        rows={refunds}
        rowKey={(r) => r.status}
        columns={refundColumns}
        height={240}
        summary={
          t && (
            <Descriptions size="small" column={{ xs: 1, md: 4 }}>
              <Descriptions.Item label="预拨资金">{fmtYuan(t.allocatedFen)}</Descriptions.Item>
              <Descriptions.Item label="已使用">{fmtYuan(t.usedFen)}</Descriptions.Item>
              <Descriptions.Item label="余额">{fmtYuan(t.balanceFen)}</Descriptions.Item>
              <Descriptions.Item label="退费">
                {fmtCount(t.refundCount)} 笔，{fmtYuan(t.refundFen)}
              </Descriptions.Item>
            </Descriptions>
          )
        }
        chart={(pick) => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={refunds} margin={CHART_MARGIN} maxBarSize={56}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="statusLabel" />
              <YAxis
                tickFormatter={refundMoney.tick}
                label={{ value: refundMoney.unit, position: 'insideTopLeft', dy: -16 }}
              />
              <Tooltip formatter={tooltip} />
              <Bar
                dataKey="amountFen"
                name="退费金额"
                fill={COLORS.purple}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => pick(bar.payload as RefundRow)}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      />
    </>
  );
}
