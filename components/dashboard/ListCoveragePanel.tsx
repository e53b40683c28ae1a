'use client';

import type { TableProps } from 'antd';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { ChartCard } from './ChartCard';
import { CHART_MARGIN, CLICKABLE, COLORS, nameAxis } from './chart-parts';
import { fmtCount, fmtRate, tickCount } from './format';
import type { ListCoverageJson } from './types';
import type { PanelProps } from './use-panel';

type SourceRow = ListCoverageJson['sources'][number];
type TownRow = ListCoverageJson['towns'][number];

const countTooltip = (v: unknown) => fmtCount(typeof v === 'number' ? v : null);

const sourceColumns: TableProps<SourceRow>['columns'] = [
  { title: '名单来源', dataIndex: 'sourceLabel', fixed: 'left' },
  { title: '名单日期', dataIndex: 'listDate' },
  { title: '名单人数', dataIndex: 'rows', align: 'right', render: fmtCount },
  { title: '已参保', dataIndex: 'enrolled', align: 'right', render: fmtCount },
  { title: '未参保', dataIndex: 'notEnrolled', align: 'right', render: fmtCount },
  {
    title: '无法比对',
    key: 'unmatched',
    align: 'right',
    render: (_, r) => fmtCount(r.invalidId + r.notFound),
  },
  { title: '参保率', dataIndex: 'enrolledRate', align: 'right', render: fmtRate },
];

const townColumns: TableProps<TownRow>['columns'] = [
  { title: '镇街', dataIndex: 'townName', fixed: 'left' },
  { title: '名单人员', dataIndex: 'people', align: 'right', render: fmtCount },
  { title: '已参保', dataIndex: 'enrolled', align: 'right', render: fmtCount },
  { title: '未参保', dataIndex: 'notEnrolled', align: 'right', render: fmtCount },
  { title: '参保率', dataIndex: 'enrolledRate', align: 'right', render: fmtRate },
];

/** 名单人员参保: each source's latest list (rows enrolled / not, as the list page counts them); people by town. */
export function ListCoveragePanel({ data, loading, error, filterQuery }: PanelProps<'listCoverage'>) {
  const sources = data?.sources ?? [];
  const towns = data?.towns ?? [];
  const common = { panel: 'listCoverage' as const, filterQuery, loading, error };
  const t = data?.totals;
  return (
    <>
      <ChartCard<SourceRow>
        {...common}
        title="名单人员参保情况（按名单来源）"
        fileName="名单人员参保-按来源"
        rows={sources}
        rowKey={(r) => String(r.listId)}
        columns={sourceColumns}
        summary={
          t &&
          `本年度 ${t.lists} 份名单（各来源最新版本），名单行 ${fmtCount(t.rows)}，其中无法比对 ${fmtCount(t.unmatchedRows)}`
        }
        chart={(_pick, go) => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={sources} margin={CHART_MARGIN} maxBarSize={56}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {nameAxis(
                'sourceLabel',
                sources.map((s) => s.sourceLabel),
              )}
              <YAxis tickFormatter={tickCount} />
              <Tooltip formatter={countTooltip} />
              <Legend />
              <Bar
                dataKey="enrolled"
                name="已参保"
                stackId="a"
                fill={COLORS.green}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as SourceRow).drill)}
              />
              <Bar
                dataKey="notEnrolled"
                name="未参保"
                stackId="a"
                fill={COLORS.red}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as SourceRow).drills.notEnrolled)}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      />
      <ChartCard<TownRow>
        {...common}
        title="名单人员参保率（按镇街）"
        fileName="名单人员参保-按镇街"
        rows={towns}
        rowKey={(r) => r.townCode}
        columns={townColumns}
        summary={
          t &&
          `名单人员 ${fmtCount(t.listedPeople)} 人（多份名单上的同一人计一次），已参保 ${fmtCount(t.enrolledPeople)}，参保率 ${fmtRate(t.enrolledRate)}`
        }
        chart={(_pick, go) => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={towns} margin={CHART_MARGIN} maxBarSize={56}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {nameAxis(
                'townName',
                towns.map((t) => t.townName),
              )}
              <YAxis tickFormatter={tickCount} />
              <Tooltip formatter={countTooltip} />
              <Legend />
              <Bar
                dataKey="enrolled"
                name="已参保"
                stackId="a"
                fill={COLORS.green}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as TownRow).drills.enrolled)}
              />
              <Bar
                dataKey="notEnrolled"
                name="未参保"
                stackId="a"
                fill={COLORS.red}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(bar) => go((bar.payload as TownRow).drills.notEnrolled)}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      />
    </>
  );
}
