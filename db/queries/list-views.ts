import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { imports, listRows, povertyLists, towns, type ListRow } from '../schema';
import type { AreaScope } from '@/lib/auth/types';
import { maskIdNumber } from '@/lib/domain/id-number';
import { maskIdLikeText } from '@/lib/domain/id-masking';
import type { MatchClass } from '@/lib/domain/classification';
import { districtOfUser, nullableTownScopeCondition } from './scope';

/** The user who imported a list row's list. */
const listImporter = sql`(select i.user_id from poverty_lists pl join imports i on i.id = pl.import_id where pl.id = ${listRows.listId})`;

/**
 * List rows visible in a scope: a town sees its own rows; a district its towns' rows and the rows
 * without a town (a person not found, the town text unknown) of lists its staff imported; the area all.
 */
export function listRowScope(scope: AreaScope): SQL | undefined {
  return nullableTownScopeCondition(listRows.townCode, districtOfUser(listImporter), scope);
}

/** One list row if it is visible in the scope, else null. */
export async function listRowInScope(db: Executor, scope: AreaScope, rowId: number): Promise<ListRow | null> {
  const [row] = await db
    .select()
    .from(listRows)
    .where(and(eq(listRows.id, rowId), listRowScope(scope)));
  return row ?? null;
}

/**
 * How many rows of a list are not visible in the scope (0 without a query for the whole area):
 * an import by a town's staff may name people of other towns.
 */
export async function countListRowsOutsideScope(db: Executor, scope: AreaScope, listId: number): Promise<number> {
  const inScope = listRowScope(scope);
  if (!inScope) return 0;
  const [r] = await db
    .select({ n: sql<number>`count(*) filter (where not coalesce(${inScope}, false))`.mapWith(Number) })
    .from(listRows)
    .where(eq(listRows.listId, listId));
  return r.n;
}

const classCounts = {
  total: count(listRows.id),
  enrolledResident: sql<number>`count(*) filter (where ${listRows.matchClass} = 'enrolled_resident')`.mapWith(Number),
  enrolledEmployee: sql<number>`count(*) filter (where ${listRows.matchClass} = 'enrolled_employee')`.mapWith(Number),
  duplicate: sql<number>`count(*) filter (where ${listRows.matchClass} = 'duplicate')`.mapWith(Number),
  notEnrolled: sql<number>`count(*) filter (where ${listRows.matchClass} = 'not_enrolled')`.mapWith(Number),
  invalidId: sql<number>`count(*) filter (where ${listRows.matchClass} = 'invalid_id')`.mapWith(Number),
  notFound: sql<number>`count(*) filter (where ${listRows.matchClass} = 'not_found')`.mapWith(Number),
};
export type ClassCounts = { [K in keyof typeof classCounts]: number };

/** All list versions with their per-class counts within the scope, newest first. */
export function listPovertyLists(db: Executor, scope: AreaScope) {
  return db
    .select({
      id: povertyLists.id,
      source: povertyLists.source,
      listDate: povertyLists.listDate,
      year: povertyLists.year,
      previousListId: povertyLists.previousListId,
      fileName: imports.fileName,
      importedAt: imports.startedAt,
      ...classCounts,
    })
    .from(povertyLists)
    .innerJoin(imports, eq(imports.id, povertyLists.importId))
    .leftJoin(listRows, and(eq(listRows.listId, povertyLists.id), listRowScope(scope)))
    .groupBy(povertyLists.id, imports.id)
    .orderBy(desc(povertyLists.listDate), desc(povertyLists.id));
}

export async function getListSummary(db: Executor, scope: AreaScope, listId: number) {
  const [list] = await db
    .select({
      id: povertyLists.id,
      source: povertyLists.source,
      listDate: povertyLists.listDate,
      year: povertyLists.year,
      previousListId: povertyLists.previousListId,
      importId: povertyLists.importId,
      fileName: imports.fileName,
      importedAt: imports.startedAt,
      rowsSkipped: imports.rowsSkipped,
    })
    .from(povertyLists)
    .innerJoin(imports, eq(imports.id, povertyLists.importId))
    .where(eq(povertyLists.id, listId));
  if (!list) return null;
  const byTown = await db
    .select({ townCode: listRows.townCode, townName: towns.name, ...classCounts })
    .from(listRows)
    .leftJoin(towns, eq(towns.code, listRows.townCode))
    .where(and(eq(listRows.listId, listId), listRowScope(scope)))
    .groupBy(listRows.townCode, towns.name)
    .orderBy(asc(listRows.townCode));
  const totals = byTown.reduce<ClassCounts>(
    (acc, r) => {
      for (const k of Object.keys(acc) as (keyof ClassCounts)[]) acc[k] += r[k];
      return acc;
    },
    { total: 0, enrolledResident: 0, enrolledEmployee: 0, duplicate: 0, notEnrolled: 0, invalidId: 0, notFound: 0 },
  );
  return { list, totals, byTown };
}

export interface ListRowQuery {
  listId: number;
  matchClass?: MatchClass;
  townCode?: string;
  name?: string;
  page: number;
  pageSize: number;
}

/** Rows of a list within the scope, ID numbers masked. */
export async function listRowsPage(db: Executor, scope: AreaScope, q: ListRowQuery) {
  const where = and(
    eq(listRows.listId, q.listId),
    listRowScope(scope),
    q.matchClass ? eq(listRows.matchClass, q.matchClass) : undefined,
    q.townCode ? eq(listRows.townCode, q.townCode) : undefined,
    q.name ? eq(listRows.name, q.name) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: listRows.id,
        rowNo: listRows.rowNo,
        name: listRows.name,
        idNumber: listRows.idNumber,
        idError: listRows.idError,
        townCode: listRows.townCode,
        townName: towns.name,
        village: listRows.village,
        category: listRows.category,
        personId: listRows.personId,
        matchClass: listRows.matchClass,
        suggestions:
          sql<number>`(select count(*) from match_suggestions s where s.list_row_id = ${listRows.id} and s.status = 'pending')`.mapWith(
            Number,
          ),
      })
      .from(listRows)
      .leftJoin(towns, eq(towns.code, listRows.townCode))
      .where(where)
      .orderBy(asc(listRows.rowNo))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(listRows).where(where),
  ]);
  return {
    data: rows.map(({ idNumber, idError, ...r }) => ({
      ...r,
      idError: idError && maskIdLikeText(idError), // an Excel number's read-out is the number's first digits
      maskedId: idNumber ? maskIdNumber(idNumber) : '',
    })),
    total,
  };
}
export type ListRowView = Awaited<ReturnType<typeof listRowsPage>>['data'][number];

/** Every list that named a person, with dates (the person's list history). */
export function listsNamingPerson(db: Executor, personId: number) {
  return db
    .select({
      listId: povertyLists.id,
      source: povertyLists.source,
      listDate: povertyLists.listDate,
      year: povertyLists.year,
      category: listRows.category,
      matchClass: listRows.matchClass,
      rowNo: listRows.rowNo,
    })
    .from(listRows)
    .innerJoin(povertyLists, eq(povertyLists.id, listRows.listId))
    .where(eq(listRows.personId, personId))
    .orderBy(desc(povertyLists.listDate));
}

/** All rows of a list in a scope, for the version diff and exports. */
export function allListRows(db: Executor, scope: AreaScope, listId: number) {
  return db
    .select({
      rowNo: listRows.rowNo,
      name: listRows.name,
      idNumber: listRows.idNumber,
      idError: listRows.idError,
      category: listRows.category,
      townCode: listRows.townCode,
      matchClass: listRows.matchClass,
      village: listRows.village,
    })
    .from(listRows)
    .where(and(eq(listRows.listId, listId), listRowScope(scope)))
    .orderBy(asc(listRows.rowNo));
}
