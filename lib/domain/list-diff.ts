/**
 * Dynamic management (动态管理): a newer list from the same source compared with the previous one,
 * keyed on the ID number. Pure: no I/O.
 */
import { validateIdNumber } from '@/lib/domain/id-number';

export interface ListDiffRow {
  idNumber: string;
  category: string;
  name: string;
}

export interface ListDiff<R extends ListDiffRow> {
  /** In the current list only (new cases, subsidy for the year). */
  added: R[];
  /** In the previous list only (stop future subsidy). */
  removed: R[];
  /** In both, with another category; idNumber is the normalized 18-character ID. */
  categoryChanged: { idNumber: string; name: string; from: string; to: string }[];
  /** In both with the same category. */
  unchanged: number;
  /** Rows without a valid ID, left out of the comparison. */
  unkeyed: { previous: number; current: number };
  /** Later rows repeating an ID already seen in the same list (the first row counts). */
  duplicates: { previous: number; current: number };
}

function keyed<R extends ListDiffRow>(rows: R[], today: Date) {
  const byId = new Map<string, R>();
  let unkeyed = 0;
  let duplicates = 0;
  for (const row of rows) {
    const v = validateIdNumber(String(row.idNumber ?? ''), today);
    if (!v.ok) unkeyed++;
    else if (byId.has(v.id)) duplicates++;
    else byId.set(v.id, row);
  }
  return { byId, unkeyed, duplicates };
}

/**
 * Compares two lists by ID number (normalized and validated, so '37100319850612041x' and a
 * 15-digit number match their 18-character form). Result rows keep the caller's objects and order.
 */
export function diffLists<R extends ListDiffRow>(previous: R[], current: R[], today: Date = new Date()): ListDiff<R> {
  const prev = keyed(previous, today);
  const cur = keyed(current, today);
  const added: R[] = [];
  const categoryChanged: ListDiff<R>['categoryChanged'] = [];
  let unchanged = 0;
  for (const [id, row] of cur.byId) {
    const before = prev.byId.get(id);
    if (!before) added.push(row);
    else if (before.category !== row.category) {
      categoryChanged.push({ idNumber: id, name: row.name, from: before.category, to: row.category });
    } else unchanged++;
  }
  const removed = [...prev.byId].filter(([id]) => !cur.byId.has(id)).map(([, row]) => row);
  return {
    added,
    removed,
    categoryChanged,
    unchanged,
    unkeyed: { previous: prev.unkeyed, current: cur.unkeyed },
    duplicates: { previous: prev.duplicates, current: cur.duplicates },
  };
}
