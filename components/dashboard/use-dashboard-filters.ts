'use client';

import { useMemo } from 'react';
import { useUrlState } from '@/lib/client/use-url-state';
import { dashboardFilterSchema, type DashboardFilter } from '@/lib/schemas/dashboard';

export const FILTER_KEYS = ['year', 'townCode', 'monthFrom', 'monthTo'] as const;

/**
 * The dashboard's filters live in the URL (a reload or a shared link keeps them). `filterQuery` is
 * the same filters as a query string for the API and the exports (the year always named).
 */
export function useDashboardFilters() {
  const { params, update } = useUrlState();
  const filters: DashboardFilter = useMemo(() => {
    const raw = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]));
    const parsed = dashboardFilterSchema.safeParse(raw);
    return parsed.success ? parsed.data : dashboardFilterSchema.parse({ year: raw.year });
  }, [params]);
  const filterQuery = useMemo(() => {
    const q = new URLSearchParams();
    for (const key of FILTER_KEYS) if (filters[key] !== undefined) q.set(key, String(filters[key]));
    return q.toString();
  }, [filters]);
  return { filters, filterQuery, update };
}
