/**
 * The `request_keys` rows behind idempotent writes (lib/server/request-key.ts). A write inserts its
 * key in its own transaction: a second request with the same key waits on the unique index until
 * the first commits (then it finds the row) or rolls back (then its insert goes in and it runs).
 */
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { requestKeys, type RequestKey } from '@/db/schema';

export interface KeyOf {
  userId: number;
  key: string;
}

/** Claims the key: true if this request inserted it, false if one with it was there (or committed meanwhile). */
export async function claimRequestKey(db: Executor, k: KeyOf, operation: string): Promise<boolean> {
  const rows = await db
    .insert(requestKeys)
    .values({ userId: k.userId, key: k.key, operation })
    .onConflictDoNothing({ target: [requestKeys.userId, requestKeys.key] })
    .returning({ id: requestKeys.id });
  return rows.length > 0;
}

export async function findRequestKey(db: Executor, k: KeyOf): Promise<RequestKey | undefined> {
  const [row] = await db
    .select()
    .from(requestKeys)
    .where(and(eq(requestKeys.userId, k.userId), eq(requestKeys.key, k.key)));
  return row;
}

/** Stores the answer (encoded) of the request that claimed the key. */
export async function completeRequestKey(db: Executor, k: KeyOf, result: unknown): Promise<void> {
  await db
    .update(requestKeys)
    .set({ result, completedAt: sql`now()` })
    .where(and(eq(requestKeys.userId, k.userId), eq(requestKeys.key, k.key)));
}

/** Gives up a job's claim that has no answer (the job did not start, or its process died). */
export async function releasePendingRequestKey(db: Executor, k: KeyOf): Promise<void> {
  await db
    .delete(requestKeys)
    .where(and(eq(requestKeys.userId, k.userId), eq(requestKeys.key, k.key), isNull(requestKeys.completedAt)));
}

/**
 * Deletes keys older than the cut-off, a few at a time and never one another request holds (skip
 * locked): writers do not wait on each other's pruning.
 */
export async function pruneRequestKeys(db: Executor, before: Date, limit = 100): Promise<number> {
  const old = db
    .select({ id: requestKeys.id })
    .from(requestKeys)
    .where(lt(requestKeys.createdAt, before))
    .orderBy(requestKeys.createdAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db.delete(requestKeys).where(inArray(requestKeys.id, old)).returning({ id: requestKeys.id });
  return rows.length;
}
