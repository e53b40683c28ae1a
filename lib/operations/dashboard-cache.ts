import type { AreaScope } from '@/lib/auth/types';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import type { DashboardFilter, DashboardPanel } from '@/lib/schemas/dashboard';
import type { OperationContext } from '@/lib/server/operation';
import { cachedRead, type DataDomain } from '@/lib/server/read-cache';
import { requireAreaScope } from './guards';

type PanelContext = Pick<OperationContext, 'user' | 'readDb'>;

/** The panels whose figures do not depend on the month range (one cache entry serves every range). */
const YEAR_ONLY: DashboardPanel[] = ['coverage', 'listCoverage', 'subsidies'];

/** The data domains each panel reads (migration 0021 names the tables of each). */
export const PANEL_DOMAINS: Record<DashboardPanel, DataDomain[]> = {
  coverage: ['registry', 'targets', 'reference'],
  listCoverage: ['lists', 'registry', 'reference'],
  cases: ['cases', 'reference'],
  subsidies: ['subsidies', 'users', 'reference'],
  assistance: ['assistance', 'reference'],
  certifications: ['certifications', 'reference'],
};

/** The cache key of what a caller sees of a panel: role (drill links follow permissions), area scope, filters, today. */
function panelKey(panel: string, ctx: PanelContext, f: DashboardFilter): string {
  const scope = JSON.stringify(requireAreaScope(ctx.user));
  return [panel, ctx.user.role, scope, f.year, f.townCode, f.monthFrom, f.monthTo, shanghaiDate()].join('|');
}

/** A panel's .xlsx export (built from the cached panel), kept while the panel's data is unchanged. */
export function cachedExport(
  ctx: PanelContext,
  panel: DashboardPanel,
  f: DashboardFilter,
  build: () => Promise<Buffer>,
) {
  const used = YEAR_ONLY.includes(panel) ? { ...f, monthFrom: undefined, monthTo: undefined } : f;
  return cachedRead(ctx.readDb, panelKey(`export-${panel}`, ctx, used), PANEL_DOMAINS[panel], build);
}

/**
 * A dashboard panel served from the result cache (lib/server/read-cache.ts) while none of the data
 * domains it reads changed. The key holds all a panel's answer depends on: the panel, the caller's
 * role (drill links depend on permissions) and area scope, the filters the panel uses (`months`:
 * false for a panel that ignores the month range — one entry serves every range, its `filters` echo
 * set to the caller's), and today's date (overdue cases, this month) — never another scope's figures.
 */
export function cachedPanel<T extends { filters: DashboardFilter }>(
  panel: string,
  { domains, months }: { domains: DataDomain[]; months: boolean },
  compute: (ctx: PanelContext, f: DashboardFilter) => Promise<T>,
): (ctx: PanelContext, f: DashboardFilter) => Promise<T> {
  return async (ctx, f) => {
    const used = months ? f : { ...f, monthFrom: undefined, monthTo: undefined };
    const value = await cachedRead(ctx.readDb, panelKey(panel, ctx, used), domains, () => compute(ctx, used));
    return months ? value : { ...value, filters: f };
  };
}

/**
 * What a panel reads for a whole year of the caller's scope, every town at once — kept in the result
 * cache while `domains` are unchanged, so each town filter is a selection from it, not a query.
 */
export function yearOfScope<T>(
  ctx: PanelContext,
  name: string,
  domains: DataDomain[],
  year: number,
  compute: (scope: AreaScope) => Promise<T>,
): Promise<T> {
  const scope = requireAreaScope(ctx.user);
  return cachedRead(ctx.readDb, `${name}-year|${JSON.stringify(scope)}|${year}`, domains, () => compute(scope));
}
