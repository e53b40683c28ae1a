import { latestListsOfYear, listClassCounts, listedPeopleByTown } from '@/db/queries/dashboard-lists';
import { drill, ratio, type Drill } from '@/lib/domain/dashboard-period';
import { POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { dashboardFilterSchema, type DashboardFilter } from '@/lib/schemas/dashboard';
import { defineOperation, type OperationContext } from '@/lib/server/operation';
import { PANEL_DOMAINS, cachedPanel, yearOfScope } from './dashboard-cache';

type Counts = {
  rows: number;
  enrolledResident: number;
  enrolledEmployee: number;
  duplicate: number;
  notEnrolled: number;
  invalidId: number;
  notFound: number;
};
const CLASS_KEYS = {
  enrolledResident: 'enrolled_resident',
  enrolledEmployee: 'enrolled_employee',
  duplicate: 'duplicate',
  notEnrolled: 'not_enrolled',
  invalidId: 'invalid_id',
  notFound: 'not_found',
} as const;
const zero = (): Counts => ({
  rows: 0,
  enrolledResident: 0,
  enrolledEmployee: 0,
  duplicate: 0,
  notEnrolled: 0,
  invalidId: 0,
  notFound: 0,
});
const add = (a: Counts, b: Counts) => {
  for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += b[k];
  return a;
};

/** The list rows as classified at import: enrolled (either scheme or both) vs not, of the rows matched to the registry. */
function withRates(c: Counts, listId: number, townCode: string | undefined) {
  const enrolled = c.enrolledResident + c.enrolledEmployee + c.duplicate;
  const matched = enrolled + c.notEnrolled;
  const list = (matchClass?: string) => drill(`/matching/lists/${listId}`, { matchClass, townCode });
  return {
    ...c,
    enrolled,
    matched,
    enrolledRate: ratio(enrolled, matched),
    /** The list page of this version with the town filter: `rows` is its total; each class its class filter's total. */
    drill: list(),
    drills: Object.fromEntries(Object.entries(CLASS_KEYS).map(([k, v]) => [k, list(v)])) as Record<
      keyof typeof CLASS_KEYS,
      Drill
    >,
  };
}

/** The person list of the people on the year's latest lists (of a town, enrolled or not in the year). */
const listedPeople = (year: number, townCode: string | undefined, status?: 'enrolled' | 'not_enrolled') =>
  drill('/persons', { year, townCode, listed: 1, status });
const listedDrills = (year: number, townCode: string | undefined) => ({
  /** `people` (listed people) is its total. */
  drill: listedPeople(year, townCode),
  drills: {
    enrolled: listedPeople(year, townCode, 'enrolled'),
    notEnrolled: listedPeople(year, townCode, 'not_enrolled'),
  },
});

/**
 * 名单人员参保: the latest version of every source's list of the year. By source (and source × town):
 * the rows as classified when the list was imported — the list page's numbers, with its links. By
 * town and in total: distinct registry people named by those lists and how many are enrolled in
 * the year now — the person list with the 名单人员 filter (and 参保 status) shows them.
 */
async function computeListCoveragePanel(ctx: Pick<OperationContext, 'user' | 'readDb'>, f: DashboardFilter) {
  const year = await yearOfScope(ctx, 'lists', PANEL_DOMAINS.listCoverage, f.year, async (scope) => {
    const lists = await latestListsOfYear(ctx.readDb, f.year);
    const ids = lists.map((l) => l.id);
    const [counts, people] = await Promise.all([
      listClassCounts(ctx.readDb, scope, ids, undefined),
      listedPeopleByTown(ctx.readDb, scope, ids, f.year, undefined),
    ]);
    return { lists, counts, people };
  });
  const { lists } = year;
  const inTown = <R extends { townCode: string | null }>(rows: R[]) =>
    f.townCode ? rows.filter((r) => r.townCode === f.townCode) : rows;
  const [counts, people] = [inTown(year.counts), inTown(year.people)];
  const sources = lists.map((l) => {
    const mine = counts.filter((c) => c.listId === l.id);
    const total = mine.reduce((acc, c) => add(acc, c), zero());
    return {
      source: l.source,
      sourceLabel: POVERTY_SOURCE_LABELS[l.source],
      listId: l.id,
      listDate: l.listDate,
      ...withRates(total, l.id, f.townCode),
      towns: mine.map(({ listId, townCode, townName, ...c }) => ({
        townCode,
        townName: townName ?? '镇街不明',
        ...withRates(c, listId, townCode ?? undefined),
      })),
    };
  });
  const towns = people.map((r) => ({
    ...r,
    notEnrolled: r.people - r.enrolled,
    enrolledRate: ratio(r.enrolled, r.people),
    ...listedDrills(f.year, r.townCode),
  }));
  const listedPeople = towns.reduce((s, t) => s + t.people, 0);
  const enrolledPeople = towns.reduce((s, t) => s + t.enrolled, 0);
  const rows = sources.reduce((acc, s) => add(acc, s), zero());
  return {
    filters: f,
    sources,
    towns,
    totals: {
      lists: sources.length,
      listedPeople,
      enrolledPeople,
      notEnrolledPeople: listedPeople - enrolledPeople,
      enrolledRate: ratio(enrolledPeople, listedPeople),
      rows: rows.rows,
      matchedRows: rows.enrolledResident + rows.enrolledEmployee + rows.duplicate + rows.notEnrolled,
      enrolledRows: rows.enrolledResident + rows.enrolledEmployee + rows.duplicate,
      notEnrolledRows: rows.notEnrolled,
      unmatchedRows: rows.invalidId + rows.notFound,
      /** listedPeople, enrolledPeople and notEnrolledPeople: the person list's totals. */
      ...listedDrills(f.year, f.townCode),
    },
  };
}

/** The panel, from the result cache while its data is unchanged (dashboard-cache.ts). */
export const listCoveragePanel = cachedPanel(
  'lists',
  { domains: PANEL_DOMAINS.listCoverage, months: false },
  computeListCoveragePanel,
);

export const dashboardListCoverageOp = defineOperation({
  name: 'dashboard.listCoverage',
  permission: 'dashboard.read',
  kind: 'read',
  input: dashboardFilterSchema,
  handler: listCoveragePanel,
});
