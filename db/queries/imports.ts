import { and, asc, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import type { AreaScope } from '@/lib/auth/types';
import { INTERRUPTED_MESSAGE, STALE_IMPORT_MINUTES } from '@/lib/domain/import-stale';
import type { AlikeStop } from '@/lib/domain/import-stop';
import type { Db, Executor } from '../index';
import { importErrors, imports, listRows, povertyLists, type Import } from '../schema';
import { listRowScope } from './list-views';
import { districtOfUser } from './scope';

/** Starts an import record (outside the import's transaction, so progress is visible while it runs). */
export async function createImport(
  db: Db,
  values: { kind: Import['kind']; fileName: string; fileSha256: string; userId: number },
) {
  const [row] = await db.insert(imports).values(values).returning();
  return row;
}

export async function updateImportProgress(
  db: Executor,
  id: number,
  p: { rowsDone: number; rowsRejected: number; rowsSkipped: number },
) {
  await db.update(imports).set(p).where(eq(imports.id, id));
}

export async function finishImport(
  db: Executor,
  id: number,
  values: {
    status: 'completed' | 'failed';
    message?: string | null;
    problem?: AlikeStop | null;
    rowsDone?: number;
    rowsRejected?: number;
    rowsSkipped?: number;
  },
) {
  await db
    .update(imports)
    .set({ ...values, finishedAt: new Date() })
    .where(eq(imports.id, id));
}

export async function getImport(db: Executor, id: number) {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

/**
 * Which imports a user sees beyond their own: the whole area's staff every import; otherwise a
 * list import with a row visible in the scope, and — for district staff — a registry import by a
 * user of the district or of the whole area (whose import reaches every district).
 */
function importsOfScope(scope: AreaScope, db: Executor): SQL | undefined {
  if (scope.level === 'area') return undefined;
  const listWithVisibleRow = and(
    eq(imports.kind, 'list'),
    exists(
      db
        .select({ one: sql`1` })
        .from(povertyLists)
        .innerJoin(listRows, eq(listRows.listId, povertyLists.id))
        .where(and(eq(povertyLists.importId, imports.id), listRowScope(scope))),
    ),
  );
  if (scope.level === 'town') return listWithVisibleRow;
  const registryOfDistrict = and(
    eq(imports.kind, 'registry'),
    sql`coalesce(${districtOfUser(imports.userId)}, ${scope.districtCode}) = ${scope.districtCode}`,
  );
  return or(listWithVisibleRow, registryOfDistrict);
}

/** One import if the user may see it (their own, or one of their scope: importsOfScope), else null. */
export async function getImportInScope(db: Executor, scope: AreaScope, userId: number, id: number) {
  const ofScope = importsOfScope(scope, db);
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.id, id), ofScope && or(eq(imports.userId, userId), ofScope)));
  return row ?? null;
}

export function listImportErrors(db: Executor, importId: number) {
  return db.select().from(importErrors).where(eq(importErrors.importId, importId)).orderBy(asc(importErrors.rowNo));
}

/**
 * An import whose process died stays 'running'; after STALE_IMPORT_MINUTES without finishing it is
 * marked interrupted (failed). Called where imports start, never on a read (reads show such an
 * import as interrupted without writing: lib/domain/import-stale.ts).
 */
export async function markStaleImports(db: Executor, olderThanMinutes = STALE_IMPORT_MINUTES) {
  await db
    .update(imports)
    .set({ status: 'failed', message: INTERRUPTED_MESSAGE, finishedAt: new Date() })
    .where(
      and(
        eq(imports.status, 'running'),
        sql`${imports.startedAt} < now() - make_interval(mins => ${olderThanMinutes})`,
      ),
    );
}
