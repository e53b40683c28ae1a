import { applicationsOfYear, hospitalNames } from '@/db/queries/dashboard-certifications';
import { hospitalCompliance } from '@/db/queries/spot-checks';
import { can } from '@/lib/auth/permissions';
import { drill, periodOf, ratio } from '@/lib/domain/dashboard-period';
import { deriveCertifications, indexApplications, type ApplicationCounts } from '@/lib/domain/certification-rollup';
import { dashboardFilterSchema, type DashboardFilter } from '@/lib/schemas/dashboard';
import { defineOperation, type OperationContext } from '@/lib/server/operation';
import { PANEL_DOMAINS, cachedPanel, yearOfScope } from './dashboard-cache';

const STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
const days = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** Approval rate: approved at decision (still approved, or revoked since) ÷ decided. */
function withRates(
  c: ApplicationCounts,
  list: (q: Record<string, string | number | undefined>) => ReturnType<typeof drill>,
) {
  const decided = c.approved + c.rejected + c.revoked;
  return {
    ...c,
    decided,
    approvalRate: ratio(c.approved + c.revoked, decided),
    avgDays: days(c.avgDays),
    medianDays: days(c.medianDays),
    /** The certification list with the same filters: `filed` is its total; each status its status filter's. */
    drill: list({}),
    drills: Object.fromEntries(STATUSES.map((s) => [s, list({ status: s })])) as Record<
      (typeof STATUSES)[number],
      ReturnType<typeof drill>
    >,
  };
}

/**
 * 门诊慢特病认定: applications filed in the period (by the filing day), by hospital and by disease,
 * with the approval rate and the days from filing to decision (mean, median); spot-check
 * compliance per hospital (every verdict recorded, as the spot-check page shows it).
 */
async function computeCertificationsPanel(ctx: Pick<OperationContext, 'user' | 'readDb'>, f: DashboardFilter) {
  const p = periodOf(f);
  // The year's applications and the spot-check verdicts of the scope, kept while nothing of the
  // certifications changes; a town and month range select from them.
  const [applications, compliance, names] = await yearOfScope(
    ctx,
    'certifications',
    PANEL_DOMAINS.certifications,
    f.year,
    async (scope) => {
      const [apps, comp] = await Promise.all([
        applicationsOfYear(ctx.readDb, scope, f.year),
        hospitalCompliance(ctx.readDb, scope),
      ]);
      return [indexApplications(apps), comp, await hospitalNames(ctx.readDb, [...comp.keys()])] as const;
    },
  );
  const agg = deriveCertifications(applications, { townCode: f.townCode, monthFrom: p.monthFrom, monthTo: p.monthTo });
  const base = { from: p.from, to: p.to, townCode: f.townCode };
  const list =
    (extra: Record<string, string | number | undefined>) => (q: Record<string, string | number | undefined>) =>
      drill('/certifications', { ...base, ...extra, ...q });
  const hospitals = agg.byHospital
    .map(({ hospitalId, hospitalName, ...c }) => {
      const spot = compliance.get(hospitalId);
      return {
        hospitalId,
        hospitalName,
        ...withRates(c, list({ hospitalId })),
        spotChecked: spot?.checked ?? 0,
        spotCompliant: spot?.compliant ?? 0,
        spotComplianceRate:
          spot?.rate === null || spot?.rate === undefined ? null : ratio(spot.compliant, spot.checked),
      };
    })
    .sort((a, b) => b.filed - a.filed);
  const diseases = agg.byDisease
    .map(({ diseaseCode, diseaseName, ...c }) => ({ diseaseCode, diseaseName, ...withRates(c, list({ diseaseCode })) }))
    .sort((a, b) => b.filed - a.filed);
  const spotChecks = Array.from(compliance, ([hospitalId, c]) => ({
    hospitalId,
    hospitalName: names.get(hospitalId) ?? '',
    checked: c.checked,
    compliant: c.compliant,
    nonCompliant: c.nonCompliant,
    unchecked: c.unchecked,
    complianceRate: c.rate === null ? null : ratio(c.compliant, c.checked),
    /** The spot-check page shows each hospital's compliance over the same verdicts (for those who may open it). */
    drill: can(ctx.user, 'spotcheck.manage') ? drill('/certifications/spot-checks', {}) : null,
  }));
  const totals = agg.totals;
  const spotChecked = spotChecks.reduce((s, h) => s + h.checked, 0);
  const spotCompliant = spotChecks.reduce((s, h) => s + h.compliant, 0);
  return {
    filters: f,
    hospitals,
    diseases,
    spotChecks,
    totals: {
      ...withRates(totals, list({})),
      spotChecked,
      spotCompliant,
      spotComplianceRate: ratio(spotCompliant, spotChecked),
    },
  };
}

/** The panel, from the result cache while its data is unchanged (dashboard-cache.ts). */
export const certificationsPanel = cachedPanel(
  'certifications',
  { domains: PANEL_DOMAINS.certifications, months: true },
  computeCertificationsPanel,
);

export const dashboardCertificationsOp = defineOperation({
  name: 'dashboard.certifications',
  permission: 'dashboard.read',
  kind: 'read',
  input: dashboardFilterSchema,
  handler: certificationsPanel,
});
