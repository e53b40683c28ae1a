/**
 * The demo's subsidy steps (参保缴费资助), run with the real operations as the demo users would:
 * staff generate and submit, the supervisor approves; the pre-allocated fund (财政预拨资金); a refund
 * paid; a town's batch left awaiting approval. Each step first checks whether it was done, so a
 * second run changes nothing. Called by seedDemoActivity (db/seed-demo-lists.ts) between the lists.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './index';
import { subsidyBatches, subsidyFundEntries, subsidyRefunds, users } from './schema';
import type { SessionUser } from '@/lib/auth/types';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { approveBatchOp, generateRosterOp, submitBatchOp } from '@/lib/operations/subsidy-batches';
import { allocateFundOp, updateRefundOp } from '@/lib/operations/subsidy-funds';
import type { OperationResult } from '@/lib/server/operation';

const DISTRICT = '371003';
export const DEMO_FUND_NOTE = '区财政局预拨 示例';
/** 5 万元: what the demo's district pre-allocates for mid-year additions who had not paid. */
const DEMO_FUND_YUAN = 50_000;
const DEMO_REFUND_ACCOUNT = '农业银行 6228480012345678';

export interface DemoActors {
  staff: SessionUser;
  supervisor: SessionUser;
  townStaff: SessionUser;
}

async function sessionUserOf(db: Db, username: string): Promise<SessionUser | null> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u
    ? {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        districtCode: u.districtCode,
        townCode: u.townCode,
        hospitalId: u.hospitalId,
      }
    : null;
}

/** The demo users the steps run as; null when the database has none of them (not a demo database). */
export async function demoActors(db: Db): Promise<DemoActors | null> {
  const [staff, supervisor, townStaff] = await Promise.all(
    ['staff', 'supervisor', 'town_staff'].map((u) => sessionUserOf(db, u)),
  );
  return staff && supervisor && townStaff ? { staff, supervisor, townStaff } : null;
}

/** The operation's data, or an error naming the step and the operation's own message. */
async function must<T>(step: string, result: Promise<OperationResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`示例数据：${step}失败（${r.status}）：${r.error}`);
  return r.data;
}

const batchesOf = (db: Db, year: number) =>
  db
    .select()
    .from(subsidyBatches)
    .where(and(eq(subsidyBatches.year, year), eq(subsidyBatches.districtCode, DISTRICT)))
    .orderBy(asc(subsidyBatches.id));

/**
 * The district's `round`-th approved batch: 1 the year's roster, 2 and 3 the adjustments after newer
 * lists. Staff generate (or regenerate an open draft) and submit; the supervisor approves. A refused
 * use of the fund leaves the batch submitted (for the supervisor to approve in the demo) and says why.
 */
export async function approveDistrictRound(db: Db, actors: DemoActors, year: number, round: number): Promise<void> {
  const district = (await batchesOf(db, year)).filter((b) => b.townCode === null);
  if (district.filter((b) => b.status === 'approved').length >= round) return;
  const open = district.find((b) => b.status !== 'approved');
  let id = open?.status === 'submitted' ? open.id : null;
  if (id === null) {
    const generated = await must('生成资助花名册', generateRosterOp.run(actors.staff, { year }, { db }));
    if (generated.id === null) return; // nobody to pay
    id = generated.id;
    await must('提交资助批次', submitBatchOp.run(actors.staff, { id }, { db }));
  }
  const approved = await approveBatchOp.run(actors.supervisor, { id }, { db });
  if (!approved.ok && approved.status === 409 && approved.error.includes('财政预拨资金余额不足')) {
    console.warn(`[demo] 资助批次 #${id} 未能审批，保留为待审批：${approved.error}`);
    return;
  }
  await must('审批资助批次', Promise.resolve(approved));
}

/** One allocation of the pre-allocated fund, recorded by the district staff. */
export async function allocateDemoFund(db: Db, staff: SessionUser, year: number): Promise<void> {
  const [done] = await db
    .select({ id: subsidyFundEntries.id })
    .from(subsidyFundEntries)
    .where(
      and(
        eq(subsidyFundEntries.year, year),
        eq(subsidyFundEntries.districtCode, DISTRICT),
        eq(subsidyFundEntries.kind, 'allocation'),
        eq(subsidyFundEntries.note, DEMO_FUND_NOTE),
      ),
    );
  if (done) return;
  await must(
    '登记财政预拨资金',
    allocateFundOp.run(staff, { year, amount: DEMO_FUND_YUAN, note: DEMO_FUND_NOTE }, { db }),
  );
}

/** The first refund of the year marked 已退 (the others stay 待退), unless one was already moved on. */
export async function markOneRefundPaid(db: Db, staff: SessionUser, year: number): Promise<void> {
  const refunds = await db
    .select({ id: subsidyRefunds.id, status: subsidyRefunds.status })
    .from(subsidyRefunds)
    .where(eq(subsidyRefunds.year, year))
    .orderBy(asc(subsidyRefunds.id));
  if (refunds.length < 2 || refunds.some((r) => r.status !== 'pending')) return;
  await must(
    '登记退费',
    updateRefundOp.run(
      staff,
      { id: refunds[0].id, status: 'refunded', date: shanghaiDate(), accountRef: DEMO_REFUND_ACCOUNT },
      { db },
    ),
  );
}

/** The town staff's batch of their town (the additions of a newer list), submitted and left for the supervisor. */
export async function submitTownBatch(db: Db, townStaff: SessionUser, year: number): Promise<void> {
  const town = (await batchesOf(db, year)).filter((b) => b.townCode === townStaff.townCode);
  if (town.some((b) => b.status === 'submitted' || b.status === 'approved')) return;
  const generated = await must('生成镇街资助批次', generateRosterOp.run(townStaff, { year }, { db }));
  if (generated.id === null) return;
  await must('提交镇街资助批次', submitBatchOp.run(townStaff, { id: generated.id }, { db }));
}
