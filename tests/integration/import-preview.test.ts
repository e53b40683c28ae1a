import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { listRows, people } from '@/db/schema';
import { importPovertyList } from '@/lib/import/list-import';
import { previewTable } from '@/lib/import/preview';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
let file: string;
let person: typeof people.$inferSelect;

before(async () => {
  t = await createTestDb({ people: 50 });
  [person] = await t.db.select().from(people).limit(1);
  // Header names nobody could guess: the user maps them by hand in the preview.
  file = path.join(os.tmpdir(), `odd-${crypto.randomBytes(4).toString('hex')}.csv`);
  fs.writeFileSync(file, `民政局报送\n名字,号码,备注\n${person.name},${person.idNumber},无\n`);
});
after(async () => {
  fs.rmSync(file, { force: true });
  await t.close();
});

test('the preview shows the first rows with IDs masked and says when no header was recognized', async () => {
  const p = await previewTable({ path: file, fileName: 'odd.csv' }, ['name', 'idNumber']);
  assert.equal(p.detected, null);
  assert.deepEqual(p.rows.map((r) => r.rowNo), [1, 2, 3]);
  assert.equal(p.rows[2].cells[1], `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`);
});

test('without a mapping the import fails with a clear message; with a hand-made mapping it imports', async () => {
  const staff = await sessionUser(t.db, 'staff');
  const base = { filePath: file, fileName: 'odd.csv', source: 'veterans' as const, listDate: '2026-11-01', year: 2026, user: staff, ip: null };
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const failed = await importPovertyList(t.db, { ...base, sha256 });
  assert.ok(!failed.ok && failed.error.includes('未找到表头'));
  const ok = await importPovertyList(t.db, { ...base, sha256, manualHeader: { headerRowNo: 2, mapping: { name: 0, idNumber: 1 } } });
  assert.ok(ok.ok);
  const rows = await t.db.select().from(listRows).where(eq(listRows.listId, ok.listId));
  assert.equal(rows.length, 1);
  assert.equal(rows[0].personId, person.id);
});
