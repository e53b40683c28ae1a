/**
 * Hostile and broken uploads (issue 13 §1, found by `npm run fuzz:imports`): a file the preview
 * cannot read at all — empty, one byte, a binary named .csv, a truncated workbook, a zip bomb,
 * 16,384 columns — is refused with a Chinese message and leaves nothing behind: its stored upload
 * and chunks are deleted, so the database holds exactly what it held before. A readable file the
 * user still has to decide about keeps its upload.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '@/db';
import type { SessionUser } from '@/lib/auth/types';
import { previewImportOp } from '@/lib/operations/imports';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { storeFile } from './upload-fixtures';

let t: TestDb;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-refusals-'));

before(async () => {
  t = await createTestDb({ people: 10 });
});
after(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

async function run<T>(
  op: { run: (u: SessionUser | null, raw: unknown, o: { db: Db; ip: string }) => Promise<T> },
  input: unknown,
) {
  return op.run(await sessionUser(t.db, 'staff'), input, { db: t.db, ip: '127.0.0.1' });
}

async function uploadRows() {
  const r = await t.db.execute<{ u: number; c: number }>(
    sql`select (select count(*) from uploads)::int as u, (select count(*) from upload_chunks)::int as c`,
  );
  return [r[0].u, r[0].c];
}

/** A one-entry zip whose single part, declared as `declared` bytes, inflates to `data`. */
function zipOf(name: string, data: Buffer, declared = data.length): Buffer {
  const body = zlib.deflateRawSync(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.length, 26);
  const cd = Buffer.alloc(46);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt16LE(8, 10);
  cd.writeUInt32LE(body.length, 20);
  cd.writeUInt32LE(declared, 24);
  cd.writeUInt16LE(n.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + n.length, 12);
  eocd.writeUInt32LE(30 + n.length + body.length, 16);
  return Buffer.concat([local, n, body, cd, n, eocd]);
}

async function workbook(cols: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['姓名', '身份证号', '乡镇']);
  ws.addRow(Array.from({ length: cols }, (_, i) => i));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HOSTILE: [string, () => Promise<Buffer> | Buffer][] = [
  ['empty.csv', () => Buffer.alloc(0)],
  ['one-byte.xlsx', () => Buffer.from([0xff])],
  ['binary.csv', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe, 0, 1, 2, 3, 0x80, 0x81, 0x82])],
  ['truncated.xlsx', async () => (await workbook(3)).subarray(0, 700)],
  ['bomb.xlsx', () => zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(8 * 1024 * 1024, 0x20), 1000)],
  ['wide.xlsx', () => workbook(16384)],
];

for (const [name, make] of HOSTILE) {
  test(`an unreadable file (${name}) is refused with a message and leaves no upload behind`, async () => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await make());
    const before = await uploadRows();
    const upload = await storeFile(t.db, 'staff', file, name);
    assert.notDeepEqual(await uploadRows(), before, 'the upload was stored first');
    const r = await run(previewImportOp, { uploadId: upload.uploadId, kind: 'list' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.status, 400);
    assert.match(r.error, /[\u4e00-\u9fff]/, 'a Chinese message');
    assert.deepEqual(await uploadRows(), before, 'nothing left: no upload, no chunks');
    const again = await run(previewImportOp, { uploadId: upload.uploadId, kind: 'list' });
    assert.equal(again.ok ? 200 : again.status, 404);
  });
}

test('a readable file keeps its upload for the mapping to be decided', async () => {
  const file = path.join(dir, 'ok.csv');
  fs.writeFileSync(file, '姓名,身份证号,乡镇\n张三,371003198001011234,龙山路街道\n');
  const before = await uploadRows();
  const upload = await storeFile(t.db, 'staff', file, 'ok.csv');
  const r = await run(previewImportOp, { uploadId: upload.uploadId, kind: 'list' });
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.deepEqual(await uploadRows(), [before[0] + 1, before[1] + 1]);
});
