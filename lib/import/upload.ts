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

/** Streams a request body to a temporary file (never buffering it whole), hashing it on the way. */
export async function saveUpload(body: ReadableStream<Uint8Array> | null, maxBytes = MAX_UPLOAD_BYTES): Promise<{ filePath: string; sha256: string; size: number }> {
  if (!body) throw new Error('没有收到文件内容');
  const dir = path.join(os.tmpdir(), 'portal-uploads');
  fs.mkdirSync(dir, { recursive: true });
  const filePath = path.join(dir, crypto.randomUUID());
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
  return { filePath, sha256: hash.digest('hex'), size };
}

export function removeUpload(filePath: string) {
  fs.rm(filePath, { force: true }, () => {});
}
