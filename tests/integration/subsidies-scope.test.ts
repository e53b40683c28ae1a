/**
 * Scoping of every subsidy query and change: a town's staff see and prepare their town only (their
 * district's whole-district batches show their town's lines), another district's staff see none of
 * 文登区's, hospital staff are refused everything.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { subsidyRefunds } from '@/db/schema';
import { ALL_OPERATIONS } from '@/lib/operations';
import { approveBatchOp, generateRosterOp, submitBatchOp } from '@/lib/operations/subsidy-batches';
import { exportBatchOp, exportRefundsOp, exportTaxOp } from '@/lib/operations/subsidy-exports';
import { allocateFundOp, fundOverviewOp, listRefundsOp, updateRefundOp } from '@/lib/operations/subsidy-funds';
import { personSubsidyOp } from '@/lib/operations/subsidy-person';
import { batchLinesOp, excludedOp, getBatchOp, subsidyOverviewOp } from '@/lib/operations/subsidy-rosters';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import {
  callAs,
  HUANSHAN,
  LONGSHAN,
  midYearState,
  refused,
  TIANFU,
  YEAR,
  type MidYearState,
} from './subsidies-fixtures';

let t: TestDb;
let s: MidYearState;
let call: ReturnType<typeof callAs>['call'];
let ok: ReturnType<typeof callAs>['ok'];
const refundIdOf = async (personId: number) =>
  (await t.db.select().from(subsidyRefunds).where(eq(subsidyRefunds.personId, personId)))[0].id;

before(async () => {
  t = await createTestDb();
  ({ call, ok } = callAs(t.db));
  s = await midYearState(t.db, { unpaid: false });
});
after(() => t.close());

describe('preparing: each their own', () => {
  test('a town’s staff cannot submit another town’s batch (404) nor the whole district’s (403)', async () => {
    refused(await call(submitBatchOp, s.townStaff, { id: s.batchB }), 404);
    refused(await call(submitBatchOp, s.neighbourStaff, { id: s.batchA }), 404);
    refused(await call(submitBatchOp, s.townStaff, { id: s.batchC }), 403);
    refused(await call(submitBatchOp, s.districtStaff, { id: s.batchA }), 404);
    refused(await call(submitBatchOp, s.districtStaff, { id: s.batchC }), 404);
  });

  test('another district’s staff generate their own district (nothing listed there) and cannot allocate 文登区’s fund', async () => {
    const r = await ok(generateRosterOp, s.districtStaff, { year: YEAR });
    assert.deepEqual([r.id, r.lines], [null, 0]);
    refused(await call(generateRosterOp, s.districtStaff, { year: YEAR, districtCode: '371003' }), 403);
    refused(
      await call(allocateFundOp, s.districtStaff, { year: YEAR, districtCode: '371003', amount: '1', note: '越权' }),
      403,
    );
    refused(await call(allocateFundOp, s.townStaff, { year: YEAR, amount: '1', note: '镇街' }), 403);
  });

  test('approving the three batches (each by someone who did not prepare it)', async () => {
    await ok(approveBatchOp, s.supervisor, { id: s.batchA });
    await ok(approveBatchOp, s.admin, { id: s.batchB });
    await ok(approveBatchOp, s.supervisor, { id: s.batchC });
    await ok(allocateFundOp, s.staff, { year: YEAR, amount: '1000', note: '文财预〔2026〕1号' });
  });
});

describe('reading: a town’s staff', () => {
  test('see their town’s batches and the district’s, with their town’s lines and totals only', async () => {
    const list = await ok(subsidyOverviewOp, s.townStaff, { year: YEAR });
    assert.deepEqual(list.batches.map((b) => b.id).sort(), [s.rosterId, s.batchA, s.batchC].sort());
    const roster = list.batches.find((b) => b.id === s.rosterId)!;
    assert.deepEqual([roster.totals.people, roster.totals.amountFen], [2, 90000], 'a1 and r1 only');
    const one = await ok(getBatchOp, s.townStaff, { id: s.rosterId });
    assert.deepEqual(
      one.totals.map((x) => x.town_code),
      [LONGSHAN],
    );
    const lines = await ok(batchLinesOp, s.townStaff, { id: s.rosterId, pageSize: 50 });
    assert.deepEqual(lines.data.map((l) => l.person_id).sort(), [s.people.a1.id, s.people.r1.id].sort());
    assert.equal((await ok(batchLinesOp, s.townStaff, { id: s.batchC })).total, 0, 'batch C is 环山路’s');
    const c = await ok(getBatchOp, s.townStaff, { id: s.batchC });
    assert.deepEqual(c.diff?.added, [], 'the names of other towns’ people are not shown');
    assert.deepEqual(c.totals, []);
  });

  test('cannot read another town’s batch (404): the batch, its lines, its exports', async () => {
    for (const op of [getBatchOp, batchLinesOp, exportBatchOp, exportTaxOp])
      refused(await op.run(s.townStaff, { id: s.batchB }, { db: t.db }), 404);
    const roster = await ok(exportBatchOp, s.townStaff, { id: s.rosterId });
    assert.equal(roster.rows, 2);
  });

  test('refunds, excluded rows and people of their town only; the district’s fund', async () => {
    const refunds = await ok(listRefundsOp, s.townStaff, {});
    assert.deepEqual(
      refunds.data.map((r) => r.personId),
      [s.people.a3.id],
    );
    assert.equal((await ok(exportRefundsOp, s.townStaff, {})).rows, 1);
    refused(
      await call(updateRefundOp, s.townStaff, {
        id: await refundIdOf(s.people.b3.id),
        status: 'failed',
        date: '2020-01-01',
        reason: '越权',
      }),
      404,
    );
    const excluded = await ok(excludedOp, s.townStaff, { year: YEAR });
    assert.deepEqual(
      excluded.data.map((r) => r.name),
      ['查无此人'],
    );
    assert.deepEqual(
      (await ok(excludedOp, s.neighbourStaff, { year: YEAR })).data.map((r) => r.name),
      ['号码错'],
    );
    refused(await call(personSubsidyOp, s.townStaff, { personId: s.people.b3.id }), 404);
    assert.equal((await ok(personSubsidyOp, s.townStaff, { personId: s.people.a3.id })).approvedFen, 45000);
    const fund = await ok(fundOverviewOp, s.townStaff, { year: YEAR });
    assert.deepEqual(
      fund.funds.map((f) => [f.districtCode, f.balanceFen]),
      [['371003', 100000]],
    );
  });
});

describe('reading: the district and the whole area', () => {
  test('the district’s staff and the supervisor see every town of 文登区', async () => {
    for (const user of [s.staff, s.supervisor]) {
      const list = await ok(subsidyOverviewOp, user, { year: YEAR });
      assert.deepEqual(list.batches.map((b) => b.id).sort(), [s.rosterId, s.batchA, s.batchB, s.batchC].sort());
      assert.equal((await ok(listRefundsOp, user, {})).data.length, 4);
      const towns = (await ok(getBatchOp, user, { id: s.rosterId })).totals.map((x) => x.town_code);
      assert.deepEqual(towns, [LONGSHAN, TIANFU, HUANSHAN]);
    }
    assert.equal((await ok(excludedOp, s.staff, { year: YEAR })).total, 2);
    assert.equal((await ok(excludedOp, s.supervisor, { year: YEAR, districtCode: '371003' })).total, 2);
  });

  test('another district’s staff see none of it', async () => {
    const u = s.districtStaff;
    assert.deepEqual((await ok(subsidyOverviewOp, u, { year: YEAR })).batches, []);
    for (const id of [s.rosterId, s.batchA, s.batchB, s.batchC])
      for (const op of [getBatchOp, batchLinesOp, exportBatchOp, exportTaxOp])
        refused(await op.run(u, { id }, { db: t.db }), 404);
    assert.deepEqual((await ok(listRefundsOp, u, {})).data, []);
    assert.equal((await ok(exportRefundsOp, u, {})).rows, 0);
    assert.equal((await ok(excludedOp, u, { year: YEAR })).total, 0);
    refused(await call(excludedOp, u, { year: YEAR, districtCode: '371003' }), 403);
    refused(await call(personSubsidyOp, u, { personId: s.people.a1.id }), 404);
    refused(
      await call(updateRefundOp, u, {
        id: await refundIdOf(s.people.a3.id),
        status: 'failed',
        date: '2020-01-01',
        reason: '越权',
      }),
      404,
    );
    const fund = await ok(fundOverviewOp, u, { year: YEAR });
    assert.deepEqual(
      fund.funds.map((f) => [f.districtCode, f.balanceFen]),
      [['371002', 0]],
    );
    assert.deepEqual(fund.entries, []);
  });
});

describe('hospital staff', () => {
  test('are refused every subsidy operation (403)', async () => {
    const ops = ALL_OPERATIONS.filter((op) => /^subsid/.test(op.name));
    assert.ok(ops.length >= 19, `${ops.length} operations`);
    for (const username of ['hospital', 'hospital_mental']) {
      const user = await sessionUser(t.db, username);
      for (const op of ops) {
        const r = await op.run(user, { id: s.rosterId, year: YEAR, personId: s.people.a1.id }, { db: t.db });
        refused(r, 403);
      }
    }
  });
});
