import type { Jsonified } from '@/components/cases/types';
import type { Drill } from '@/lib/domain/dashboard-period';
import type { dashboardAssistanceOp } from '@/lib/operations/dashboard-assistance';
import type { dashboardCasesOp } from '@/lib/operations/dashboard-cases';
import type { dashboardCertificationsOp } from '@/lib/operations/dashboard-certifications';
import type { dashboardCoverageOp } from '@/lib/operations/dashboard-coverage';
import type { dashboardListCoverageOp } from '@/lib/operations/dashboard-lists';
import type { dashboardSubsidiesOp } from '@/lib/operations/dashboard-subsidies';
import type { DashboardPanel } from '@/lib/schemas/dashboard';
import type { ResultOf } from '@/lib/server/operation';

export type { DashboardPanel, Drill };

export type CoverageJson = Jsonified<ResultOf<typeof dashboardCoverageOp>>;
export type ListCoverageJson = Jsonified<ResultOf<typeof dashboardListCoverageOp>>;
export type CasesJson = Jsonified<ResultOf<typeof dashboardCasesOp>>;
export type SubsidiesJson = Jsonified<ResultOf<typeof dashboardSubsidiesOp>>;
export type AssistanceJson = Jsonified<ResultOf<typeof dashboardAssistanceOp>>;
export type CertificationsJson = Jsonified<ResultOf<typeof dashboardCertificationsOp>>;

/** Each panel's answer, as it arrives over JSON. */
export interface PanelResults {
  coverage: CoverageJson;
  listCoverage: ListCoverageJson;
  cases: CasesJson;
  subsidies: SubsidiesJson;
  assistance: AssistanceJson;
  certifications: CertificationsJson;
}

/** The portal URL of a drill-down target (its list page with the filters that give the same number). */
export function drillHref(drill: Drill): string {
  const query = new URLSearchParams(drill.query).toString();
  return query ? `${drill.path}?${query}` : drill.path;
}

/** react-query key of one panel for one set of filters. */
export const dashboardKey = (panel: DashboardPanel, filterQuery: string) => ['dashboard', panel, filterQuery] as const;
