/**
 * An import killed in the middle (SIGKILL of the process doing it) leaves nothing half-applied,
 * and importing the same file again completes it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { imports, listRows, people, povertyLists } from '@/db/schema';
import { importPovertyList } from '@/lib/import/list-import';
import { getImportStatus } from '@/lib/operations/matching';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
let file: string;
let sha256: string;

before(async () => {
  t = await createTestDb({ people: 2000 });
  const ppl = await t.db.select({ name: people.name, idNumber: people.idNumber }).from(people);
  const lines = ['姓名,身份证号,乡镇,类别'];
  for (let i = 0; i < 20_000; i++) {
    const p = ppl[i % ppl.length];
    lines.push(`${p.name},${p.idNumber},龙山路街道,脱贫户`);
  }
  file = path.join(os.tmpdir(), `kill-${crypto.randomBytes(4).toString('hex')}.csv`);
  fs.writeFileSync(file, lines.join('\n'));
  sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
});
after(async () => {
  fs.rmSync(file, { force: true });
  await t.close();
});

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

test('killing the import process mid-file applies nothing; a re-run completes', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('tests', 'integration', 'fixtures', 'run-list-import.ts'), file, sha256],
    {
      env: { ...process.env, DATABASE_URL: t.url },
      stdio: 'ignore',
    },
  );
  const started = await waitFor(async () => {
    const [imp] = await t.db.select().from(imports);
    return (imp?.rowsDone ?? 0) > 0;
  }, 20_000);
  assert.ok(started, 'the import made progress before the kill');
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  // Postgres rolls the dead connection's transaction back.
  await waitFor(async () => (await t.db.select().from(povertyLists)).length === 0, 5_000);
  assert.equal((await t.db.select().from(povertyLists)).length, 0);
  assert.equal((await t.db.select().from(listRows)).length, 0);
  const [killed] = await t.db.select().from(imports);
  assert.equal(killed.status, 'running', 'the dead import is left as running (shown as interrupted after a while)');

  const staff = await sessionUser(t.db, 'staff');
  const again = await importPovertyList(t.db, {
    filePath: file,
    fileName: 'big.csv',
    sha256,
    source: 'fupin',
    listDate: '2026-11-01',
    year: 2026,
    user: staff,
    ip: null,
  });
  assert.ok(again.ok && !again.alreadyImported);
  assert.equal((await t.db.select().from(listRows).where(eq(listRows.listId, again.listId))).length, 20_000);
});

test('an hour later the killed import reads as interrupted (failed, with the reason) in imports.status', async () => {
  const [killed] = await t.db.select().from(imports).where(eq(imports.status, 'running'));
  assert.ok(killed, 'the killed import of the previous test is still running');
  const staff = await sessionUser(t.db, 'staff');
  const soon = await getImportStatus.run(staff, { id: killed.id }, { db: t.db });
  assert.ok(soon.ok && soon.data.status === 'running', 'not yet: a long import may still be running');
  await t.db
    .update(imports)
    .set({ startedAt: new Date(Date.now() - 61 * 60_000) })
    .where(eq(imports.id, killed.id));
  const later = await getImportStatus.run(staff, { id: killed.id }, { db: t.db });
  assert.ok(later.ok);
  assert.equal(later.data.status, 'failed');
  assert.match(later.data.message ?? '', /导入中断/);
});
