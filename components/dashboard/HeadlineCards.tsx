'use client';

import { Col, Row } from 'antd';
import { Headline, type HeadlineProps } from './Headline';
import { fmtCount, fmtDays, fmtRate, fmtWan } from './format';
import type { DashboardPanel } from './types';
import type { PanelProps } from './use-panel';

type Panels = { [P in DashboardPanel]: PanelProps<P> };

/** The headline figures of every panel; each card opens the list it is counted from. */
export function HeadlineCards({ panels }: { panels: Panels }) {
  const c = panels.coverage.data?.totals;
  const l = panels.listCoverage.data?.totals;
  const k = panels.cases.data?.totals;
  const s = panels.subsidies.data?.totals;
  const a = panels.assistance.data?.totals;
  const r = panels.certifications.data?.totals;
  /** A skeleton only while the first answer loads (a failed panel shows its dashes). */
  const pending = (p: DashboardPanel) => panels[p].loading && !panels[p].data;
  const cards: HeadlineProps[] = [
    {
      title: '参保人数',
      value: fmtCount(c?.insured),
      suffix: '人',
      lines: [`常住人口 ${fmtCount(c?.residentPopulation)}，覆盖率 ${fmtRate(c?.coverageRate)}`],
      drill: c?.drill,
      loading: pending('coverage'),
    },
    {
      title: '任务完成率',
      value: fmtRate(c?.targetRate),
      lines: [
        `参保任务数 ${fmtCount(c?.insuredTarget)}`,
        `扩面 ${fmtCount(c?.expansion)} 人，完成率 ${fmtRate(c?.expansionRate)}`,
      ],
      drill: c?.drill,
      loading: pending('coverage'),
    },
    {
      title: '名单人员参保率',
      value: fmtRate(l?.enrolledRate),
      lines: [`名单人员 ${fmtCount(l?.listedPeople)}，已参保 ${fmtCount(l?.enrolledPeople)}`],
      drill: l?.drill,
      loading: pending('listCoverage'),
    },
    {
      title: '销号任务（未销号）',
      value: fmtCount(k?.open),
      suffix: '件',
      lines: [`已销号 ${fmtCount(k?.closed)}，其中逾期未销号 ${fmtCount(k?.overdue)}`],
      drill: k?.drills.open,
      loading: pending('cases'),
    },
    {
      title: '缴费资助',
      value: fmtCount(s?.people),
      suffix: '人',
      lines: [`资助金额 ${fmtWan(s?.amountFen)}`, `预拨资金余额 ${fmtWan(s?.balanceFen)}`],
      drill: s?.linesDrill,
      loading: pending('subsidies'),
    },
    {
      title: '医疗救助',
      value: fmtCount(a?.personTimes),
      suffix: '人次',
      lines: [
        `${fmtCount(a?.people)} 人，${fmtWan(a?.assistanceFen)}`,
        `住院 ${fmtWan(a?.inpatientFen)} / ${fmtCount(a?.inpatientTimes)} 人次`,
        `门诊 ${fmtWan(a?.outpatientFen)} / ${fmtCount(a?.outpatientTimes)} 人次`,
      ],
      drill: a?.drill,
      loading: pending('assistance'),
    },
    {
      title: '慢特病申请',
      value: fmtCount(r?.filed),
      suffix: '件',
      lines: [`认定通过率 ${fmtRate(r?.approvalRate)}`, `平均办理 ${fmtDays(r?.avgDays)}`],
      drill: r?.drill,
      loading: pending('certifications'),
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.title} xs={24} sm={12} lg={8} xl={6} xxl={{ flex: '1 1 0' }}>
          <Headline {...card} />
        </Col>
      ))}
    </Row>
  );
}
