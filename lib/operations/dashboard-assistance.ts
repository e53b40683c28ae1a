import { assistanceYearRollups, townNames } from '@/db/queries/dashboard-assistance';
import { deriveAssistance, emptyFigures, indexPeople } from '@/lib/domain/assistance-rollup';
import { drill, monthsOf, periodOf } from '@/lib/domain/dashboard-period';
import { PERSON_CATEGORIES, type PersonCategory } from '@/lib/domain/list-row';
import { dashboardFilterSchema, type DashboardFilter } from '@/lib/schemas/dashboard';
import { defineOperation, type OperationContext } from '@/lib/server/operation';
import { cachedRead } from '@/lib/server/read-cache';
import { requireAreaScope } from './guards';
import { PANEL_DOMAINS, cachedPanel } from './dashboard-cache';

/**
 * The year's roll-ups of the scope (every town and month range is derived from them), kept while
 * no assistance record changes: one pass over the year's records for all the dashboard's filters.
 */
function yearRollups(ctx: Pick<OperationContext, 'user' | 'readDb'>, year: number) {
  const scope = requireAreaScope(ctx.user);
  return cachedRead(
    ctx.readDb,
    `assistance-year|${JSON.stringify(scope)}|${year}`,
    ['assistance', 'reference'],
    async () => {
      const [rollups, names] = await Promise.all([
        assistanceYearRollups(ctx.readDb, scope, year),
        townNames(ctx.readDb),
      ]);
      return { sums: rollups.sums, people: indexPeople(rollups.people), names };
    },
  );
}

/**
 * 医疗救助: settlements that stand (not reversed, not reversals) in the period — by month (住院 and
 * 门诊 元 stacked, 人次 a line), by category and by town, and in total: 人次 (settlements), 人数
 * (distinct people), 元, the 住院/门诊 split and the people past the annual cap. Each number drills
 * into the assistance list with the same filters (`assistance.list` totals: 人次 personTimes, 人数 people, 元 assistanceFen).
 */
async function computeAssistancePanel(ctx: Pick<OperationContext, 'user' | 'readDb'>, f: DashboardFilter) {
  const p = periodOf(f);
  const { sums, people, names } = await yearRollups(ctx, f.year);
  const agg = deriveAssistance(sums, people, { townCode: f.townCode, monthFrom: p.monthFrom, monthTo: p.monthTo });
  const base = { year: f.year, townCode: f.townCode, monthFrom: f.monthFrom, monthTo: f.monthTo };
  const to = (q: Record<string, string | number | undefined>) => drill('/assistance', { ...base, ...q });
  const months = monthsOf(p).map((m) => ({
    ...(agg.months.get(m) ?? emptyFigures()),
    month: m,
    label: `${m}月`,
    drill: to({ monthFrom: m, monthTo: m }),
  }));
  const categories = [...agg.categories]
    .map(([category, row]) => ({
      category,
      categoryLabel: category ? (PERSON_CATEGORIES[category as PersonCategory] ?? category) : '未列入名单',
      ...row,
      drill: to({ category: category ?? 'none' }),
    }))
    .sort((a, b) => b.assistanceFen - a.assistanceFen);
  const towns = [...agg.towns]
    .map(([townCode, row]) => ({
      townCode,
      townName: names.get(townCode) ?? townCode,
      ...row,
      drill: to({ townCode }),
    }))
    .sort((a, b) => a.townCode.localeCompare(b.townCode));
  return {
    filters: f,
    months,
    categories,
    towns,
    totals: {
      ...agg.totals,
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
  { domains: PANEL_DOMAINS.assistance, months: true },
  computeAssistancePanel,
);

export const dashboardAssistanceOp = defineOperation({
  name: 'dashboard.assistance',
  permission: 'dashboard.read',
  kind: 'read',
  input: dashboardFilterSchema,
  handler: assistancePanel,
});
