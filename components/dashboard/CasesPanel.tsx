'use client';

import type { TableProps } from 'antd';
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
import { fmtCount, tickCount } from './format';
import { drillHref, type CasesJson } from './types';
import type { PanelProps } from './use-panel';

type MonthRow = CasesJson['months'][number];
type TownRow = CasesJson['towns'][number];

const countTooltip = (v: unknown) => fmtCount(typeof v === 'number' ? v : null);

const monthColumns: TableProps<MonthRow>['columns'] = [
  { title: '月份', dataIndex: 'label' },
  { title: '新增', dataIndex: 'opened', align: 'right', render: fmtCount },
  { title: '销号', dataIndex: 'closed', align: 'right', render: fmtCount },
  { title: '月末未销号', dataIndex: 'openAtEnd', align: 'right', render: fmtCount },
];

const townColumns: TableProps<TownRow>['columns'] = [
  { title: '镇街', dataIndex: 'townName', fixed: 'left' },
  { title: '未销号', dataIndex: 'open', align: 'right', render: fmtCount },
  { title: '其中逾期', dataIndex: 'overdue', align: 'right', render: fmtCount },
  { title: '已销号', dataIndex: 'closed', align: 'right', render: fmtCount },
];

/** 销号 burn-down (opened and closed by month as bars, each opening its month's worklist; still open as a line) and the worklist by town (open / overdue / closed). */
export function CasesPanel({ data, loading, error, filterQuery }: PanelProps<'cases'>) {
  const months = data?.months ?? [];
  const towns = data?.towns ?? [];
  const t = data?.totals;
  const common = { panel: 'cases' as const, filterQuery, loading, error };
  return (
    <>
      <ChartCard<MonthRow>
        {...common}
        title="销号任务燃尽图（按月）"
        fileName="销号任务-按月"
        rows={months}
        rowKey={(r) => String(r.month)}
        columns={monthColumns}
        summary={
          t && (
            <>
              期初未销号 {fmtCount(t.openAtPeriodStart)}，期内新增{' '}
              <Link href={drillHref(t.drills.openedInPeriod)}>{fmtCount(t.openedInPeriod)}</Link>，期内销号{' '}
              <Link href={drillHref(t.drills.closedInPeriod)}>{fmtCount(t.closedInPeriod)}</Link>
            </>
          )
        }
        chart={(_pick, go) => (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={months} margin={CHART_MARGIN} maxBarSize={28}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis tickFormatter={tickCount} allowDecimals={false} />
              <Tooltip formatter={countTooltip} />
              <Legend />
              <Bar
                dataKey="opened"
                name="当月新增"
                fill={COLORS.blue}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as MonthRow).drills.opened)}
              />
              <Bar
                dataKey="closed"
                name="当月销号"
                fill={COLORS.green}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as MonthRow).drills.closed)}
              />
              <Line
                dataKey="openAtEnd"
                name="月末未销号"
                stroke={COLORS.red}
                strokeWidth={2}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      />
      <ChartCard<TownRow>
        {...common}
        title="销号任务（按镇街）"
        fileName="销号任务-按镇街"
        rows={towns}
        rowKey={(r) => r.townCode}
        columns={townColumns}
        drillOf={(r) => r.drills.open}
        chart={(_pick, go) => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={towns} margin={CHART_MARGIN} maxBarSize={56}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {nameAxis(
                'townName',
                towns.map((t) => t.townName),
              )}
              <YAxis tickFormatter={tickCount} allowDecimals={false} />
              <Tooltip formatter={countTooltip} />
              <Legend />
              <Bar
                dataKey="open"
                name="未销号"
                stackId="a"
                fill={COLORS.orange}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as TownRow).drills.open)}
              />
              <Bar
                dataKey="closed"
                name="已销号"
                stackId="a"
                fill={COLORS.green}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as TownRow).drills.closed)}
              />
              <Bar
                dataKey="overdue"
                name="其中逾期"
                fill={COLORS.red}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as TownRow).drills.overdue)}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      />
    </>
  );
}
