/** react-query keys and fetchers of the matching pages, shared so mutations can invalidate them. */
import { fetchJson } from '@/lib/client/fetch-json';
import type { ImportStatus, ListOverview, ListRowsPage, ListSummary, RowSuggestions } from './types';

export const matchingKeys = {
  lists: ['lists'] as const,
  overview: (listId: number) => ['list', listId] as const,
  rows: (listId: number, params?: string) =>
    params === undefined ? (['list-rows', listId] as const) : (['list-rows', listId, params] as const),
  suggestions: (rowId: number) => ['row-suggestions', rowId] as const,
  importStatus: (importId: number) => ['import', importId] as const,
};

export const fetchLists = () => fetchJson<ListSummary[]>('/api/lists');
export const fetchOverview = (listId: number) => fetchJson<ListOverview>(`/api/lists/${listId}`);
export const fetchRows = (listId: number, params: string) =>
  fetchJson<ListRowsPage>(`/api/lists/${listId}/rows?${params}`);
export const fetchSuggestions = (rowId: number) => fetchJson<RowSuggestions>(`/api/list-rows/${rowId}/suggestions`);
export const fetchImportStatus = (importId: number) => fetchJson<ImportStatus>(`/api/imports/${importId}`);
