'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/client/fetch-json';
import { dashboardKey, type DashboardPanel, type PanelResults } from './types';

/** What a panel component gets: its data (undefined while the first answer loads), loading and error. */
export interface PanelProps<P extends DashboardPanel> {
  data: PanelResults[P] | undefined;
  /** Fetching (also a refetch for new filters, while the previous answer is still shown). */
  loading: boolean;
  error: Error | null;
  filterQuery: string;
}

/** The route of each panel (/api/dashboard/<route>). */
const ROUTES: Record<DashboardPanel, string> = {
  coverage: 'coverage',
  listCoverage: 'list-coverage',
  cases: 'cases',
  subsidies: 'subsidies',
  assistance: 'assistance',
  certifications: 'certifications',
};

/** One panel's data for the filters (GET /api/dashboard/<panel>); the previous answer stays while the next loads. */
export function usePanel<P extends DashboardPanel>(panel: P, filterQuery: string): PanelProps<P> {
  const query = useQuery({
    queryKey: dashboardKey(panel, filterQuery),
    queryFn: () => fetchJson<PanelResults[P]>(`/api/dashboard/${ROUTES[panel]}?${filterQuery}`),
    placeholderData: (prev) => prev,
  });
  return { data: query.data, loading: query.isFetching, error: query.error, filterQuery };
}
