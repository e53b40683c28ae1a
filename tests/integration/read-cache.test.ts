/**
 * The dashboard's result cache (lib/server/read-cache.ts): a panel is served again while its data is
 * unchanged, and never once a change is visible — also a change that committed while the cached
 * figure was being computed; a change of another domain keeps it; every scope has its own entry; a
 * pruned horizon makes older entries stale.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { people } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { createAssistanceOp } from '@/lib/operations/assistance-writes';
import { dashboardAssistanceOp } from '@/lib/operations/dashboard-assistance';
import { cachedRead } from '@/lib/server/read-cache';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
let supervisor: SessionUser;
let staff: SessionUser;
let townStaff: SessionUser;
let idInTown: string;
let idElsewhere: string;
const YEAR = new Date().getFullYear() - 1;

before(async () => {
  t = await createTestDb({ people: 120 });
  [supervisor, staff, townStaff] = await Promise.all(
    ['supervisor', 'staff', 'town_staff'].map((u) => sessionUser(t.db, u)),
  );
  const [p] = await t.db
    .select({ idNumber: people.idNumber })
    .from(people)
    .where(eq(people.townCode, townStaff.townCode!))
    .orderBy(asc(people.id))
    .limit(1);
  const [q] = await t.db
    .select({ idNumber: people.idNumber })
    .from(people)
    .where(ne(people.townCode, townStaff.townCode!))
    .orderBy(asc(people.id))
    .limit(1);
  idInTown = p.idNumber;
  idElsewhere = q.idNumber;
});
after(() => t.close());

const panel = async (user: SessionUser, db: Db = t.db) => {
  const r = await dashboardAssistanceOp.run(user, { year: YEAR }, { db });
  assert.ok(r.ok, !r.ok ? r.error : '');
  return r.data;
};

const entry = (n: number, idNumber = idInTown) => ({
  idNumber,
  settlementId: `CACHE-${n}-${Date.now()}`,
  settlementDate: `${YEAR}-04-0${n}`,
  medType: 'outpatient',
  institutionName: '龙山卫生院',
  totalYuan: '300',
  policyRangeYuan: '200',
  assistanceYuan: '50',
});

async function enter(n: number, db: Db = t.db, idNumber = idInTown) {
  const r = await createAssistanceOp.run(staff, entry(n, idNumber), { db });
  assert.ok(r.ok, !r.ok ? r.error : '');
}

test('an unchanged panel is served from the cache (the very same result)', async () => {
  const first = await panel(supervisor);
  assert.equal(await panel(supervisor), first);
});

test('a committed write is in the next read', async () => {
  const before = await panel(supervisor);
  await enter(1);
  const after = await panel(supervisor);
  assert.notEqual(after, before);
  assert.equal(after.totals.personTimes, before.totals.personTimes + 1);
  assert.equal(after.totals.assistanceFen, before.totals.assistanceFen + 5000);
});

test('a write that commits while the figure is computed makes it stale at once', async () => {
  const before = await panel(supervisor);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let written!: () => void;
  const inserted = new Promise<void>((r) => (written = r));
  const writer = t.db.transaction(async (tx) => {
    await enter(2, tx as unknown as Db);
    written();
    await gate; // still uncommitted while the panel below is computed and stored
  });
  await inserted;
  const during = await panel(supervisor);
  assert.equal(during.totals.personTimes, before.totals.personTimes, 'the uncommitted record is not seen');
  release();
  await writer;
  const after = await panel(supervisor);
  assert.equal(after.totals.personTimes, before.totals.personTimes + 1, 'committed since: computed afresh');
});

test('a change of another domain keeps the entry; each scope has its own', async () => {
  await enter(3, t.db, idElsewhere);
  const district = await panel(supervisor);
  const town = await panel(townStaff);
  assert.ok(town.totals.personTimes < district.totals.personTimes, 'the town sees its own records only');
  await t.db.execute(sql`update cases set note = note where false`); // a statement on the cases domain
  await t.db
    .execute(sql`insert into population_targets (year, town_code, resident_population, insured_target, expansion_target)
    values (${YEAR}, ${townStaff.townCode}, 100, 90, 5) on conflict do nothing`);
  assert.equal(await panel(supervisor), district);
  assert.equal(await panel(townStaff), town);
});

test('entries older than the pruned horizon are computed afresh', async () => {
  const cached = await panel(supervisor);
  assert.equal(await panel(supervisor), cached);
  // Pruned up to a transaction after every snapshot taken so far.
  await t.db.execute(sql`update data_change_horizon set xid = (pg_current_xact_id()::text::bigint + 1)::text::xid8`);
  const fresh = await panel(supervisor);
  assert.notEqual(fresh, cached);
  assert.deepEqual(fresh, cached);
});

test('concurrent requests compute a key once, also after a change', async () => {
  let calls = 0;
  const compute = async () => {
    calls += 1;
    await new Promise((r) => setTimeout(r, 30));
    return calls;
  };
  const burst = () => Promise.all(Array.from({ length: 10 }, () => cachedRead(t.db, 'herd', ['assistance'], compute)));
  assert.deepEqual(new Set(await burst()), new Set([1]));
  await t.db.execute(sql`update assistance_records set note = note where false`); // a statement: the domain changed
  assert.deepEqual(new Set(await burst()), new Set([2]));
  assert.equal(calls, 2);
});

test('a change during a computation: the waiting requests share one more computation', async () => {
  let calls = 0;
  let changed!: () => void;
  const committed = new Promise<void>((r) => (changed = r));
  const compute = async () => {
    calls += 1;
    if (calls === 1) {
      await t.db.execute(sql`update assistance_records set note = note where false`);
      changed();
    }
    await new Promise((r) => setTimeout(r, 30));
    return calls;
  };
  const first = cachedRead(t.db, 'herd-during', ['assistance'], compute);
  await committed; // the others arrive while the first computes, after its change committed
  const rest = await Promise.all(
    Array.from({ length: 9 }, () => cachedRead(t.db, 'herd-during', ['assistance'], compute)),
  );
  assert.equal(await first, 1);
  assert.deepEqual(new Set(rest), new Set([2]));
  assert.equal(calls, 2);
});
