/**
 * Backups that restore (issue 13 §4): the demo database plus an uploaded evidence file, backed up
 * with `db:backup` (pg_dump -Fc) and restored with `db:restore` into a new database, comes back with
 * every table's rows (count and content checksum), the evidence bytes, the audit log (same entries,
 * still append-only), the trigger-kept counters (equal, and equal to a recount) and sequences that
 * continue without collisions. The CLI refuses a non-empty target without --force.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { and, eq, like, sql } from 'drizzle-orm';
import { createDb, type Db } from '@/db';
import { searchAudit, writeAudit } from '@/db/queries/audit';
import { caseEvidence, cases, enrollments } from '@/db/schema';
import { uploadEvidenceOp } from '@/lib/operations/cases';
import { backupDatabase, type Manifest } from '@/scripts/db-backup';
import { compareFingerprints, fingerprint, sequenceBehind, STABLE_TEXT_SETTINGS } from '@/scripts/db-fingerprint';
import { restoreDatabase, targetUrl, type RestoreResult } from '@/scripts/db-restore';
import { dropDatabase, ensureDatabase, serverUrlOf } from '@/scripts/embedded-db';
import { findPgTool, missingToolMessage, serverMajor } from '@/scripts/pg-tools';
import { prepareDatabase } from '@/scripts/prepare-db';
import { LONG_TESTS } from '../long-tests';
import { rejectsAtDatabase, sessionUser } from './helpers';
import postgres from 'postgres';

const base = process.env.DATABASE_URL ?? '';
const server = base ? serverUrlOf(base) : '';
const name = `test_backup_${Date.now()}_${crypto.randomBytes(3).toString('hex')}`;
const restoredName = `${name}_r`;
const cliName = `${name}_cli`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'));
const dump = path.join(dir, 'demo.dump');
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(300_000)]);

let skip: string | false = false;
let srcUrl = '';
let src: { db: Db; close: () => Promise<void> };
let dst: { db: Db; close: () => Promise<void> };
let evidenceId = 0;
let manifest: Manifest;
let restored: RestoreResult;

before(async () => {
  const major = await serverMajor(base);
  if (!findPgTool('pg_dump', major) && process.env.CI !== 'true') {
    skip = missingToolMessage('pg_dump', major); // a developer's embedded server without its pg_dump; CI has one
    return;
  }
  srcUrl = await ensureDatabase(server, name);
  await prepareDatabase(srcUrl, { demo: true });
  src = createDb(srcUrl, { max: 2 });
  const staff = await sessionUser(src.db, 'staff');
  const [open] = await src.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.status, 'open'), like(cases.townCode, '371003%')))
    .limit(1);
  const up = await uploadEvidenceOp.run(
    staff,
    { caseId: open.id, file: new File([pdf], '备份测试证明.pdf') },
    { db: src.db },
  );
  assert.ok(up.ok, JSON.stringify(up));
  evidenceId = up.data.id;
  manifest = (await backupDatabase(srcUrl, dump)).manifest;
  restored = await restoreDatabase(dump, targetUrl(srcUrl, restoredName));
  dst = createDb(restored.url, { max: 2 });
});

after(async () => {
  await src?.close();
  await dst?.close();
  if (server) for (const n of [name, restoredName, cliName]) await dropDatabase(server, n);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function measure(url: string) {
  const s = postgres(url, { max: 1, onnotice: () => {}, connection: STABLE_TEXT_SETTINGS });
  try {
    return await fingerprint(s);
  } finally {
    await s.end();
  }
}

const rowsOf = async (db: Db, query: string) => [...(await db.execute(sql.raw(query)))];

test('the demo database has rows in every capability’s tables, the uploaded evidence file among them', (t) => {
  if (skip) return t.skip(skip);
  const empty = manifest.fingerprint.tables.filter((x) => x.rows === 0).map((x) => x.table);
  // uploads are deleted once imported; no demo application carries evidence; request keys are transient.
  const mayBeEmpty = ['public.uploads', 'public.upload_chunks', 'public.certification_evidence', 'public.request_keys'];
  assert.deepEqual(
    empty.filter((x) => !mayBeEmpty.includes(x)),
    [],
  );
  assert.ok(manifest.fingerprint.tables.length >= 40, `${manifest.fingerprint.tables.length} tables`);
  const evidence = manifest.fingerprint.tables.find((x) => x.table === 'public.case_evidence');
  assert.ok(evidence && evidence.rows >= 2);
});

test('every table comes back with the same row count and content checksum', async (t) => {
  if (skip) return t.skip(skip);
  assert.deepEqual(restored.differences, []);
  // Measured again on both databases now, independently of the manifest written at backup.
  const [a, b] = await Promise.all([measure(srcUrl), measure(restored.url)]);
  assert.deepEqual(b.tables, a.tables);
  assert.deepEqual(a.tables, manifest.fingerprint.tables, 'the manifest describes the dump’s snapshot');
  assert.deepEqual(
    b.sequences.map((s) => [s.sequence, s.lastValue]),
    a.sequences.map((s) => [s.sequence, s.lastValue]),
  );
});

test('the uploaded evidence file comes back byte for byte', async (t) => {
  if (skip) return t.skip(skip);
  const [row] = await dst.db.select().from(caseEvidence).where(eq(caseEvidence.id, evidenceId));
  assert.ok(row, 'the evidence row is restored');
  assert.ok(Buffer.from(row.content).equals(pdf));
  assert.equal(row.sha256, crypto.createHash('sha256').update(pdf).digest('hex'));
});

test('the audit log: the same entries through the portal’s own search, still append-only', async (t) => {
  if (skip) return t.skip(skip);
  const q = { page: 1, pageSize: 10_000 };
  const [a, b] = await Promise.all([searchAudit(src.db, q), searchAudit(dst.db, q)]);
  assert.ok(a.total > 0 && a.data.some((r) => r.action === 'case.evidence_upload'));
  assert.deepEqual(b, a);
  assert.deepEqual(restored.restored.audit.appendOnlyTriggers, ['audit_log_no_truncate', 'audit_log_no_update_delete']);
  await rejectsAtDatabase(dst.db.execute(sql`update audit_log set action = 'x'`), /append-only/);
  await rejectsAtDatabase(dst.db.execute(sql`delete from audit_log`), /append-only/);
  await rejectsAtDatabase(dst.db.execute(sql`truncate audit_log`), /append-only/);
});

const COUNTERS = [
  'select * from town_people_counts order by 1',
  'select * from town_year_coverage order by 1, 2',
  'select * from subsidy_funds order by 1, 2',
];

test('the registry counters equal the source’s and a recount from the restored rows', async (t) => {
  if (skip) return t.skip(skip);
  for (const query of COUNTERS) {
    const [a, b] = await Promise.all([rowsOf(src.db, query), rowsOf(dst.db, query)]);
    assert.ok(a.length > 0, query);
    assert.deepEqual(b, a, query);
  }
  assert.deepEqual(restored.restored.counterMismatches, []);
  // The project's own recomputation (registry_counts_rebuild, migration 0004) changes nothing (rolled back).
  const nonZero = 'select * from town_year_coverage where resident + employee + both_schemes <> 0 order by 1, 2';
  const stored = await rowsOf(dst.db, nonZero);
  const people = await rowsOf(dst.db, COUNTERS[0]);
  await assert.rejects(
    dst.db.transaction(async (tx) => {
      await tx.execute(sql`select registry_counts_rebuild()`);
      assert.deepEqual([...(await tx.execute(sql.raw(nonZero)))], stored);
      assert.deepEqual([...(await tx.execute(sql.raw(COUNTERS[0])))], people);
      throw new Error('rollback');
    }),
    /rollback/,
  );
});

test('sequences continue after the restore: new rows get new ids and the triggers still count', async (t) => {
  if (skip) return t.skip(skip);
  for (const s of restored.restored.sequences) assert.equal(sequenceBehind(s), false, s.sequence);
  const before = manifest.fingerprint.audit.lastId!;
  await writeAudit(
    dst.db,
    { userId: null, username: 'backup-test', role: 'admin', ip: null },
    { action: 'user.create', entityType: 'user' },
  );
  const staff = await sessionUser(dst.db, 'staff');
  const [c] = await dst.db
    .select({ caseId: caseEvidence.caseId })
    .from(caseEvidence)
    .where(eq(caseEvidence.id, evidenceId));
  const up = await uploadEvidenceOp.run(
    staff,
    { caseId: c.caseId, file: new File([pdf], '再次上传.pdf') },
    { db: dst.db },
  );
  assert.ok(up.ok && up.data.id > evidenceId, JSON.stringify(up));
  const [p] = await rowsOf(dst.db, 'select id, (select max(year) from enrollments) + 1 as year from people limit 1');
  const [e] = await dst.db
    .insert(enrollments)
    .values({ personId: Number(p.id), year: Number(p.year), scheme: 'resident', tier: 'tier1', status: 'active' })
    .returning({ id: enrollments.id });
  const maxEnrollment = manifest.fingerprint.sequences.find((s) => s.table === 'public.enrollments')!.maxValue!;
  assert.ok(e.id > maxEnrollment);
  const [{ max }] = await rowsOf(dst.db, 'select max(id)::int as max from audit_log');
  assert.ok(Number(max) > before + 1, 'the audit rows written after the restore follow the restored ones');
  const after = await measure(restored.url);
  assert.deepEqual(after.counterMismatches, [], 'the restored triggers keep the counters exact');
});

test('a restore refuses a database that is not empty unless --force; the verification catches a changed row', async (t) => {
  if (skip) return t.skip(skip);
  await assert.rejects(restoreDatabase(dump, restored.url), /不是空的[\s\S]*--force[\s\S]*not empty/);
  const [{ n }] = await rowsOf(dst.db, "select count(*)::int as n from audit_log where username = 'backup-test'");
  assert.equal(n, 1, 'the refused restore left the database as it was');
  await dst.close();
  const again = await restoreDatabase(dump, restored.url, { force: true });
  assert.deepEqual(again.differences, []);
  dst = createDb(restored.url, { max: 2 });
  await dst.db.execute(sql`update people set name = name || '改' where id = (select min(id) from people)`);
  await dst.db.execute(sql`update town_people_counts set people = people + 1 where town_code = '371003001'`);
  await dst.db.execute(sql`select setval('enrollments_id_seq', 1)`);
  const diffs = compareFingerprints(manifest.fingerprint, await measure(restored.url)).join('\n');
  assert.match(diffs, /public\.people: 内容校验值不同/);
  assert.match(diffs, /public\.town_people_counts: 内容校验值不同/);
  assert.match(diffs, /计数器与重算不符.*town_people_counts/);
  assert.match(diffs, /enrollments_id_seq.*序列落后/);
});

test('npm run db:backup / db:restore: prints the tables checked and refuses a non-empty target', (t) => {
  if (skip) return t.skip(skip);
  if (!LONG_TESTS) return t.skip('the commands themselves (three processes, ~25 s): with LONG_TESTS=1, and in CI');
  const env = { ...process.env, DATABASE_URL: srcUrl };
  const run = (args: string[]) => spawnSync('npm', ['run', '-s', ...args], { env, encoding: 'utf8' });
  const file = path.join(dir, 'cli.dump');
  const backup = run(['db:backup', '--', '--out', file]);
  assert.equal(backup.status, 0, backup.stderr);
  assert.match(backup.stdout, /备份完成/);
  assert.ok(fs.existsSync(`${file}.manifest.json`));
  const restore = run(['db:restore', '--', file, '--into', cliName]);
  assert.equal(restore.status, 0, restore.stderr);
  assert.match(restore.stdout, /public\.case_evidence\s+\d+\s+一致 ✓/);
  assert.match(restore.stdout, /核对通过/);
  const refused = run(['db:restore', '--', file, '--into', cliName]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /不是空的.*--force/);
});
