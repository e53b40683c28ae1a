/**
 * Double submits and retries (issue 13 §5): every write and job operation, sent twice with the same
 * request key — one after the other (a browser retry), then both at once (a double click) — runs
 * once: the second answer is the first one's data, marked already done, and no table has a row more.
 * The operations come from ALL_OPERATIONS, so a new write without an input here fails the test.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { requestKeys } from '@/db/schema';
import { ALREADY_DONE_MESSAGE } from '@/lib/domain/request-key';
import { ALL_OPERATIONS } from '@/lib/operations';
import type { OperationResult } from '@/lib/server/operation';
import { removeFiles } from './assistance-fixtures';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { ALLOWED, INPUTS, setupMatrix, type Username } from './matrix-inputs';

let t: TestDb;
before(async () => {
  t = await createTestDb({ people: 400 });
  await setupMatrix(t);
});
after(async () => {
  removeFiles();
  await t.close();
});

const newKey = () => crypto.randomBytes(16).toString('base64url');
const WRITES = ALL_OPERATIONS.filter((op) => op.kind !== 'read');

/** Row counts of every table of the schema (request_keys too: a repeat adds no key row either). */
async function counts(): Promise<Record<string, number>> {
  const tables = await t.db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const union = tables
    .map((r) => `select '${r.name}' as name, count(*)::int as n from "${r.name}"`)
    .join(' union all ');
  const rows = await t.db.execute<{ name: string; n: number }>(sql.raw(union));
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}
const delta = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(b).flatMap((k) => (b[k] === a[k] ? [] : [[k, b[k] - (a[k] ?? 0)]])));

/** Jobs (imports) go on after the call returns: wait until none is running. */
async function waitForJobs() {
  for (let i = 0; i < 400; i++) {
    const [row] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from imports where status = 'running'`,
    );
    if (row.n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('background import did not finish');
}

function assertOk(r: OperationResult<unknown>): asserts r is Extract<OperationResult<unknown>, { ok: true }> {
  assert.equal(r.ok, true, r.ok ? '' : `${r.status} ${r.error}`);
}

test('every write and job has a valid input and a user allowed to send it', () => {
  assert.ok(WRITES.length >= 45, `${WRITES.length} writes`);
  for (const op of WRITES) {
    assert.ok(INPUTS[op.name], `${op.name}: no input in matrix-inputs.ts`);
    assert.ok(ALLOWED[op.name]?.length, `${op.name}: no allowed user in matrix-inputs.ts`);
  }
});

/** What one run (with a fresh key) changed, per operation: the concurrent pair must change exactly that. */
const oneRun = new Map<string, Record<string, number>>();

for (const op of WRITES) {
  describe(op.name, () => {
    const allowed = (): Username[] => ALLOWED[op.name] ?? [];
    const call = async (username: Username, input: unknown, requestKey: string) =>
      op.run(await sessionUser(t.db, username), input, { db: t.db, ip: '127.0.0.1', requestKey });

    test('sent again with its key: answered from the first, marked already done, nothing written', async () => {
      const username = allowed()[0];
      const input = await INPUTS[op.name](username);
      const key = newKey();
      const start = await counts();
      const first = await call(username, input, key);
      assertOk(first);
      assert.equal(first.alreadyDone, undefined);
      await waitForJobs();
      const done = await counts();
      oneRun.set(op.name, delta(start, done));
      const second = await call(username, input, key);
      assertOk(second);
      assert.equal(second.alreadyDone, true);
      assert.equal(second.message, ALREADY_DONE_MESSAGE);
      assert.deepEqual(second.data, first.data);
      await waitForJobs();
      assert.deepEqual(await counts(), done, 'the repeat changed no table');
    });

    test('sent twice at once with one key: one runs, the other waits for it and answers its data', async () => {
      const username = allowed()[1] ?? allowed()[0]; // a fresh input, as the role matrix calls it
      const input = await INPUTS[op.name](username);
      const key = newKey();
      const start = await counts();
      const [a, b] = await Promise.all([call(username, input, key), call(username, input, key)]);
      assertOk(a);
      assertOk(b);
      assert.equal([a, b].filter((r) => r.alreadyDone).length, 1, 'exactly one of the two is the repeat');
      assert.deepEqual(a.data, b.data);
      await waitForJobs();
      // No more rows than one run wrote (a second run would write its audit row, at least, again;
      // a fresh input may write less than the first one did: an upsert, a file already imported).
      const pair = delta(start, await counts());
      const one = oneRun.get(op.name) ?? {};
      for (const [table, n] of Object.entries(pair))
        if (n > 0) assert.ok(n <= (one[table] ?? 0), `${table}: +${n}; one run wrote +${one[table] ?? 0}`);
      assert.equal(pair.request_keys, 1, 'one key row');
    });
  });
}

describe('request keys', () => {
  const create = async (key: string, username: string) =>
    ALL_OPERATIONS.find((op) => op.name === 'users.create')!.run(
      await sessionUser(t.db, 'admin'),
      { username, displayName: '重复提交', role: 'supervisor', password: 'Double#2026a' },
      { db: t.db, requestKey: key },
    );

  test('a first request that failed (rolled back) leaves its key free: the retry runs', async () => {
    const key = newKey();
    const refused = await create(key, 'admin'); // the name is taken
    assert.equal(refused.ok, false);
    const retry = await create(key, 'double_submit_1');
    assertOk(retry);
    assert.equal(retry.alreadyDone, undefined);
  });

  test('a key is one operation of one user: another operation with it is refused, another user runs', async () => {
    const key = newKey();
    assertOk(await create(key, 'double_submit_2'));
    const unlock = ALL_OPERATIONS.find((op) => op.name === 'users.unlock')!;
    const admin = await sessionUser(t.db, 'admin');
    const reused = await unlock.run(admin, { id: admin.id }, { db: t.db, requestKey: key });
    assert.ok(!reused.ok && reused.status === 409 && /另一操作/.test(reused.error));
    const other = await ALL_OPERATIONS.find((op) => op.name === 'enrollments.save')!.run(
      await sessionUser(t.db, 'staff'),
      await INPUTS['enrollments.save'](),
      { db: t.db, requestKey: key },
    );
    assertOk(other);
    assert.equal(other.alreadyDone, undefined);
  });

  test('no key, or a malformed one: every request runs (the second create is refused as a duplicate name)', async () => {
    assertOk(await create('', 'double_submit_3'));
    const again = await create('bad key!', 'double_submit_3');
    assert.ok(!again.ok && again.status === 409);
  });

  test('keys older than a day are pruned by later writes', async () => {
    const admin = await sessionUser(t.db, 'admin');
    await t.db.insert(requestKeys).values({
      userId: admin.id,
      key: 'old-key-0123456789',
      operation: 'users.create',
      result: null,
      createdAt: new Date(Date.now() - 25 * 3600_000),
    });
    assertOk(await create(newKey(), 'double_submit_4'));
    const left = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from request_keys where key = 'old-key-0123456789'`,
    );
    assert.equal(left[0].n, 0);
  });
});
