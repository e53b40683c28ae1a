import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { uploadChunks, uploads, type Upload } from '../schema';

/** The hash an upload row holds until finishUpload (never visible: both run in one transaction). */
const PENDING_SHA256 = '0'.repeat(64);

/** Starts an upload row expiring `ttlHours` from now (database clock, shared by all portal processes). */
export async function insertUpload(
  db: Executor,
  values: { userId: number; fileName: string; ttlHours: number },
): Promise<Upload> {
  const [row] = await db
    .insert(uploads)
    .values({
      userId: values.userId,
      fileName: values.fileName,
      size: 0,
      sha256: PENDING_SHA256,
      expiresAt: sql`now() + make_interval(hours => ${values.ttlHours})`,
    })
    .returning();
  return row;
}

export async function insertUploadChunk(db: Executor, uploadId: string, seq: number, data: Buffer): Promise<void> {
  await db.insert(uploadChunks).values({ uploadId, seq, data });
}

/** Records the size and hash of a completely stored upload. */
export async function finishUpload(
  db: Executor,
  id: string,
  values: { size: number; sha256: string },
): Promise<Upload> {
  const [row] = await db.update(uploads).set(values).where(eq(uploads.id, id)).returning();
  return row;
}

/** An upload of this user that has not expired, or null. `id` must be a well-formed uuid. */
export async function findLiveUpload(db: Executor, id: string, userId: number): Promise<Upload | null> {
  const [row] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.userId, userId), gt(uploads.expiresAt, sql`now()`)));
  return row ?? null;
}

/** The next chunks of an upload after `afterSeq`, in order. */
export function readUploadChunks(db: Executor, uploadId: string, afterSeq: number, limit: number) {
  return db
    .select({ seq: uploadChunks.seq, data: uploadChunks.data })
    .from(uploadChunks)
    .where(and(eq(uploadChunks.uploadId, uploadId), gt(uploadChunks.seq, afterSeq)))
    .orderBy(asc(uploadChunks.seq))
    .limit(limit);
}

/** The content of an upload in order, a few chunks per query (never the whole file in memory). */
export async function* streamUploadChunks(db: Executor, uploadId: string, batch = 4): AsyncGenerator<Buffer> {
  let afterSeq = -1;
  for (;;) {
    const rows = await readUploadChunks(db, uploadId, afterSeq, batch);
    for (const row of rows) yield row.data;
    if (rows.length < batch) return;
    afterSeq = rows[rows.length - 1].seq;
  }
}

/** Deletes an upload and (by cascade) its chunks; false if there was none. */
export async function deleteUploadRow(db: Executor, id: string): Promise<boolean> {
  const rows = await db.delete(uploads).where(eq(uploads.id, id)).returning({ id: uploads.id });
  return rows.length > 0;
}

/** Deletes every expired upload with its chunks; the number deleted. */
export async function deleteExpiredUploadRows(db: Executor): Promise<number> {
  const rows = await db
    .delete(uploads)
    .where(lte(uploads.expiresAt, sql`now()`))
    .returning({ id: uploads.id });
  return rows.length;
}
