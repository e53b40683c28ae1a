/**
 * Uploaded import files kept in Postgres (lib/import/upload-store.ts): stored whole or not at all,
 * found only by their owner until they expire, readable from another database client (another
 * portal process), and copied to disk only for the duration of one read.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { asc, count, eq, sql } from 'drizzle-orm';
import { createDb } from '@/db';
import { uploadChunks, uploads } from '@/db/schema';
import {
  deleteExpiredUploads,
  deleteUpload,
  findUpload,
  MAX_UPLOAD_BYTES,
  storeUpload,
  UploadTooLargeError,
  withUploadFile,
} from '@/lib/import/upload-store';
import { createTestDb, sessionUser, type TestDb } from './helpers';

const MiB = 1024 * 1024;
const TMP_BASE = path.join(os.tmpdir(), 'portal-imports');

let t: TestDb;
let staffId: number;
let adminId: number;
let data: Buffer;
let dataSha: string;

before(async () => {
  t = await createTestDb({ people: 50 });
  staffId = (await sessionUser(t.db, 'staff')).id;
  adminId = (await sessionUser(t.db, 'admin')).id;
  data = crypto.randomBytes(3 * MiB + 12_345);
  dataSha = sha256(data);
});
after(async () => {
  await t.close();
});

function sha256(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

/** A request-like body delivering `buf` in odd-sized pieces; with `failAt`, it errors once that many bytes are sent. */
function bodyOf(buf: Buffer, options: { piece?: number; failAt?: number } = {}): ReadableStream<Uint8Array> {
  const piece = options.piece ?? 100_003;
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.failAt !== undefined && offset >= options.failAt)
        return controller.error(new Error('connection reset'));
      if (offset >= buf.length) return controller.close();
      controller.enqueue(new Uint8Array(buf.subarray(offset, offset + piece)));
      offset += piece;
    },
  });
}

async function rowCounts() {
  const [u] = await t.db.select({ n: count() }).from(uploads);
  const [c] = await t.db.select({ n: count() }).from(uploadChunks);
  return { uploads: u.n, chunks: c.n };
}

test('a stored upload is found by its owner, with the right size, hash and 1 MiB chunks', async () => {
  const stored = await storeUpload(t.db, { userId: staffId }, '脱贫户名单.xlsx', bodyOf(data));
  assert.equal(stored.size, data.length);
  assert.equal(stored.sha256, dataSha);
  assert.equal(stored.userId, staffId);
  assert.equal(stored.fileName, '脱贫户名单.xlsx');
  const hours = (stored.expiresAt.getTime() - Date.now()) / 3_600_000;
  assert.ok(hours > 23.9 && hours <= 24.1, `expires in ${hours} h`);

  assert.deepEqual(await findUpload(t.db, stored.uploadId, staffId), stored);
  assert.deepEqual(await findUpload(t.db, stored.uploadId.toUpperCase(), staffId), stored);

  const chunks = await t.db
    .select()
    .from(uploadChunks)
    .where(eq(uploadChunks.uploadId, stored.uploadId))
    .orderBy(asc(uploadChunks.seq));
  assert.deepEqual(
    chunks.map((c) => c.seq),
    [0, 1, 2, 3],
  );
  assert.deepEqual(
    chunks.map((c) => c.data.length),
    [MiB, MiB, MiB, 12_345],
  );
  assert.equal(sha256(Buffer.concat(chunks.map((c) => c.data))), dataSha);
  await deleteUpload(t.db, stored.uploadId);
});

test('another user, an unknown id and a malformed id all get null', async () => {
  const stored = await storeUpload(t.db, { userId: staffId }, 'a.csv', bodyOf(Buffer.from('姓名,身份证号\n')));
  assert.equal(await findUpload(t.db, stored.uploadId, adminId), null);
  assert.equal(await findUpload(t.db, crypto.randomUUID(), staffId), null);
  assert.equal(await findUpload(t.db, 'not-a-uuid', staffId), null);
  assert.equal(await findUpload(t.db, "'; drop table uploads; --", staffId), null);
  assert.equal(await deleteUpload(t.db, 'not-a-uuid'), false);
  await deleteUpload(t.db, stored.uploadId);
});

test('an expired upload is not found, and the sweep (also run by every new upload) removes it with its chunks', async () => {
  const expired = await storeUpload(t.db, { userId: staffId }, 'old.xlsx', bodyOf(data.subarray(0, 2 * MiB)));
  const live = await storeUpload(t.db, { userId: staffId }, 'new.xlsx', bodyOf(data.subarray(0, 10)));
  await t.db
    .update(uploads)
    .set({ expiresAt: sql`now() - interval '1 minute'` })
    .where(eq(uploads.id, expired.uploadId));
  assert.equal(await findUpload(t.db, expired.uploadId, staffId), null);

  const another = await storeUpload(t.db, { userId: adminId }, 'b.csv', bodyOf(Buffer.from('x')));
  assert.equal((await t.db.select().from(uploads).where(eq(uploads.id, expired.uploadId))).length, 0);
  assert.equal((await t.db.select().from(uploadChunks).where(eq(uploadChunks.uploadId, expired.uploadId))).length, 0);
  assert.ok(await findUpload(t.db, live.uploadId, staffId), 'an upload that has not expired stays');

  await t.db
    .update(uploads)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(uploads.id, another.uploadId));
  assert.equal(await deleteExpiredUploads(t.db), 1);
  await deleteUpload(t.db, live.uploadId);
});

test('over the size limit: UploadTooLargeError with the Chinese message, and nothing is stored', async () => {
  const before = await rowCounts();
  await assert.rejects(storeUpload(t.db, { userId: staffId }, 'big.xlsx', bodyOf(data), 2 * MiB), (err: Error) => {
    assert.ok(err instanceof UploadTooLargeError);
    assert.equal(err.message, '文件超过 200 MB，请拆分后再导入');
    return true;
  });
  assert.deepEqual(await rowCounts(), before);
  assert.equal(MAX_UPLOAD_BYTES, 200 * MiB);

  // Exactly at the limit is accepted.
  const exact = await storeUpload(t.db, { userId: staffId }, 'exact.xlsx', bodyOf(data.subarray(0, 2 * MiB)), 2 * MiB);
  assert.equal(exact.size, 2 * MiB);
  await deleteUpload(t.db, exact.uploadId);
});

test('a body that breaks midway stores nothing; no body at all is refused', async () => {
  const before = await rowCounts();
  await assert.rejects(
    storeUpload(t.db, { userId: staffId }, 'cut.xlsx', bodyOf(data, { failAt: 2 * MiB + 500_000 })),
    /connection reset/,
  );
  assert.deepEqual(await rowCounts(), before);
  await assert.rejects(storeUpload(t.db, { userId: staffId }, 'none.xlsx', null), { message: '没有收到文件内容' });
  assert.deepEqual(await rowCounts(), before);
});

test('withUploadFile gives the exact bytes in a private file and removes it, also when fn throws', async () => {
  const stored = await storeUpload(t.db, { userId: staffId }, 'list.xlsx', bodyOf(data));
  let seen = '';
  const result = await withUploadFile(t.db, stored, async (filePath) => {
    seen = filePath;
    assert.equal(path.dirname(filePath), path.join(TMP_BASE, String(process.pid)));
    assert.equal(fs.statSync(filePath).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(filePath)).mode & 0o777, 0o700);
    return sha256(await fs.promises.readFile(filePath));
  });
  assert.equal(result, dataSha);
  assert.equal(fs.existsSync(seen), false);

  await assert.rejects(
    withUploadFile(t.db, stored, async (filePath) => {
      seen = filePath;
      assert.equal(fs.statSync(filePath).size, data.length);
      throw new Error('reader failed');
    }),
    /reader failed/,
  );
  assert.equal(fs.existsSync(seen), false);
  assert.deepEqual(fs.readdirSync(path.join(TMP_BASE, String(process.pid))), []);
  await deleteUpload(t.db, stored.uploadId);
});

test('withUploadFile removes the leftover directory of a process that no longer runs', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadDir = path.join(TMP_BASE, dead.stdout);
  fs.mkdirSync(deadDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(deadDir, 'left-behind'), '张三,110101199001011234\n');
  const stored = await storeUpload(t.db, { userId: staffId }, 'c.csv', bodyOf(Buffer.from('abc')));
  await withUploadFile(t.db, stored, async () => {});
  assert.equal(fs.existsSync(deadDir), false);
  await deleteUpload(t.db, stored.uploadId);
});

test('withUploadFile fails (and leaves no file) when the upload was deleted in the meantime', async () => {
  const stored = await storeUpload(t.db, { userId: staffId }, 'gone.xlsx', bodyOf(data));
  await deleteUpload(t.db, stored.uploadId);
  let called = false;
  await assert.rejects(
    withUploadFile(t.db, stored, async () => {
      called = true;
    }),
    { message: '上传的文件已失效，请重新选择文件' },
  );
  assert.equal(called, false);
  assert.deepEqual(fs.readdirSync(path.join(TMP_BASE, String(process.pid))), []);
});

test('a second database client (another portal process) finds and reads an upload stored through the first', async () => {
  const stored = await storeUpload(t.db, { userId: staffId }, 'shared.xlsx', bodyOf(data));
  const other = createDb(t.url, { max: 2 });
  try {
    const found = await findUpload(other.db, stored.uploadId, staffId);
    assert.deepEqual(found, stored);
    assert.equal(
      await withUploadFile(other.db, found!, async (filePath) => sha256(await fs.promises.readFile(filePath))),
      dataSha,
    );
    assert.equal(await findUpload(other.db, stored.uploadId, adminId), null);
  } finally {
    await other.close();
  }
  await deleteUpload(t.db, stored.uploadId);
});

test('deleteUpload removes the upload and its chunks', async () => {
  const stored = await storeUpload(t.db, { userId: staffId }, 'd.xlsx', bodyOf(data));
  const chunksOf = async () =>
    (await t.db.select({ n: count() }).from(uploadChunks).where(eq(uploadChunks.uploadId, stored.uploadId)))[0].n;
  assert.equal(await chunksOf(), 4);
  assert.equal(await deleteUpload(t.db, stored.uploadId), true);
  assert.equal(await chunksOf(), 0);
  assert.equal(await findUpload(t.db, stored.uploadId, staffId), null);
  assert.equal(await deleteUpload(t.db, stored.uploadId), false);
  assert.deepEqual(await rowCounts(), { uploads: 0, chunks: 0 });
});
