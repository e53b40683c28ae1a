'use client';

import type { TableProps } from 'antd';
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
import type { AssistanceJson } from './types';
import type { PanelProps } from './use-panel';

type MonthRow = AssistanceJson['months'][number];
type CategoryRow = AssistanceJson['categories'][number];
type TownRow = AssistanceJson['towns'][number];
type Row = MonthRow | CategoryRow | TownRow;

/** Tooltip values: 元 series by their name (…(元)), the rest 人次. */
const tooltip = (v: unknown, name: unknown) =>
  typeof v !== 'number' ? '—' : String(name).includes('元') ? fmtYuan(v) : fmtCount(v);

function columns<R extends Row>(first: TableProps<R>['columns']): TableProps<R>['columns'] {
  return [
    ...(first ?? []),
    { title: '人次', dataIndex: 'personTimes', align: 'right', render: fmtCount },
    { title: '人数', dataIndex: 'people', align: 'right', render: fmtCount },
    { title: '救助金额', dataIndex: 'assistanceFen', align: 'right', render: fmtYuan },
    { title: '住院', dataIndex: 'inpatientFen', align: 'right', render: fmtYuan },
    { title: '住院人次', dataIndex: 'inpatientTimes', align: 'right', render: fmtCount },
    { title: '门诊', dataIndex: 'outpatientFen', align: 'right', render: fmtYuan },
    { title: '门诊人次', dataIndex: 'outpatientTimes', align: 'right', render: fmtCount },
  ];
}
const monthColumns = columns<MonthRow>([{ title: '月份', dataIndex: 'label', fixed: 'left' }]);
const categoryColumns = columns<CategoryRow>([{ title: '人员类别', dataIndex: 'categoryLabel', fixed: 'left' }]);
const townColumns = columns<TownRow>([{ title: '镇街', dataIndex: 'townName', fixed: 'left' }]);

/** 住院 / 门诊 元 stacked by category or town; a bar opens the assistance list of its row. */
function splitBars<R extends CategoryRow | TownRow>(rows: R[], nameKey: string, pick: (row: R) => void) {
  const money = moneyScale(Math.max(0, ...rows.map((r) => r.assistanceFen)));
  const bar = (key: 'inpatientFen' | 'outpatientFen', name: string, fill: string) => (
    <Bar
      dataKey={key}
      name={name}
      stackId="fen"
      fill={fill}
      isAnimationActive={false}
      style={CLICKABLE}
      onClick={(b) => pick(b.payload as R)}
    />
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={CHART_MARGIN} maxBarSize={56}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {nameAxis(
          nameKey,
          rows.map((r) => String(r[nameKey as keyof R])),
        )}
        <YAxis tickFormatter={money.tick} label={{ value: money.unit, position: 'insideTopLeft', dy: -16 }} />
        <Tooltip formatter={tooltip} />
        <Legend />
        {bar('inpatientFen', '住院(元)', COLORS.blue)}
        {bar('outpatientFen', '门诊(元)', COLORS.cyan)}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** 医疗救助: by month (住院/门诊 元 stacked, 人次 a line on a second axis), by category and by town. */
export function AssistancePanel({ data, loading, error, filterQuery }: PanelProps<'assistance'>) {
  const months = data?.months ?? [];
  const categories = data?.categories ?? [];
  const towns = data?.towns ?? [];
  const t = data?.totals;
  const common = { panel: 'assistance' as const, filterQuery, loading, error };
  const money = moneyScale(Math.max(0, ...months.map((m) => m.assistanceFen)));
  return (
    <>
      <ChartCard<MonthRow>
        {...common}
        title="医疗救助（按月）"
        fileName="医疗救助-按月"
        rows={months}
        rowKey={(r) => String(r.month)}
        columns={monthColumns}
        summary={
          t &&
          `救助 ${fmtCount(t.personTimes)} 人次、${fmtCount(t.people)} 人，${fmtMoney(t.assistanceFen)}（住院 ${fmtMoney(t.inpatientFen)} / ${fmtCount(t.inpatientTimes)} 人次，门诊 ${fmtMoney(t.outpatientFen)} / ${fmtCount(t.outpatientTimes)} 人次）${t.peopleOverCap ? `；超年度救助限额 ${fmtCount(t.peopleOverCap)} 人` : ''}`
        }
        chart={(pick) => (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={months} margin={CHART_MARGIN} maxBarSize={56}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis
                yAxisId="fen"
                tickFormatter={money.tick}
                label={{ value: money.unit, position: 'insideTopLeft', dy: -16 }}
              />
              <YAxis yAxisId="times" orientation="right" tickFormatter={tickCount} allowDecimals={false} />
              <Tooltip formatter={tooltip} />
              <Legend />
              <Bar
                yAxisId="fen"
                dataKey="inpatientFen"
                name="住院(元)"
                stackId="fen"
                fill={COLORS.blue}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(b) => pick(b.payload as MonthRow)}
              />
              <Bar
                yAxisId="fen"
                dataKey="outpatientFen"
                name="门诊(元)"
                stackId="fen"
                fill={COLORS.cyan}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(b) => pick(b.payload as MonthRow)}
              />
              <Line
                yAxisId="times"
                dataKey="personTimes"
                name="人次"
                stroke={COLORS.orange}
                strokeWidth={2}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      />
      <ChartCard<CategoryRow>
        {...common}
        title="医疗救助（按人员类别）"
        fileName="医疗救助-按人员类别"
        rows={categories}
        rowKey={(r) => r.category ?? 'none'}
        columns={categoryColumns}
        chart={(pick) => splitBars(categories, 'categoryLabel', pick)}
      />
      <ChartCard<TownRow>
        {...common}
        title="医疗救助（按镇街）"
        fileName="医疗救助-按镇街"
        rows={towns}
        rowKey={(r) => r.townCode}
        columns={townColumns}
        chart={(pick) => splitBars(towns, 'townName', pick)}
      />
    </>
  );
}
