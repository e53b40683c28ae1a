'use client';

import { Card, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { AssistancePanel } from './AssistancePanel';
import { CasesPanel } from './CasesPanel';
import { CertificationsPanel } from './CertificationsPanel';
import { FilterCaption } from './ChartCard';
import { CoveragePanel } from './CoveragePanel';
import { DashboardFilters, type TownOption } from './DashboardFilters';
import { HeadlineCards } from './HeadlineCards';
import { ListCoveragePanel } from './ListCoveragePanel';
import { SubsidiesPanel } from './SubsidiesPanel';
import type { DashboardPanel } from './types';
import { useDashboardFilters } from './use-dashboard-filters';
import { usePanel } from './use-panel';

interface Props {
  towns: TownOption[];
  ownTown: TownOption | null;
}

const TABS: { key: DashboardPanel; label: string }[] = [
  { key: 'coverage', label: '参保覆盖' },
  { key: 'listCoverage', label: '名单人员参保' },
  { key: 'cases', label: '销号任务' },
  { key: 'subsidies', label: '缴费资助' },
  { key: 'assistance', label: '医疗救助' },
  { key: 'certifications', label: '慢特病认定' },
];

/** 统计分析: filters in the URL, headline figures, one tab per panel of charts with their numbers. */
export function Dashboard({ towns, ownTown }: Props) {
  const { filters, filterQuery, update } = useDashboardFilters();
  const params = useSearchParams();
  const tab = TABS.find((t) => t.key === params.get('tab'))?.key ?? 'coverage';
  const coverage = usePanel('coverage', filterQuery);
  const listCoverage = usePanel('listCoverage', filterQuery);
  const cases = usePanel('cases', filterQuery);
  const subsidies = usePanel('subsidies', filterQuery);
  const assistance = usePanel('assistance', filterQuery);
  const certifications = usePanel('certifications', filterQuery);

  const panels: Record<DashboardPanel, ReactNode> = {
    coverage: <CoveragePanel {...coverage} />,
    listCoverage: <ListCoveragePanel {...listCoverage} />,
    cases: <CasesPanel {...cases} />,
    subsidies: <SubsidiesPanel {...subsidies} />,
    assistance: <AssistancePanel {...assistance} />,
    certifications: <CertificationsPanel {...certifications} />,
  };
  const townName = ownTown?.name ?? towns.find((t) => t.code === filters.townCode)?.name ?? '全部镇街';
  const months = filters.monthFrom || filters.monthTo ? ` · ${filters.monthFrom ?? 1}–${filters.monthTo ?? 12}月` : '';
  const caption = `${filters.year}年 · ${townName}${months}`;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="统计分析" extra={<Typography.Text type="secondary">{caption}</Typography.Text>}>
        <DashboardFilters filters={filters} towns={towns} ownTown={ownTown} onChange={update} />
      </Card>
      <HeadlineCards panels={{ coverage, listCoverage, cases, subsidies, assistance, certifications }} />
      <FilterCaption.Provider value={caption}>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'coverage' ? undefined : key })}
          items={TABS.map((t) => ({
            key: t.key,
            label: t.label,
            children: (
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                {panels[t.key]}
              </Space>
            ),
          }))}
        />
      </FilterCaption.Provider>
    </Space>
  );
}
