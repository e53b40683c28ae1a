/**
 * The database goes away and comes back (issue 13 §2), on a PostgreSQL cluster of the test's own:
 * while a list import, an enrollment save and a workstation approval are each half-way through
 * their transaction, the server is stopped (pg_ctl -m immediate, then -m fast). Each call ends
 * within seconds with the one Chinese message, calls made while it is down answer at once with the
 * same, and once it is started again the same process's pool works, nothing half-written remains,
 * the import is marked failed (not left running) and re-running it completes.
 *
 * "Half-way": a blocker holds an EXCLUSIVE lock on audit_log, the last table each of the three
 * writes (after the list rows, the cases, the enrollment update, the certificate serial and the
 * decision), so all three wait there with their work written and not committed.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type Db } from '@/db';
import { enrollments, imports, people } from '@/db/schema';
import type { JWT } from 'next-auth/jwt';
import { authOptions } from '@/lib/auth/options';
import type { SessionUser } from '@/lib/auth/types';
import { IMPORT_DATABASE_AWAY } from '@/lib/import/import-failed';
import { startPovertyListImport, type ListImportResult } from '@/lib/import/list-import';
import { getImportStatus } from '@/lib/operations/matching';
import { listPersons, saveEnrollment } from '@/lib/operations/persons';
import { workstationDecide } from '@/lib/operations/workstation-decide';
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '@/lib/server/pg-errors';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { LONG_TESTS } from '../long-tests';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { createPgCluster, type PgCluster } from './pg-cluster';
import { DIABETES, freshPeople, HOSPITAL_CODE, pendingWithEvidence, THIS_YEAR } from './workstation-fixtures';

/** How long an in-flight call may take to answer once the server is stopped, and a call while it is down. */
const IN_FLIGHT_BOUND_MS = 15_000;
const DOWN_BOUND_MS = 6_000;
const ROWS = LONG_TESTS ? 20_000 : 5_000;

let cluster: PgCluster;
let t: TestDb;
/** The portal's pool: the client the operations run on, never recreated. */
let app: { db: Db; close: () => Promise<void> };
let staff: SessionUser;
let hospital: SessionUser;
let next: Awaited<ReturnType<typeof freshPeople>>;
const files: { path: string; sha256: string }[] = [];
const today = shanghaiDate();

before(async () => {
  cluster = await createPgCluster();
  t = await createTestDb({ serverUrl: cluster.serverUrl, people: 1000 });
  app = createDb(t.url, { max: 10 });
  // The auth callbacks use the application's shared client (getDb): this pool.
  (globalThis as unknown as { portalDb?: Db }).portalDb = app.db;
  staff = await sessionUser(t.db, 'staff');
  hospital = await sessionUser(t.db, 'hospital');
  next = await freshPeople(t.db);
  const ppl = await t.db.select({ name: people.name, idNumber: people.idNumber }).from(people);
  for (const order of [1, -1]) {
    const lines = ['姓名,身份证号,乡镇,类别'];
    for (let i = 0; i < ROWS; i++) {
      const p = ppl[(order > 0 ? i : ROWS - i) % ppl.length];
      lines.push(`${p.name},${p.idNumber},龙山路街道,脱贫户`);
    }
    const file = path.join(os.tmpdir(), `outage-${crypto.randomBytes(4).toString('hex')}.csv`);
    fs.writeFileSync(file, lines.join('\n'));
    files.push({ path: file, sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') });
  }
});

after(async () => {
  (globalThis as unknown as { portalDb?: Db }).portalDb = undefined;
  for (const f of files) fs.rmSync(f.path, { force: true });
  await app?.close().catch(() => {});
  await t?.close().catch(() => {});
  await cluster?.destroy();
});

type JwtParams = Parameters<NonNullable<NonNullable<typeof authOptions.callbacks>['jwt']>>[0];
const jwt = async (params: Partial<JwtParams>): Promise<JWT> => authOptions.callbacks!.jwt!(params as JwtParams);
/** next-auth's credentials check (what the login form posts to). */
const authorize = (credentials: Record<string, string>) =>
  (
    authOptions.providers[0] as unknown as {
      options: { authorize: (c: Record<string, string>, r: unknown) => Promise<unknown> };
    }
  ).options.authorize(credentials, { headers: {} });

/** Row counts of every table the three writes touch, and the state of the rows they change. */
async function snapshot(db: Db, enrollmentId: number, certificationId: number) {
  const [row] = await db.execute<Record<string, unknown>>(sql`select
    (select count(*)::int from poverty_lists) as lists, (select count(*)::int from list_rows) as list_rows,
    (select count(*)::int from cases) as cases, (select count(*)::int from match_suggestions) as suggestions,
    (select count(*)::int from audit_log) as audit, (select coalesce(sum(last), 0)::int from certificate_serials) as serials,
    (select row_to_json(e)::text from enrollments e where e.id = ${enrollmentId}) as enrollment,
    (select row_to_json(c)::text from certifications c where c.id = ${certificationId}) as certification,
    (select count(*)::int from imports where status = 'running') as running`);
  return row;
}

/** Resolves with how long `promise` took, failing the test if it takes longer than `ms` (a hung call). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (hung)`)), ms);
  });
  try {
    const value = await Promise.race([promise, hung]);
    return { value, ms: Date.now() - start };
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: not within ${ms} ms`);
}

const unavailable = (r: { ok: boolean; status?: number; error?: string }, what: string) => {
  assert.equal(r.ok, false, `${what} failed`);
  assert.equal(r.status, 503, `${what}: 503`);
  assert.equal(r.error, DB_UNAVAILABLE_MESSAGE, `${what}: the Chinese message, no driver text`);
};

async function outage(mode: 'immediate' | 'fast', file: { path: string; sha256: string }, listDate: string) {
  // A person enrolled this year (staff's district) whose enrollment is saved, and a pending application decided.
  const enrolled = next('371003001');
  const [enrollment] = await t.db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.personId, enrolled.id), eq(enrollments.year, THIS_YEAR)));
  const { cert } = await pendingWithEvidence(t.db, {
    hospitalCode: HOSPITAL_CODE,
    diseaseCode: DIABETES,
    personId: next().id,
  });
  const enrollmentInput = {
    personId: enrolled.id,
    year: THIS_YEAR,
    scheme: enrollment.scheme,
    tier: enrollment.tier,
    status: 'suspended',
    paidYuan: '123.45',
    paidDate: today,
  };
  const decision = { id: cert.id, decision: 'approve', startDate: today };
  const beforeOutage = await snapshot(t.db, enrollment.id, cert.id);
  const token = await jwt({ token: {}, user: { id: String(staff.id), name: 'staff' }, trigger: 'signIn' });

  // The blocker: audit_log locked, so each write waits at its last step.
  const blocker = postgres(t.url, { max: 1, onnotice: () => {} });
  let locked!: () => void;
  const lockHeld = new Promise<void>((r) => (locked = r));
  const blocking = blocker
    .begin(async (tx) => {
      await tx`lock table audit_log in exclusive mode`;
      locked();
      await new Promise(() => {}); // until the server goes away
    })
    .catch(() => {});
  await lockHeld;

  const opts = { db: app.db, ip: '127.0.0.1' };
  const started = await startPovertyListImport(app.db, importInput(file, listDate));
  const inFlight = {
    import: started.done,
    enrollment: saveEnrollment.run(staff, enrollmentInput, opts),
    decision: workstationDecide.run(hospital, decision, opts),
  };
  const watcher = postgres(t.url, { max: 1, onnotice: () => {} });
  // All three wait on the lock: their rows written, not committed (the import after all its rows).
  try {
    await waitFor(
      async () => {
        const [{ n }] = await watcher`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`;
        return n === 3;
      },
      60_000,
      'the import, the enrollment save and the decision waiting half-way',
    );
  } catch (err) {
    // The lock released (the next test would wait for it forever), and what the calls that did not wait answered.
    await Promise.all([watcher.end({ timeout: 0 }), blocker.end({ timeout: 0 })]).catch(() => {});
    const answers = await Promise.all(
      Object.entries(inFlight).map(([what, call]) =>
        within<unknown>(call, 5_000, what).then(
          (r) => `${what}: ${JSON.stringify(r.value).slice(0, 300)}`,
          (e: Error) => e.message,
        ),
      ),
    );
    assert.fail(`${(err as Error).message}; ${answers.join('; ')}`);
  }
  const [{ rows_done }] = await watcher`select rows_done from imports where id = ${started.importId}`;
  assert.ok(rows_done > 0, 'the import had read its rows');

  const stopping = Date.now();
  await cluster.stop(mode);
  const [imp, enr, dec] = await Promise.all([
    within(inFlight.import, IN_FLIGHT_BOUND_MS, 'list import'),
    within(inFlight.enrollment, IN_FLIGHT_BOUND_MS, 'enrollment save'),
    within(inFlight.decision, IN_FLIGHT_BOUND_MS, 'workstation decision'),
  ]);
  const inFlightMs = Date.now() - stopping;
  const importResult: ListImportResult = imp.value;
  assert.ok(!importResult.ok, 'the import failed');
  assert.equal(importResult.error, IMPORT_DATABASE_AWAY);
  assert.ok(importResult.error.includes(DB_UNAVAILABLE_MESSAGE));
  unavailable(enr.value, 'the enrollment save in flight');
  unavailable(dec.value, 'the decision in flight');
  await Promise.all([blocking, watcher.end({ timeout: 0 }).catch(() => {}), blocker.end({ timeout: 0 })]);

  // While it is down: every call answers at once with the same message.
  let downMs = 0;
  for (const [what, call] of [
    ['person list', () => listPersons.run(staff, {}, opts)],
    ['import status', () => getImportStatus.run(staff, { id: started.importId }, opts)],
    ['enrollment save', () => saveEnrollment.run(staff, enrollmentInput, opts)],
    ['decision', () => workstationDecide.run(hospital, decision, opts)],
  ] as const) {
    const r = await within<{ ok: boolean; status?: number; error?: string }>(call(), DOWN_BOUND_MS, what);
    unavailable(r.value, `${what} while down`);
    downMs = Math.max(downMs, r.ms);
  }
  // Logging in says so in Chinese (the form shows the thrown message); a signed-in session is kept, not cleared.
  const login = await within(
    authorize({ username: 'staff', password: 'Demo#2026' }).then(
      () => null,
      (err: Error) => err.message,
    ),
    DOWN_BOUND_MS,
    'login while down',
  );
  assert.equal(login.value, DB_UNAVAILABLE_MESSAGE);
  assert.deepEqual((await within(jwt({ token }), DOWN_BOUND_MS, 'session endpoint while down')).value, token);
  const refused = startPovertyListImport(app.db, importInput(file, listDate)).then(
    () => null,
    (err: unknown) => err,
  );
  const down = await within(refused, DOWN_BOUND_MS, 'import start while down');
  assert.ok(isDatabaseUnavailable(down.value), 'an import does not start while the database is down');

  await cluster.start();
  const upAt = Date.now();
  // The same pool, no restart: the first call works, at once.
  const list = await within(listPersons.run(staff, {}, opts), DOWN_BOUND_MS, 'first call after the start');
  assert.ok(list.value.ok, `the pool works again: ${JSON.stringify(list.value).slice(0, 200)}`);
  // The interrupted import is marked failed once the database is back (not left running).
  await waitFor(
    async () => (await t.db.select().from(imports).where(eq(imports.id, started.importId)))[0]?.status === 'failed',
    15_000,
    'the interrupted import marked failed',
  );
  const markedMs = Date.now() - upAt;
  const status = await getImportStatus.run(staff, { id: started.importId }, opts);
  assert.ok(status.ok && status.data.status === 'failed' && status.data.message === IMPORT_DATABASE_AWAY);
  // Nothing half-written: no list, rows, cases, suggestions, audit rows, serial, enrollment change or decision.
  assert.deepEqual(await snapshot(t.db, enrollment.id, cert.id), beforeOutage);
  assert.ok(await authorize({ username: 'staff', password: 'Demo#2026' }), 'logging in works again');

  // Everything runs again and completes.
  const rerunAt = Date.now();
  const again = await (await startPovertyListImport(app.db, importInput(file, listDate))).done;
  assert.ok(again.ok && !again.alreadyImported, `the re-run completes: ${JSON.stringify(again)}`);
  const [{ n }] = await t.db.execute<{ n: number }>(
    sql`select count(*)::int as n from list_rows where list_id = ${again.listId}`,
  );
  assert.equal(n, ROWS);
  console.log(
    `[outage ${mode}] in-flight calls answered ${inFlightMs} ms after pg_ctl stop began; calls while down ≤ ${downMs} ms;` +
      ` first call after the start ${list.ms} ms; import marked failed ${markedMs} ms after the start;` +
      ` re-run of ${ROWS} rows ${Date.now() - rerunAt} ms`,
  );
  const saved = await saveEnrollment.run(staff, enrollmentInput, opts);
  assert.ok(saved.ok && saved.data.status === 'suspended' && saved.data.paidFen === 12_345);
  const decided = await workstationDecide.run(hospital, decision, opts);
  assert.ok(decided.ok && decided.data.status === 'approved' && decided.data.certificateNo, JSON.stringify(decided));
}

function importInput(file: { path: string; sha256: string }, listDate: string) {
  return {
    filePath: file.path,
    fileName: 'outage.csv',
    sha256: file.sha256,
    source: 'fupin' as const,
    listDate,
    year: THIS_YEAR,
    user: staff,
    ip: null,
  };
}

test('pg_ctl stop -m immediate under three half-done writes: Chinese 503s within bounds, recovery, nothing half-written', async () => {
  await outage('immediate', files[0], `${THIS_YEAR}-03-01`);
});

test('pg_ctl stop -m fast (57P01 to every session) under the same writes: the same', async () => {
  await outage('fast', files[1], `${THIS_YEAR}-04-01`);
});
