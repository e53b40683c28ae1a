import { coverageByTown } from '@/db/queries/dashboard-coverage';
import { drill, ratio } from '@/lib/domain/dashboard-period';
import { dashboardFilterSchema, type DashboardFilter } from '@/lib/schemas/dashboard';
import { defineOperation, type OperationContext } from '@/lib/server/operation';
import { PANEL_DOMAINS, cachedPanel, yearOfScope } from './dashboard-cache';

const enrolledDrill = (year: number, townCode?: string) => drill('/persons', { year, townCode, status: 'enrolled' });
/** The person list of 扩面 people (enrolled in the year, not the year before) of the year and town. */
const expansionDrill = (year: number, townCode?: string) => drill('/persons', { year, townCode, expansion: 1 });

/**
 * 参保覆盖: per town, insured (people with an active enrollment in the year, either scheme) ÷ resident
 * population (may pass 100 %), ÷ the insured target, and 扩面 (enrolled this year, not the year
 * before) ÷ the expansion target. Towns without entered figures have null ratios.
 */
async function computeCoveragePanel(ctx: Pick<OperationContext, 'user' | 'readDb'>, f: DashboardFilter) {
  const all = await yearOfScope(ctx, 'coverage', PANEL_DOMAINS.coverage, f.year, (scope) =>
    coverageByTown(ctx.readDb, scope, f.year, undefined),
  );
  const raw = f.townCode ? all.filter((r) => r.townCode === f.townCode) : all;
  const towns = raw.map((r) => {
    const insured = r.resident + r.employee - r.both;
    return {
      townCode: r.townCode,
      townName: r.townName,
      insured,
      resident: r.resident,
      employee: r.employee,
      both: r.both,
      residentPopulation: r.residentPopulation,
      coverageRate: ratio(insured, r.residentPopulation),
      insuredTarget: r.insuredTarget,
      targetRate: ratio(insured, r.insuredTarget),
      expansion: r.expansion,
      expansionTarget: r.expansionTarget,
      expansionRate: ratio(r.expansion, r.expansionTarget),
      /** The person list with the same year, town and 参保 status: its total is `insured`. */
      drill: enrolledDrill(f.year, r.townCode),
      /** The person list of the town's 扩面 people: its total is `expansion`. */
      expansionDrill: expansionDrill(f.year, r.townCode),
    };
  });
  const sum = (rows: typeof towns, pick: (t: (typeof towns)[number]) => number | null) =>
    rows.reduce((s, t) => s + (pick(t) ?? 0), 0);
  // Ratios over the towns whose figures are entered: a town left blank adds to no numerator.
  const withFigures = towns.filter((t) => t.residentPopulation !== null);
  const insured = sum(towns, (t) => t.insured);
  const insuredWithFigures = sum(withFigures, (t) => t.insured);
  const population = sum(withFigures, (t) => t.residentPopulation);
  const insuredTarget = sum(withFigures, (t) => t.insuredTarget);
  const expansion = sum(towns, (t) => t.expansion);
  const expansionWithFigures = sum(withFigures, (t) => t.expansion);
  const expansionTarget = sum(withFigures, (t) => t.expansionTarget);
  return {
    filters: f,
    towns,
    totals: {
      insured,
      resident: sum(towns, (t) => t.resident),
      employee: sum(towns, (t) => t.employee),
      both: sum(towns, (t) => t.both),
      residentPopulation: withFigures.length ? population : null,
      /** The numerator of the ratios: insured people of the towns whose figures are entered (= insured when all are). */
      insuredWithFigures,
      coverageRate: ratio(insuredWithFigures, population),
      insuredTarget: withFigures.length ? insuredTarget : null,
      targetRate: ratio(insuredWithFigures, insuredTarget),
      expansion,
      expansionWithFigures,
      expansionTarget: withFigures.length ? expansionTarget : null,
      expansionRate: ratio(expansionWithFigures, expansionTarget),
      /** Towns of the scope whose population and targets for the year are not entered (their people count as insured, not in the ratios). */
      townsWithoutFigures: towns.length - withFigures.length,
      drill: enrolledDrill(f.year, f.townCode),
      expansionDrill: expansionDrill(f.year, f.townCode),
    },
  };
}

/** The panel, from the result cache while its data is unchanged (dashboard-cache.ts). */
export const coveragePanel = cachedPanel(
  'coverage',
  { domains: PANEL_DOMAINS.coverage, months: false },
  computeCoveragePanel,
);

export const dashboardCoverageOp = defineOperation({
  name: 'dashboard.coverage',
  permission: 'dashboard.read',
  kind: 'read',
  input: dashboardFilterSchema,
  handler: coveragePanel,
});
