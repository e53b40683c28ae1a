import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { imports, listRows, povertyLists, towns } from '../schema';
import type { AreaScope } from '@/lib/auth/types';
import type { MatchClass } from '@/lib/domain/classification';
import { maskIdNumber } from '@/lib/domain/id-number';
import { maskIdLikeText } from '@/lib/domain/id-masking';
import { listRowScope } from './list-views';

/** A list's header facts (source, date, year, file), or null. */
export async function listHeader(db: Executor, listId: number) {
  const [list] = await db
    .select({
      id: povertyLists.id,
      source: povertyLists.source,
      listDate: povertyLists.listDate,
      year: povertyLists.year,
      fileName: imports.fileName,
    })
    .from(povertyLists)
    .innerJoin(imports, eq(imports.id, povertyLists.importId))
    .where(eq(povertyLists.id, listId));
  return list ?? null;
}

export interface ListExportQuery {
  listId: number;
  matchClass?: MatchClass;
  townCode?: string;
  name?: string;
}

/** Every row of a list matching the table's filters (same conditions as listRowsPage), ID numbers masked. */
export async function listRowsForExport(db: Executor, scope: AreaScope, q: ListExportQuery) {
  const rows = await db
    .select({
      rowNo: listRows.rowNo,
      name: listRows.name,
      idNumber: listRows.idNumber,
      idError: listRows.idError,
      townName: towns.name,
      village: listRows.village,
      category: listRows.category,
      matchClass: listRows.matchClass,
    })
    .from(listRows)
    .leftJoin(towns, eq(towns.code, listRows.townCode))
    .where(
      and(
        eq(listRows.listId, q.listId),
        listRowScope(scope),
        q.matchClass ? eq(listRows.matchClass, q.matchClass) : undefined,
        q.townCode ? eq(listRows.townCode, q.townCode) : undefined,
        q.name ? eq(listRows.name, q.name) : undefined,
      ),
    )
    .orderBy(asc(listRows.rowNo));
  return rows.map(({ idNumber, idError, ...r }) => ({
    ...r,
    idError: idError && maskIdLikeText(idError),
    maskedId: idNumber ? maskIdNumber(idNumber) : '',
  }));
}

/**
 * Original row numbers of an import's list rows visible in the scope (for the error report of a
 * town-scoped user); null when the import produced no list.
 */
export async function importRowNosInScope(
  db: Executor,
  scope: AreaScope,
  importId: number,
): Promise<Set<number> | null> {
  const [list] = await db.select({ id: povertyLists.id }).from(povertyLists).where(eq(povertyLists.importId, importId));
  if (!list) return null;
  const rows = await db
    .select({ rowNo: listRows.rowNo })
    .from(listRows)
    .where(and(eq(listRows.listId, list.id), listRowScope(scope) ?? sql`true`));
  return new Set(rows.map((r) => r.rowNo));
}
