/**
 * Marking an import failed when the database may be away: the import's transaction died with the
 * connection, and so would the update of its row — so that is retried in the background until the
 * database is back (bounded), and no import is left 'running' by a database restart.
 */
import type { Db } from '@/db';
import { finishImport } from '@/db/queries/imports';
import type { AlikeStop } from '@/lib/domain/import-stop';
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '@/lib/server/pg-errors';

/** The import's message when the database went away during it. */
export const IMPORT_DATABASE_AWAY = `导入中断：${DB_UNAVAILABLE_MESSAGE}。本次导入未写入任何数据，数据库恢复后请重新导入该文件`;

export const RETRY = { everyMs: 2_000, forMs: 30 * 60_000 };

/**
 * Sets the import failed with `message`. With the database away it resolves at once and keeps
 * trying every `everyMs` for `forMs` (after that the import reads as interrupted: import-stale.ts).
 */
export async function markImportFailed(
  db: Db,
  importId: number,
  values: { message: string; problem?: AlikeStop | null },
  retry = RETRY,
): Promise<void> {
  const mark = () =>
    finishImport(db, importId, { status: 'failed', message: values.message, problem: values.problem ?? null });
  try {
    await mark();
    return;
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
  }
  const deadline = Date.now() + retry.forMs;
  const again = () => {
    if (Date.now() > deadline) return;
    mark().catch((err: unknown) => {
      if (isDatabaseUnavailable(err)) setTimeout(again, retry.everyMs).unref();
      else console.error('[import] could not mark the import failed', err);
    });
  };
  setTimeout(again, retry.everyMs).unref();
}

/** The message of an import that failed on an error not its own: the database away, or any other (logged). */
export function unexpectedFailure(tag: string, err: unknown): string {
  if (isDatabaseUnavailable(err)) return IMPORT_DATABASE_AWAY;
  console.error(tag, err);
  return '导入失败：处理时发生错误，本次导入未写入任何数据，可重新导入该文件';
}
