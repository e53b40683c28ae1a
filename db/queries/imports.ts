import { and, asc, eq, sql } from 'drizzle-orm';
import type { AlikeStop } from '@/lib/domain/import-stop';
import type { Db, Executor } from '../index';
import { importErrors, imports, type Import } from '../schema';

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

export function listImportErrors(db: Executor, importId: number) {
  return db.select().from(importErrors).where(eq(importErrors.importId, importId)).orderBy(asc(importErrors.rowNo));
}

/** An import whose process died stays 'running'; after this long without finishing it is shown as interrupted. */
export async function markStaleImports(db: Executor, olderThanMinutes = 60) {
  await db
    .update(imports)
    .set({
      status: 'failed',
      message: '导入中断（进程退出），未写入任何数据，请重新导入该文件',
      finishedAt: new Date(),
    })
    .where(
      and(
        eq(imports.status, 'running'),
        sql`${imports.startedAt} < now() - make_interval(mins => ${olderThanMinutes})`,
      ),
    );
}
