import { approvedSubsidies, approvedSubsidyPeople, refundsByStatus } from '@/db/queries/dashboard-subsidies';
import { fundsOfYear } from '@/db/queries/subsidy-fund';
import { drill } from '@/lib/domain/dashboard-period';
import { PERSON_CATEGORIES, type PersonCategory } from '@/lib/domain/list-row';
import { dashboardFilterSchema, type DashboardFilter } from '@/lib/schemas/dashboard';
import { defineOperation, type OperationContext } from '@/lib/server/operation';
import { requireAreaScope } from './guards';
import { PANEL_DOMAINS, cachedPanel } from './dashboard-cache';

const REFUND_STATUSES = ['pending', 'refunded', 'failed'] as const;
const REFUND_LABELS = { pending: '待退', refunded: '已退', failed: '退回失败' } as const;

type Group = { people: number; amountFen: number; refundFen: number; fundFen: number };
function groupBy<K extends string>(rows: (Group & Record<K, string>)[], key: K) {
  const out = new Map<string, Group>();
  for (const r of rows) {
    const g = out.get(r[key]) ?? { people: 0, amountFen: 0, refundFen: 0, fundFen: 0 };
    g.people += r.people; // a person has one base line a year: one town and one category
    g.amountFen += r.amountFen;
    g.refundFen += r.refundFen;
    g.fundFen += r.fundFen;
    out.set(r[key], g);
  }
  return out;
}

/** The approved lines of the year (every approved batch) with the panel's town and a row's own filters. */
const approvedLines = (year: number, q: { townCode?: string; category?: string; settlement?: 'refund' | 'fund' }) =>
  drill('/subsidies/lines', { year, ...q });
/** A row's approved lines: people and 元 are its totals; 其中退费 / 其中预拨资金 those of its settlement filter. */
const lineDrills = (year: number, q: { townCode?: string; category?: string }) => ({
  drill: approvedLines(year, q),
  drills: {
    refundFen: approvedLines(year, { ...q, settlement: 'refund' }),
    fundFen: approvedLines(year, { ...q, settlement: 'fund' }),
  },
});

/**
 * 缴费资助: what approved batches of the year pay — people and 元 by category and by town, each with
 * the list of the approved lines (across batches) it counts; refunds by status (the refund list of
 * the year, status and town); the pre-allocated fund of the scope's district(s) — a district's
 * figure, also for a town's staff.
 */
async function computeSubsidiesPanel(ctx: Pick<OperationContext, 'user' | 'readDb'>, f: DashboardFilter) {
  const scope = requireAreaScope(ctx.user);
  const [lines, people, refunds, funds] = await Promise.all([
    approvedSubsidies(ctx.readDb, scope, f.year, f.townCode),
    approvedSubsidyPeople(ctx.readDb, scope, f.year, f.townCode),
    refundsByStatus(ctx.readDb, scope, f.year, f.townCode),
    fundsOfYear(ctx.readDb, scope, f.year),
  ]);
  const townNames = new Map(lines.map((l) => [l.townCode, l.townName]));
  const categories = Array.from(groupBy(lines, 'category'), ([category, g]) => ({
    category,
    categoryLabel: PERSON_CATEGORIES[category as PersonCategory] ?? category,
    ...g,
    ...lineDrills(f.year, { townCode: f.townCode, category }),
  })).sort((a, b) => b.amountFen - a.amountFen);
  const towns = Array.from(groupBy(lines, 'townCode'), ([townCode, g]) => ({
    townCode,
    townName: townNames.get(townCode) ?? townCode,
    ...g,
    ...lineDrills(f.year, { townCode }),
  })).sort((a, b) => a.townCode.localeCompare(b.townCode));
  const refundRows = REFUND_STATUSES.map((status) => {
    const r = refunds.find((x) => x.status === status);
    return {
      status,
      statusLabel: REFUND_LABELS[status],
      count: r?.count ?? 0,
      amountFen: r?.amountFen ?? 0,
      /** The refund list of the year, status and town: `count` rows, `amountFen` their sum. */
      drill: drill('/subsidies/refunds', { year: f.year, status, townCode: f.townCode }),
    };
  });
  const fund = funds.reduce(
    (acc, d) => ({
      balanceFen: acc.balanceFen + d.balanceFen,
      allocatedFen: acc.allocatedFen + d.allocatedFen,
      usedFen: acc.usedFen + d.usedFen,
    }),
    { balanceFen: 0, allocatedFen: 0, usedFen: 0 },
  );
  return {
    filters: f,
    categories,
    towns,
    refunds: refundRows,
    funds,
    totals: {
      people,
      amountFen: lines.reduce((s, l) => s + l.amountFen, 0),
      refundCount: refundRows.reduce((s, r) => s + r.count, 0),
      refundFen: refundRows.reduce((s, r) => s + r.amountFen, 0),
      ...fund,
      refundsDrill: drill('/subsidies/refunds', { year: f.year, townCode: f.townCode }),
      /** The approved lines of the year (and town): people and amountFen are its totals. */
      linesDrill: approvedLines(f.year, { townCode: f.townCode }),
      fundDrill: drill('/subsidies', { year: f.year }),
    },
  };
}

/** The panel, from the result cache while its data is unchanged (dashboard-cache.ts). */
export const subsidiesPanel = cachedPanel(
  'subsidies',
  { domains: PANEL_DOMAINS.subsidies, months: false },
  computeSubsidiesPanel,
);

export const dashboardSubsidiesOp = defineOperation({
  name: 'dashboard.subsidies',
  permission: 'dashboard.read',
  kind: 'read',
  input: dashboardFilterSchema,
  handler: subsidiesPanel,
});
