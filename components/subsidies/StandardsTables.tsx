'use client';

import { Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import type { Jsonified } from '@/components/cases/types';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { AGE_GROUP_LABELS, labelOf, SUBSIDY_RULE_KIND_LABELS, TIER_LABELS } from '@/lib/labels';
import type { listSubsidyStandardsOp } from '@/lib/operations/subsidy-standards';
import type { ResultOf } from '@/lib/server/operation';

export type StandardsJson = Jsonified<ResultOf<typeof listSubsidyStandardsOp>>;
export type ContributionJson = StandardsJson['contributions'][number];
export type RuleJson = StandardsJson['rules'][number];

/** react-query key of the standards (every year; the year filter is the last part). */
export const standardsKey = ['subsidy-standards'] as const;

export const EXAMPLE_LEGEND = '示例：种子资料未给出的演示数值';

/** The orange 示例 mark next to a value the seeds do not give. */
export function ExampleTag() {
  return (
    <Tooltip title={EXAMPLE_LEGEND}>
      <Tag color="orange" style={{ marginInlineStart: 4 }}>
        示例
      </Tag>
    </Tooltip>
  );
}

/** 在用 (in force today) / 待生效 (a later effective date) / 已被取代 (an earlier version replaced). */
export function VersionTag({
  inForce,
  effectiveFrom,
  today,
}: {
  inForce: boolean;
  effectiveFrom: string;
  today: string;
}) {
  if (inForce) return <Tag color="green">在用</Tag>;
  if (effectiveFrom > today) return <Tag color="blue">待生效</Tag>;
  return <Tag>已被取代</Tag>;
}

type AmountKey =
  'tier1AdultFen' | 'tier1MinorFen' | 'tier1StudentFen' | 'tier2AdultFen' | 'tier2MinorFen' | 'tier2StudentFen';

const AMOUNT_COLUMNS: { tier: 'tier1' | 'tier2'; key: AmountKey; group: keyof typeof AGE_GROUP_LABELS }[] = [
  { tier: 'tier1', key: 'tier1AdultFen', group: 'adult' },
  { tier: 'tier1', key: 'tier1MinorFen', group: 'minor' },
  { tier: 'tier1', key: 'tier1StudentFen', group: 'student' },
  { tier: 'tier2', key: 'tier2AdultFen', group: 'adult' },
  { tier: 'tier2', key: 'tier2MinorFen', group: 'minor' },
  { tier: 'tier2', key: 'tier2StudentFen', group: 'student' },
];

const amountCell = (c: ContributionJson, key: AmountKey) => (
  <span style={{ whiteSpace: 'nowrap' }}>
    {formatYuan(c[key])}
    {c.exampleFields.includes(key) && <ExampleTag />}
  </span>
);

/** The personal contribution versions of one year (个人缴费标准, 元), newest effective date first. */
export function ContributionTable({ rows, today }: { rows: ContributionJson[]; today: string }) {
  const columns: TableProps<ContributionJson>['columns'] = [
    { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
    {
      title: '版本状态',
      key: 'status',
      width: 90,
      render: (_, c) => <VersionTag inForce={c.inForce} effectiveFrom={c.effectiveFrom} today={today} />,
    },
    ...(['tier1', 'tier2'] as const).map((tier) => ({
      title: `${TIER_LABELS[tier]}（元）`,
      children: AMOUNT_COLUMNS.filter((a) => a.tier === tier).map((a) => ({
        title: AGE_GROUP_LABELS[a.group],
        key: a.key,
        align: 'right' as const,
        render: (_: unknown, c: ContributionJson) => amountCell(c, a.key),
      })),
    })),
    {
      title: '集中缴费期',
      key: 'collection',
      render: (_, c) => (
        <span>
          {c.collectionFrom} 至 {c.collectionTo}
          {c.exampleFields.includes('collection') && <ExampleTag />}
        </span>
      ),
    },
    { title: '政策文号', dataIndex: 'docRef' },
    {
      title: '录入',
      key: 'created',
      width: 130,
      render: (_, c) => (
        <Typography.Text type="secondary">
          {c.createdByName ?? '初始资料'}
          <br />
          {dayjs(c.createdAt).format('YYYY-MM-DD')}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table<ContributionJson>
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={rows}
      locale={{ emptyText: '该年度还没有个人缴费标准' }}
    />
  );
}

const CATEGORY_ORDER = Object.keys(PERSON_CATEGORIES);

/** "全额资助个人缴费" or "定额资助 300.00 元". */
export function ruleText(r: Pick<RuleJson, 'kind' | 'amountFen'>) {
  return r.kind === 'fixed' && r.amountFen != null
    ? `${SUBSIDY_RULE_KIND_LABELS.fixed} ${formatYuan(r.amountFen)} 元`
    : labelOf(SUBSIDY_RULE_KIND_LABELS, r.kind);
}

/** The subsidy rules of one year, grouped by category (each category's versions newest first). */
export function RuleTable({ rows, today }: { rows: RuleJson[]; today: string }) {
  const sorted = [...rows].sort(
    (a, b) =>
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  const firstOf = new Map<string, number>();
  const countOf = new Map<string, number>();
  sorted.forEach((r, i) => {
    if (!firstOf.has(r.category)) firstOf.set(r.category, i);
    countOf.set(r.category, (countOf.get(r.category) ?? 0) + 1);
  });
  const columns: TableProps<RuleJson>['columns'] = [
    {
      title: '人员类别',
      dataIndex: 'category',
      width: 150,
      render: (v: string) => labelOf(PERSON_CATEGORIES, v),
      onCell: (r, i) => ({ rowSpan: firstOf.get(r.category) === i ? countOf.get(r.category) : 0 }),
    },
    {
      title: '资助方式',
      key: 'rule',
      render: (_, r) => (
        <Space size={0}>
          {ruleText(r)}
          {r.isExample && <ExampleTag />}
        </Space>
      ),
    },
    { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
    {
      title: '版本状态',
      key: 'status',
      width: 90,
      render: (_, r) => <VersionTag inForce={r.inForce} effectiveFrom={r.effectiveFrom} today={today} />,
    },
    { title: '政策文号', dataIndex: 'docRef' },
    {
      title: '录入',
      key: 'created',
      width: 130,
      render: (_, r) => (
        <Typography.Text type="secondary">
          {r.createdByName ?? '初始资料'}
          <br />
          {dayjs(r.createdAt).format('YYYY-MM-DD')}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table<RuleJson>
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={sorted}
      locale={{ emptyText: '该年度还没有资助规则' }}
    />
  );
}
