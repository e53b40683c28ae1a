/** Response shapes of the matching API, as the browser receives them (JSON: dates are strings). */
import type {
  getImportStatus,
  getListOverview,
  getRowSuggestions,
  listListRows,
  listLists,
} from '@/lib/operations/matching';
import type { Operation } from '@/lib/server/operation';

type DataOf<O> = O extends Operation<infer _S, infer T> ? T : never;
type Jsonify<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;

export type ListSummary = Jsonify<DataOf<typeof listLists>>[number];
export type ListOverview = Jsonify<DataOf<typeof getListOverview>>;
export type ListDiffView = NonNullable<ListOverview['diff']>;
export type ClassCountsView = ListOverview['totals'];
export type ListRowsPage = Jsonify<DataOf<typeof listListRows>>;
export type ListRowItem = ListRowsPage['data'][number];
export type RowSuggestions = Jsonify<DataOf<typeof getRowSuggestions>>;
export type SuggestionItem = RowSuggestions['suggestions'][number];
export type ImportStatus = Jsonify<DataOf<typeof getImportStatus>>;

/** Stored with each suggestion (lib/domain/suggestions.ts). */
export interface SuggestionEvidence {
  reasons: string[];
  strength: 'strong' | 'weak' | 'none';
  fields: {
    field: 'name' | 'idNumber' | 'birthDate' | 'townCode';
    row: string | null;
    candidate: string;
    agrees: boolean;
    note?: string;
  }[];
}

export function asEvidence(v: unknown): SuggestionEvidence {
  const e = (v ?? {}) as Partial<SuggestionEvidence>;
  return {
    reasons: Array.isArray(e.reasons) ? e.reasons : [],
    strength: e.strength ?? 'none',
    fields: Array.isArray(e.fields) ? e.fields : [],
  };
}
