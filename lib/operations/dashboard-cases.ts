import { caseFlows, caseStateByTown } from '@/db/queries/dashboard-cases';
import { drill, firstDayOfMonth, lastDayOfMonth, monthsOf, periodOf } from '@/lib/domain/dashboard-period';
import { shanghaiDate, shanghaiDayStart } from '@/lib/domain/shanghai-day';
import { dashboardFilterSchema, type DashboardFilter } from '@/lib/schemas/dashboard';
import { defineOperation, type OperationContext } from '@/lib/server/operation';
import { PANEL_DOMAINS, cachedPanel, yearOfScope } from './dashboard-cache';

/** The 销号 worklist with a status (or overdue) and town: the list whose total is the number. */
const worklist = (q: { status?: 'open' | 'closed'; overdue?: boolean; townCode?: string }) =>
  drill('/matching/cases', { status: q.status, overdue: q.overdue ? 1 : undefined, townCode: q.townCode });

/** The worklist of every status, of cases opened (or closed) on the days from..to, in a town. */
const flowList = (kind: 'opened' | 'closed', from: string, to: string, townCode: string | undefined) =>
  drill('/matching/cases', { status: 'all', townCode, [`${kind}From`]: from, [`${kind}To`]: to });

/**
 * 销号 burn-down: per month of the period, cases opened, closed and open at the month's end, with
 * the worklist of the cases opened and of those closed that month (its date filters); per town
 * and in total, the worklist as it stands (open / closed / overdue), each with its worklist link.
 */
async function computeCasesPanel(ctx: Pick<OperationContext, 'user' | 'readDb'>, f: DashboardFilter) {
  const p = periodOf(f);
  const today = shanghaiDate();
  // The year's flows and today's worklist of every town of the scope (kept while no case changes);
  // a town and month range select from them.
  const year = await yearOfScope(ctx, `cases-${today}`, PANEL_DOMAINS.cases, f.year, (scope) =>
    Promise.all([
      caseFlows(ctx.readDb, scope, shanghaiDayStart(`${f.year}-01-01`), shanghaiDayStart(`${f.year + 1}-01-01`)),
      caseStateByTown(ctx.readDb, scope, today),
    ]),
  );
  const inTown = <R extends { townCode: string }>(rows: R[]) =>
    f.townCode ? rows.filter((r) => r.townCode === f.townCode) : rows;
  const [flows, byTown] = [year[0], inTown(year[1])];
  const perMonth = (rows: { townCode: string; month: number; n: number }[]) => {
    const of = new Map<number, number>();
    for (const r of inTown(rows)) of.set(r.month, (of.get(r.month) ?? 0) + r.n);
    return of;
  };
  const openedOf = perMonth(flows.opened);
  const closedOf = perMonth(flows.closed);
  // Open at the period's start: open at the year's start, plus the months before it.
  let open = inTown(flows.openAtStart).reduce((s, r) => s + r.n, 0);
  for (let m = 1; m < p.monthFrom; m++) open += (openedOf.get(m) ?? 0) - (closedOf.get(m) ?? 0);
  const openAtPeriodStart = open;
  const months = monthsOf(p).map((m) => {
    const opened = openedOf.get(m) ?? 0;
    const closed = closedOf.get(m) ?? 0;
    open += opened - closed;
    const [from, to] = [firstDayOfMonth(f.year, m), lastDayOfMonth(f.year, m)];
    const drills = {
      opened: flowList('opened', from, to, f.townCode),
      closed: flowList('closed', from, to, f.townCode),
    };
    /** The month's row opens the cases opened that month: `opened` is its total; `closed` the other's. */
    return { month: m, label: `${m}月`, opened, closed, openAtEnd: open, drill: drills.opened, drills };
  });
  const towns = byTown.map((t) => ({
    ...t,
    drills: {
      open: worklist({ status: 'open', townCode: t.townCode }),
      closed: worklist({ status: 'closed', townCode: t.townCode }),
      overdue: worklist({ status: 'open', overdue: true, townCode: t.townCode }),
    },
  }));
  const sum = (k: 'open' | 'closed' | 'overdue') => towns.reduce((s, t) => s + t[k], 0);
  return {
    filters: f,
    months,
    towns,
    totals: {
      open: sum('open'),
      closed: sum('closed'),
      overdue: sum('overdue'),
      openAtPeriodStart,
      openedInPeriod: months.reduce((s, m) => s + m.opened, 0),
      closedInPeriod: months.reduce((s, m) => s + m.closed, 0),
      drills: {
        open: worklist({ status: 'open', townCode: f.townCode }),
        closed: worklist({ status: 'closed', townCode: f.townCode }),
        overdue: worklist({ status: 'open', overdue: true, townCode: f.townCode }),
        openedInPeriod: flowList('opened', p.from, p.to, f.townCode),
        closedInPeriod: flowList('closed', p.from, p.to, f.townCode),
      },
    },
  };
}

/** The panel, from the result cache while its data is unchanged (dashboard-cache.ts). */
export const casesPanel = cachedPanel('cases', { domains: PANEL_DOMAINS.cases, months: true }, computeCasesPanel);

export const dashboardCasesOp = defineOperation({
  name: 'dashboard.cases',
  permission: 'dashboard.read',
  kind: 'read',
  input: dashboardFilterSchema,
  handler: casesPanel,
});
