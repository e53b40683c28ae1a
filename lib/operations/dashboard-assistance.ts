import { assistanceAggregates } from '@/db/queries/dashboard-assistance';
import { drill, monthsOf, periodOf } from '@/lib/domain/dashboard-period';
import { PERSON_CATEGORIES, type PersonCategory } from '@/lib/domain/list-row';
import { dashboardFilterSchema, type DashboardFilter } from '@/lib/schemas/dashboard';
import { defineOperation, type OperationContext } from '@/lib/server/operation';
import { requireAreaScope } from './guards';
import { cachedPanel } from './dashboard-cache';

const EMPTY = {
  personTimes: 0,
  people: 0,
  assistanceFen: 0,
  inpatientFen: 0,
  outpatientFen: 0,
  inpatientTimes: 0,
  outpatientTimes: 0,
  inpatientPeople: 0,
  outpatientPeople: 0,
  peopleOverCap: 0,
};

/**
 * 医疗救助: settlements that stand (not reversed, not reversals) in the period — by month (住院 and
 * 门诊 元 stacked, 人次 a line), by category and by town, and in total: 人次 (settlements), 人数
 * (distinct people), 元, the 住院/门诊 split and the people past the annual cap. Each number drills
 * into the assistance list with the same filters (`assistance.list` totals: 人次 personTimes, 人数 people, 元 assistanceFen).
 */
async function computeAssistancePanel(ctx: Pick<OperationContext, 'user' | 'readDb'>, f: DashboardFilter) {
  const p = periodOf(f);
  const agg = await assistanceAggregates(ctx.readDb, requireAreaScope(ctx.user), {
    year: f.year,
    townCode: f.townCode,
    from: p.from,
    endExclusive: p.endExclusive,
  });
  const base = { year: f.year, townCode: f.townCode, monthFrom: f.monthFrom, monthTo: f.monthTo };
  const to = (q: Record<string, string | number | undefined>) => drill('/assistance', { ...base, ...q });
  const byMonth = new Map(agg.months.map((m) => [m.month, m]));
  const months = monthsOf(p).map((m) => ({
    ...EMPTY,
    ...byMonth.get(m),
    month: m,
    label: `${m}月`,
    drill: to({ monthFrom: m, monthTo: m }),
  }));
  const categories = agg.categories
    .map(({ category, ...row }) => ({
      category,
      categoryLabel: category ? (PERSON_CATEGORIES[category as PersonCategory] ?? category) : '未列入名单',
      ...row,
      drill: to({ category: category ?? 'none' }),
    }))
    .sort((a, b) => b.assistanceFen - a.assistanceFen);
  const towns = agg.towns
    .map((row) => ({ ...row, drill: to({ townCode: row.townCode }) }))
    .sort((a, b) => a.townCode.localeCompare(b.townCode));
  return {
    filters: f,
    months,
    categories,
    towns,
    totals: {
      ...(agg.totals ?? EMPTY),
      drill: to({}),
      inpatientDrill: to({ medType: 'inpatient' }),
      outpatientDrill: to({ medType: 'outpatient' }),
      /** The list with 超上限 only: its 人数 is `peopleOverCap`. */
      overCapDrill: to({ capExceeded: 'true' }),
    },
  };
}

/** The panel, from the result cache while its data is unchanged (dashboard-cache.ts). */
export const assistancePanel = cachedPanel(
  'assistance',
  { domains: ['assistance', 'reference'], months: true },
  computeAssistancePanel,
);

export const dashboardAssistanceOp = defineOperation({
  name: 'dashboard.assistance',
  permission: 'dashboard.read',
  kind: 'read',
  input: dashboardFilterSchema,
  handler: assistancePanel,
});
