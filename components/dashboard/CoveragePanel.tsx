'use client';

import type { TableProps } from 'antd';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { ChartCard } from './ChartCard';
import { CHART_MARGIN, CLICKABLE, COLORS, fullLine, nameAxis } from './chart-parts';
import { fmtCount, fmtRate, tickRate } from './format';
import type { PanelProps } from './use-panel';
import type { CoverageJson } from './types';

type TownRow = CoverageJson['towns'][number];

const rateTooltip = (v: unknown) => fmtRate(typeof v === 'number' ? v : null);

const coverageColumns: TableProps<TownRow>['columns'] = [
  { title: '镇街', dataIndex: 'townName', fixed: 'left' },
  { title: '常住人口', dataIndex: 'residentPopulation', align: 'right', render: fmtCount },
  { title: '参保人数', dataIndex: 'insured', align: 'right', render: fmtCount },
  { title: '覆盖率', dataIndex: 'coverageRate', align: 'right', render: fmtRate },
  { title: '参保任务数', dataIndex: 'insuredTarget', align: 'right', render: fmtCount },
  { title: '任务完成率', dataIndex: 'targetRate', align: 'right', render: fmtRate },
];

const expansionColumns: TableProps<TownRow>['columns'] = [
  { title: '镇街', dataIndex: 'townName', fixed: 'left' },
  { title: '扩面人数', dataIndex: 'expansion', align: 'right', render: fmtCount },
  { title: '扩面任务数', dataIndex: 'expansionTarget', align: 'right', render: fmtCount },
  { title: '扩面完成率', dataIndex: 'expansionRate', align: 'right', render: fmtRate },
];

/** 参保覆盖: insured ÷ resident population by town against a 100 % line; 扩面 ÷ its target. */
export function CoveragePanel({ data, loading, error, filterQuery }: PanelProps<'coverage'>) {
  const towns = data?.towns ?? [];
  const common = {
    panel: 'coverage' as const,
    filterQuery,
    rows: towns,
    rowKey: (r: TownRow) => r.townCode,
    loading,
    error,
  };
  const rateChart = (key: 'coverageRate' | 'expansionRate', name: string, pick: (row: TownRow) => void) => (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={towns} margin={CHART_MARGIN} maxBarSize={56}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {nameAxis(
          'townName',
          towns.map((t) => t.townName),
        )}
        <YAxis tickFormatter={tickRate} domain={[0, (max: number) => Math.max(1.1, Math.ceil(max * 10) / 10)]} />
        <Tooltip formatter={rateTooltip} />
        {fullLine()}
        <Bar
          dataKey={key}
          name={name}
          isAnimationActive={false}
          style={CLICKABLE}
          onClick={(bar) => pick(bar.payload as TownRow)}
        >
          {towns.map((t) => (
            <Cell key={t.townCode} fill={(t[key] ?? 0) >= 1 ? COLORS.green : COLORS.blue} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
  return (
    <>
      <ChartCard<TownRow>
        {...common}
        title="参保覆盖率（参保人数 ÷ 常住人口）"
        fileName="参保覆盖率"
        columns={coverageColumns}
        chart={(pick) => rateChart('coverageRate', '覆盖率', pick)}
      />
      <ChartCard<TownRow>
        {...common}
        title="扩面完成率（扩面人数 ÷ 扩面任务数）"
        fileName="扩面完成率"
        columns={expansionColumns}
        drillOf={(r) => r.expansionDrill}
        chart={(pick) => rateChart('expansionRate', '扩面完成率', pick)}
      />
    </>
  );
}
