import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export class UploadTooLargeError extends Error {
  constructor() {
    super('文件超过 200 MB，请拆分后再导入');
  }
}

const UPLOAD_DIR = path.join(os.tmpdir(), 'portal-uploads');

export interface SavedUpload {
  uploadId: string;
  filePath: string;
  sha256: string;
  size: number;
}

/** A file stored by an earlier request (the preview step), by its id; null if unknown or expired. */
export function findUpload(uploadId: string): SavedUpload | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(uploadId)) return null;
  const filePath = path.join(UPLOAD_DIR, uploadId);
  if (!fs.existsSync(filePath) || !fs.existsSync(`${filePath}.sha256`)) return null;
  return { uploadId, filePath, sha256: fs.readFileSync(`${filePath}.sha256`, 'utf8'), size: fs.statSync(filePath).size };
}

/** Streams a request body to a temporary file (never buffering it whole), hashing it on the way. */
export async function saveUpload(body: ReadableStream<Uint8Array> | null, maxBytes = MAX_UPLOAD_BYTES): Promise<SavedUpload> {
  if (!body) throw new Error('没有收到文件内容');
  fs.mkdirSync(UPLOAD_DIR, { recursive: true });
  const uploadId = crypto.randomUUID();
  const filePath = path.join(UPLOAD_DIR, uploadId);
  const hash = crypto.createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new UploadTooLargeError());
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), meter, fs.createWriteStream(filePath));
  } catch (err) {
    removeUpload(filePath);
    throw err;
  }
  const sha256 = hash.digest('hex');
  fs.writeFileSync(`${filePath}.sha256`, sha256);
  return { uploadId, filePath, sha256, size };
}

export function removeUpload(filePath: string) {
  fs.rm(filePath, { force: true }, () => {});
  fs.rm(`${filePath}.sha256`, { force: true }, () => {});
}
