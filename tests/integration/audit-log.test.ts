import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { writeAudit, writeAuditGrouped } from '@/db/queries/audit';
import { createTestDb, rejectsAtDatabase, type TestDb } from './helpers';

let t: TestDb;
before(async () => {
  t = await createTestDb({ people: 10 });
  await writeAudit(
    t.db,
    { userId: null, username: 'test', role: 'admin', ip: null },
    { action: 'user.create', entityType: 'user', entityId: 1, after: { a: 1 } },
  );
});
after(() => t.close());

test('audit_log accepts INSERT', async () => {
  const [{ n }] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`);
  assert.ok(n >= 1);
});

test('audit_log refuses UPDATE at the database', async () => {
  await rejectsAtDatabase(t.db.execute(sql`update audit_log set action = 'x'`), /append-only/);
});

test('audit_log refuses DELETE at the database', async () => {
  await rejectsAtDatabase(t.db.execute(sql`delete from audit_log`), /append-only/);
});

test('audit_log refuses TRUNCATE at the database', async () => {
  await rejectsAtDatabase(t.db.execute(sql`truncate audit_log`), /append-only/);
});

test('grouped audit rows of concurrent reads: each committed when its promise resolves, in few transactions', async () => {
  const actor = { userId: null, username: 'grouped', role: 'supervisor', ip: null };
  const visible = async (i: number) =>
    (
      await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from audit_log where username = 'grouped' and after->>'i' = ${String(i)}`,
      )
    )[0].n;
  const seen = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      writeAuditGrouped(t.db, actor, { action: 'export.dashboard', entityType: 'dashboard', after: { i } }).then(() =>
        visible(i),
      ),
    ),
  );
  assert.deepEqual(seen, Array(40).fill(1), 'each row is there (committed, once) as soon as its write resolves');
  const [{ txs }] = await t.db.execute<{ txs: number }>(
    sql`select count(distinct xmin::text)::int as txs from audit_log where username = 'grouped'`,
  );
  assert.ok(txs < 40, `${txs} transactions for 40 rows`);
});
