/**
 * Mid-year additions: the pre-allocated fund (never negative, also under two approvals at the same
 * moment; the ledger append-only), refunds to those who had paid (待退 → 已退 / 退回失败 → 待退,
 * account masked), and people a newer list removed (no line, the page says 已停止).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, subsidyBatches, subsidyFundEntries, subsidyFunds, subsidyLines, subsidyRefunds } from '@/db/schema';
import { approveBatchOp } from '@/lib/operations/subsidy-batches';
import { allocateFundOp, fundOverviewOp, updateRefundOp } from '@/lib/operations/subsidy-funds';
import { personSubsidyOp } from '@/lib/operations/subsidy-person';
import { getBatchOp } from '@/lib/operations/subsidy-rosters';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { createTestDb, rejectsAtDatabase, type TestDb } from './helpers';
import { callAs, midYearState, refused, YEAR, type MidYearState } from './subsidies-fixtures';

let t: TestDb;
let s: MidYearState;
let call: ReturnType<typeof callAs>['call'];
let ok: ReturnType<typeof callAs>['ok'];
const DISTRICT = '371003';

const auditRows = (action: string, entityId?: string | number) =>
  t.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.action, action), entityId === undefined ? undefined : eq(auditLog.entityId, String(entityId))),
    );

async function balance() {
  const [f] = await t.db
    .select()
    .from(subsidyFunds)
    .where(and(eq(subsidyFunds.districtCode, DISTRICT), eq(subsidyFunds.year, YEAR)));
  const [ledger] = await t.db.execute<{ sum: string }>(
    sql`select coalesce(sum(amount_fen), 0)::text as sum from subsidy_fund_entries where district_code = ${DISTRICT} and year = ${YEAR}`,
  );
  return { balance: f?.balanceFen ?? 0, ledger: Number(ledger.sum) };
}
const statusOf = async (id: number) =>
  (await t.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, id)))[0].status;
const refundOf = async (personId: number) =>
  (await t.db.select().from(subsidyRefunds).where(eq(subsidyRefunds.personId, personId)))[0];

before(async () => {
  t = await createTestDb();
  ({ call, ok } = callAs(t.db));
  s = await midYearState(t.db, { unpaid: true });
});
after(() => t.close());

describe('the batches of additions', () => {
  test('each town batch: an unpaid addition paid by the fund, a paid one refunded; the removed person has no line', async () => {
    for (const [batchId, unpaid, paid] of [
      [s.batchA, s.people.a2, s.people.a3],
      [s.batchB, s.people.b2, s.people.b3],
    ] as const) {
      const lines = await t.db.select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId));
      assert.deepEqual(
        lines.map((l) => [l.personId, l.kind, l.settlement, l.amountFen]).sort(),
        [
          [unpaid.id, 'addition', 'fund', 45000],
          [paid.id, 'addition', 'refund', 45000],
        ].sort(),
      );
    }
    const c = await t.db.select().from(subsidyLines).where(eq(subsidyLines.batchId, s.batchC));
    assert.deepEqual(
      c.map((l) => [l.personId, l.kind, l.settlement]).sort(),
      [
        [s.people.c3.id, 'addition', 'refund'],
        [s.people.c4.id, 'addition', 'refund'],
      ].sort(),
    );
    const r1Lines = await t.db.select().from(subsidyLines).where(eq(subsidyLines.personId, s.people.r1.id));
    assert.equal(r1Lines.length, 1, 'r1 keeps the approved roster line only');
    assert.equal(r1Lines[0].batchId, s.rosterId);
  });
});

describe('the pre-allocated fund', () => {
  test('allocating writes the ledger, the balance and an audit row; town staff may not allocate', async () => {
    refused(await call(allocateFundOp, s.townStaff, { year: YEAR, amount: '100', note: '镇街不能登记' }), 403);
    const r = await ok(allocateFundOp, s.staff, { year: YEAR, amount: '450', note: '文财预〔2026〕1号' });
    assert.equal(r.balanceFen, 45000);
    assert.deepEqual(await balance(), { balance: 45000, ledger: 45000 });
    const [audit] = await auditRows('subsidy.fund_allocate', `${DISTRICT}-${YEAR}`);
    assert.equal((audit.after as { amountFen: number }).amountFen, 45000);
    assert.equal(audit.username, 'staff');
  });

  test('two approvals at the same moment, each needing 450 元 of 450 元: one succeeds, the other 409, balance ≥ 0', async () => {
    // Hold the fund's row so both approvals reach the ledger before either can take from it.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const holder = t.db.transaction(async (tx) => {
      await tx.execute(
        sql`select 1 from subsidy_funds where district_code = ${DISTRICT} and year = ${YEAR} for update`,
      );
      holding();
      await released;
    });
    await held;
    const approvals = Promise.all([
      call(approveBatchOp, s.supervisor, { id: s.batchA }),
      call(approveBatchOp, s.admin, { id: s.batchB }),
    ]);
    let waiting = 0;
    try {
      await new Promise((r) => setTimeout(r, 400));
      [{ n: waiting }] = await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
    } finally {
      release();
      await holder;
    }
    const results = await approvals;
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    assert.equal(won.length, 1, JSON.stringify(results));
    refused(lost[0], 409, /财政预拨资金余额不足/);
    assert.equal(waiting, 2, 'both approvals waited on the fund at the same moment');
    const { balance: b, ledger } = await balance();
    assert.equal(b, 0);
    assert.equal(ledger, b);
    const uses = await t.db.select().from(subsidyFundEntries).where(eq(subsidyFundEntries.kind, 'use'));
    assert.equal(uses.length, 1);
    assert.equal(uses[0].amountFen, -45000);
    const [winnerId, loserId] = results[0].ok ? [s.batchA, s.batchB] : [s.batchB, s.batchA];
    assert.equal(uses[0].batchId, winnerId);
    assert.equal(await statusOf(winnerId), 'approved');
    assert.equal(await statusOf(loserId), 'submitted', 'the refused approval changed nothing');
    assert.equal((await auditRows('subsidy.fund_use', winnerId)).length, 1);
    assert.equal((await auditRows('subsidy.fund_use', loserId)).length, 0);
    assert.equal((await auditRows('subsidy.approve', loserId)).length, 0);
    // Allocating more lets the other batch through.
    await ok(allocateFundOp, s.staff, { year: YEAR, amount: '500', note: '追加预拨' });
    await ok(approveBatchOp, results[0].ok ? s.admin : s.supervisor, { id: loserId });
    assert.deepEqual(await balance(), { balance: 5000, ledger: 5000 });
    const fund = await ok(fundOverviewOp, s.staff, { year: YEAR });
    const wendeng = fund.funds.find((f) => f.districtCode === DISTRICT)!;
    assert.deepEqual([wendeng.allocatedFen, wendeng.usedFen, wendeng.balanceFen], [95000, 90000, 5000]);
    assert.equal(fund.entries.length, 4);
  });

  test('the database refuses a use larger than the balance, and any change of the ledger', async () => {
    const [staffEntry] = await t.db.select().from(subsidyFundEntries).limit(1);
    const before = await balance();
    await rejectsAtDatabase(
      t.db.insert(subsidyFundEntries).values({
        districtCode: DISTRICT,
        year: YEAR,
        kind: 'use',
        amountFen: -(before.balance + 1),
        batchId: s.batchA,
        createdBy: s.supervisor.id,
      }),
      /subsidy_funds_balance_ck/,
    );
    await rejectsAtDatabase(
      t.db.update(subsidyFundEntries).set({ amountFen: 1 }).where(eq(subsidyFundEntries.id, staffEntry.id)),
      /只允许追加/,
    );
    await rejectsAtDatabase(
      t.db.delete(subsidyFundEntries).where(eq(subsidyFundEntries.id, staffEntry.id)),
      /只允许追加/,
    );
    await rejectsAtDatabase(t.db.execute(sql`truncate subsidy_fund_entries`), /只允许追加/);
    assert.deepEqual(await balance(), before);
    assert.equal(before.balance, before.ledger);
  });
});

describe('refunds', () => {
  test('approval made a 待退 refund for each addition who had paid, audited', async () => {
    const approved = await ok(approveBatchOp, s.supervisor, { id: s.batchC });
    assert.deepEqual([approved.fundFen, approved.refunds], [0, 2]);
    for (const p of [s.people.c3, s.people.c4]) {
      const r = await refundOf(p.id);
      assert.equal(r.status, 'pending');
      assert.equal(r.amountFen, 45000);
      assert.equal((await auditRows('subsidy.refund_create', r.id)).length, 1);
    }
    assert.equal(await refundOf(s.people.a2.id), undefined, 'the unpaid addition has no refund');
  });

  test('待退 → 已退 keeps the account masked; 已退 moves nowhere (409)', async () => {
    const r = await refundOf(s.people.c3.id);
    const today = shanghaiDate();
    const done = await ok(updateRefundOp, s.staff, {
      id: r.id,
      status: 'refunded',
      date: today,
      accountRef: '农业银行 6228 4800 1234 5678 901',
    });
    assert.equal(done.status, 'refunded');
    const stored = await refundOf(s.people.c3.id);
    assert.equal(stored.accountRef, '农业银行 6228***********8901');
    assert.doesNotMatch(stored.accountRef!.replace(/[\s-]/g, ''), /\d{8,}/);
    assert.equal(stored.statusDate, today);
    const [audit] = await auditRows('subsidy.refund_update', r.id);
    assert.deepEqual(
      [(audit.before as { status: string }).status, (audit.after as { status: string }).status],
      ['pending', 'refunded'],
    );
    assert.doesNotMatch(JSON.stringify(audit.after), /\d{8,}/, 'nor does the audit row keep the whole account');
    refused(await call(updateRefundOp, s.staff, { id: r.id, status: 'pending', accountRef: '工商银行 1234' }), 409);
    refused(await call(updateRefundOp, s.staff, { id: r.id, status: 'failed', date: today, reason: '账户冻结' }), 409);
    assert.equal((await refundOf(s.people.c3.id)).status, 'refunded');
  });

  test('待退 → 退回失败 (reason) → 待退 with a corrected account; 退回失败 → 已退 directly is 409', async () => {
    const r = await refundOf(s.people.c4.id);
    const today = shanghaiDate();
    await ok(updateRefundOp, s.staff, { id: r.id, status: 'failed', date: today, reason: '户名与账户不符' });
    assert.equal((await refundOf(s.people.c4.id)).failReason, '户名与账户不符');
    refused(
      await call(updateRefundOp, s.staff, { id: r.id, status: 'refunded', date: today, accountRef: '建设银行 1234' }),
      409,
      /退回失败/,
    );
    await ok(updateRefundOp, s.staff, { id: r.id, status: 'pending', accountRef: '建设银行 6217-0000-1111-2222-333' });
    const again = await refundOf(s.people.c4.id);
    assert.equal(again.status, 'pending');
    assert.equal(again.failReason, null);
    assert.doesNotMatch(again.accountRef!.replace(/[\s-]/g, ''), /\d{8,}/);
    assert.match(again.accountRef!, /^建设银行 6217\*+2333$/);
    assert.equal((await auditRows('subsidy.refund_update', r.id)).length, 2);
  });

  test('a date after today is refused', async () => {
    const r = await refundOf(s.people.c4.id);
    refused(
      await call(updateRefundOp, s.staff, {
        id: r.id,
        status: 'refunded',
        date: '2999-01-01',
        accountRef: '建行 1234',
      }),
      400,
    );
  });
});

describe('a person a newer list removed', () => {
  test('gets no line in later batches; subsidies.person says stopped and keeps what was paid', async () => {
    const r = await ok(personSubsidyOp, s.staff, { personId: s.people.r1.id });
    assert.equal(r.listed, false);
    assert.equal(r.stopped, true);
    assert.equal(r.approvedFen, 45000);
    assert.deepEqual(
      r.lines.map((l) => l.batch_id),
      [s.rosterId],
    );
    const still = await ok(personSubsidyOp, s.staff, { personId: s.people.a1.id });
    assert.deepEqual([still.listed, still.stopped], [true, false]);
    const batch = await ok(getBatchOp, s.townStaff, { id: s.batchA });
    assert.equal(batch.diff?.counts.stopped, 1);
    assert.deepEqual(
      batch.diff?.stopped.map((d) => [d.personId, d.netFen]),
      [[s.people.r1.id, 45000]],
    );
  });
});
