/**
 * Uploaded import files (registry exports, poverty lists: personal data, up to 200 MB) kept in
 * Postgres in 1 MiB chunks, so that any portal process behind the database can import a file
 * previewed on another one, and no copy stays on a local disk. The readers need a real file
 * (random access to a zip's central directory): `withUploadFile` writes a private temporary copy
 * for the duration of one call only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db, Executor } from '@/db';
import {
  deleteExpiredUploadRows,
  deleteUploadRow,
  finishUpload,
  findLiveUpload,
  insertUpload,
  insertUploadChunk,
  streamUploadChunks,
} from '@/db/queries/uploads';
import type { Upload } from '@/db/schema';

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const UPLOAD_TTL_HOURS = 24;
const CHUNK_BYTES = 1024 * 1024;

export class UploadTooLargeError extends Error {
  constructor() {
    super('文件超过 200 MB，请拆分后再导入');
    this.name = 'UploadTooLargeError';
  }
}

export interface StoredUpload {
  uploadId: string;
  userId: number;
  fileName: string;
  size: number;
  sha256: string;
  expiresAt: Date;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toStored(row: Upload): StoredUpload {
  return {
    uploadId: row.id,
    userId: row.userId,
    fileName: row.fileName,
    size: row.size,
    sha256: row.sha256,
    expiresAt: row.expiresAt,
  };
}

/**
 * Streams a request body into the database in one transaction (never buffering it whole), hashing
 * it on the way. Over `maxBytes` → UploadTooLargeError; a broken stream → its error; either way
 * nothing is stored. Sweeps expired uploads first.
 */
export async function storeUpload(
  db: Db,
  owner: { userId: number },
  fileName: string,
  body: ReadableStream<Uint8Array> | null,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<StoredUpload> {
  if (!body) throw new Error('没有收到文件内容');
  if ([...fileName].length > 255) throw new Error('文件名过长（最多 255 个字符），请改名后再上传');
  await deleteExpiredUploadRows(db);
  const reader = body.getReader();
  try {
    const row = await db.transaction(async (tx) => {
      const upload = await insertUpload(tx, { userId: owner.userId, fileName, ttlHours: UPLOAD_TTL_HOURS });
      const hash = crypto.createHash('sha256');
      let size = 0;
      let seq = 0;
      const meter = (piece: Uint8Array) => {
        size += piece.length;
        if (size > maxBytes) throw new UploadTooLargeError();
        hash.update(piece);
      };
      for await (const chunk of fixedChunks(reader, CHUNK_BYTES, meter))
        await insertUploadChunk(tx, upload.id, seq++, chunk);
      return finishUpload(tx, upload.id, { size, sha256: hash.digest('hex') });
    });
    return toStored(row);
  } catch (err) {
    // Stop reading the rest of a refused or broken body.
    await reader.cancel().catch(() => {});
    throw err;
  } finally {
    reader.releaseLock();
  }
}

/** The body cut into pieces of exactly `size` bytes (the last one shorter); `onPiece` sees every read. */
async function* fixedChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  size: number,
  onPiece: (piece: Uint8Array) => void,
): AsyncGenerator<Buffer> {
  let buf = Buffer.allocUnsafe(size);
  let used = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onPiece(value);
    let offset = 0;
    while (offset < value.length) {
      const n = Math.min(size - used, value.length - offset);
      buf.set(value.subarray(offset, offset + n), used);
      used += n;
      offset += n;
      if (used === size) {
        yield buf;
        buf = Buffer.allocUnsafe(size);
        used = 0;
      }
    }
  }
  if (used > 0) yield buf.subarray(0, used);
}

/** An upload of this user that has not expired; null for a malformed id, unknown, expired, or someone else's. */
export async function findUpload(db: Executor, uploadId: string, userId: number): Promise<StoredUpload | null> {
  if (!UUID_RE.test(uploadId) || !Number.isSafeInteger(userId)) return null;
  const row = await findLiveUpload(db, uploadId.toLowerCase(), userId);
  return row ? toStored(row) : null;
}

/** Deletes an upload and its content; false if there was none. */
export async function deleteUpload(db: Executor, uploadId: string): Promise<boolean> {
  if (!UUID_RE.test(uploadId)) return false;
  return deleteUploadRow(db, uploadId.toLowerCase());
}

/** Deletes every expired upload; the number deleted. */
export function deleteExpiredUploads(db: Executor): Promise<number> {
  return deleteExpiredUploadRows(db);
}

/**
 * Writes the upload to a private temporary file (streamed, checked against its size and hash),
 * calls `fn` with its path, and removes the file afterwards whatever happens.
 */
export async function withUploadFile<T>(
  db: Executor,
  upload: StoredUpload,
  fn: (filePath: string) => Promise<T>,
): Promise<T> {
  const dir = await privateDir();
  const filePath = path.join(dir, crypto.randomUUID());
  try {
    await pipeline(
      Readable.from(verified(streamUploadChunks(db, upload.uploadId), upload)),
      fs.createWriteStream(filePath, { flags: 'wx', mode: 0o600 }),
    );
    return await fn(filePath);
  } finally {
    await fs.promises
      .rm(filePath, { force: true })
      .catch((err: Error) => console.error(`无法删除导入临时文件 ${filePath}：${err.message}`));
  }
}

/** Passes the chunks on, failing at the end unless they add up to the stored size and hash (deleted meanwhile, say). */
async function* verified(chunks: AsyncIterable<Buffer>, upload: StoredUpload): AsyncGenerator<Buffer> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    hash.update(chunk);
    yield chunk;
  }
  if (size !== upload.size || hash.digest('hex') !== upload.sha256) throw new Error('上传的文件已失效，请重新选择文件');
}

/** Temporary copies live in `<tmpdir>/portal-imports/<pid>`, one directory per process. */
const BASE_DIR = path.join(os.tmpdir(), 'portal-imports');
let ownDirCleared: Promise<void> | null = null;

/** This process's directory (mode 0700, ours), after removing the directories of processes that no longer run. */
async function privateDir(): Promise<string> {
  await fs.promises.mkdir(BASE_DIR, { recursive: true, mode: 0o700 });
  await assertOwnDirectory(BASE_DIR);
  await removeDeadProcessDirs();
  const dir = path.join(BASE_DIR, String(process.pid));
  // Anything already there belongs to an earlier process that had the same pid (a restarted container).
  ownDirCleared ??= fs.promises.rm(dir, { recursive: true, force: true });
  await ownDirCleared;
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  await assertOwnDirectory(dir);
  return dir;
}

/** Refuses a directory that is a symlink or someone else's, and makes it private. */
async function assertOwnDirectory(dir: string): Promise<void> {
  const stat = await fs.promises.lstat(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid))
    throw new Error(`导入临时目录 ${dir} 不属于本程序，请检查服务器临时目录`);
  if ((stat.mode & 0o077) !== 0) await fs.promises.chmod(dir, 0o700);
}

async function removeDeadProcessDirs(): Promise<void> {
  for (const name of await fs.promises.readdir(BASE_DIR)) {
    if (!/^[1-9]\d*$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid || isRunning(pid)) continue;
    // Another process may be removing the same directory: ignore its races.
    await fs.promises.rm(path.join(BASE_DIR, name), { recursive: true, force: true }).catch(() => {});
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
