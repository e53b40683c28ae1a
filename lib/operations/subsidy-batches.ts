/**
 * 资助花名册 batches: staff generate (or regenerate) a batch for a year and their district or town,
 * submit it; a supervisor — never the preparer — approves it or returns it with a note. Approval
 * freezes the batch (database triggers), opens the refunds of mid-year additions who had paid and
 * takes the fund's part from the pre-allocated fund (whose balance the database keeps ≥ 0).
 */
import { allTowns } from '@/db/queries/towns';
import {
  approvalMovements,
  insertBatch,
  insertRefundsOfBatch,
  lockBatchInScope,
  lockOpenBatch,
  updateBatch,
} from '@/db/queries/subsidy-batches';
import { insertFundEntry, fundBalance } from '@/db/queries/subsidy-fund';
import {
  approvedStates,
  batchAmounts,
  deleteBatchLines,
  insertBatchLines,
  lockRosterYear,
  peopleInOtherOpenBatches,
  rosterFacts,
  townsWithApprovedRoster,
  type BatchScope,
} from '@/db/queries/subsidy-roster';
import { yearStandardsOn } from '@/db/queries/subsidy-standards';
import type { SessionUser } from '@/lib/auth/types';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { planRoster, rosterDiff } from '@/lib/domain/subsidy-roster';
import { isCheckViolation } from '@/lib/server/pg-errors';
import { defineOperation, forbidden, notFound, OperationError, type OperationContext } from '@/lib/server/operation';
import { batchIdSchema, generateRosterSchema, returnBatchSchema } from '@/lib/schemas/subsidies';
import { requireAreaScope } from './guards';

/** The batch scope a user prepares: their town, their district, or (whole area) the district they name. */
export async function batchScopeOf(
  ctx: Pick<OperationContext, 'db'>,
  user: SessionUser,
  districtCode: string | undefined,
): Promise<BatchScope> {
  const scope = requireAreaScope(user);
  const towns = await allTowns(ctx.db);
  if (scope.level === 'town') {
    const town = towns.find((t) => t.code === scope.townCode);
    if (!town) throw forbidden();
    return { districtCode: town.districtCode, townCode: town.code };
  }
  if (scope.level === 'district') {
    if (districtCode && districtCode !== scope.districtCode) throw forbidden();
    return { districtCode: scope.districtCode, townCode: null };
  }
  if (!districtCode) throw new OperationError(400, '请选择区县');
  if (!towns.some((t) => t.districtCode === districtCode)) throw new OperationError(400, '区县不存在');
  return { districtCode, townCode: null };
}

export const generateRosterOp = defineOperation({
  name: 'subsidies.generate',
  permission: 'subsidy.prepare',
  kind: 'write',
  input: generateRosterSchema,
  async handler(ctx, { year, districtCode }) {
    const { user, db, audit } = ctx;
    const scope = await batchScopeOf(ctx, user, districtCode);
    await lockRosterYear(db, year, scope.districtCode);
    const standards = await yearStandardsOn(db, year, shanghaiDate());
    if (!standards) throw new OperationError(400, `${year} 年度还没有个人缴费标准，请系统管理员先在“资助标准”中新增`);
    const open = await lockOpenBatch(db, year, scope);
    if (open?.status === 'submitted')
      throw new OperationError(409, `批次 #${open.id} 已提交待审批；审批通过或退回后才能重新生成`);
    const [facts, approved, elsewhere, townsApproved] = await Promise.all([
      rosterFacts(db, year, scope),
      approvedStates(db, year, scope),
      peopleInOtherOpenBatches(db, year, scope, open?.id ?? null),
      townsWithApprovedRoster(db, year, scope),
    ]);
    const plan = planRoster(
      facts.filter((f) => !elsewhere.has(f.personId)),
      year,
      standards,
      new Map([...approved].filter(([personId]) => !elsewhere.has(personId))),
      townsApproved,
      PERSON_CATEGORIES,
    );
    if (!open && plan.lines.length === 0)
      return { id: null, lines: 0, amountFen: 0, diff: rosterDiff(null, plan).counts, otherBatches: elsewhere.size };
    const before = open ? await batchAmounts(db, open.id) : null;
    const diff = rosterDiff(before, plan);
    if (open) await deleteBatchLines(db, open.id);
    const values = { year, districtCode: scope.districtCode, townCode: scope.townCode, preparedBy: user.id };
    const batch = open
      ? await updateBatch(db, open.id, { ...values, status: 'draft', generatedAt: new Date(), diff })
      : await insertBatch(db, { ...values, diff });
    await insertBatchLines(db, batch.id, year, standards.standardId, plan.lines);
    const amountFen = plan.lines.reduce((s, l) => s + l.amountFen, 0);
    await audit({
      action: 'subsidy.generate',
      entityType: 'subsidy_batch',
      entityId: batch.id,
      after: { year, scope, lines: plan.lines.length, amountFen, counts: diff.counts, otherBatches: elsewhere.size },
    });
    return { id: batch.id, lines: plan.lines.length, amountFen, diff: diff.counts, otherBatches: elsewhere.size };
  },
});

export const submitBatchOp = defineOperation({
  name: 'subsidies.submit',
  permission: 'subsidy.prepare',
  kind: 'write',
  input: batchIdSchema,
  async handler({ user, db, audit }, { id }) {
    const scope = requireAreaScope(user);
    const batch = await lockBatchInScope(db, scope, id);
    if (!batch) throw notFound('资助批次');
    // A town's staff see their district's whole-district batches (their town's lines) but submit only their town's.
    if (scope.level === 'town' && batch.townCode !== scope.townCode) throw forbidden();
    if (batch.status === 'submitted') return { id, status: batch.status, already: true };
    if (batch.status === 'approved') throw new OperationError(409, '该批次已审批通过，已冻结');
    // The preparer stays the user who generated the lines: the approver must be someone else.
    const updated = await updateBatch(db, id, { status: 'submitted', submittedAt: new Date() });
    await audit({
      action: 'subsidy.submit',
      entityType: 'subsidy_batch',
      entityId: id,
      after: { status: 'submitted' },
    });
    return { id, status: updated.status, already: false };
  },
});

export const approveBatchOp = defineOperation({
  name: 'subsidies.approve',
  permission: 'subsidy.approve',
  kind: 'write',
  input: batchIdSchema,
  async handler({ user, db, audit }, { id }) {
    const batch = await lockBatchInScope(db, requireAreaScope(user), id);
    if (!batch) throw notFound('资助批次');
    if (batch.status === 'approved') return { id, already: true, fundFen: 0, refunds: 0 };
    if (batch.status !== 'submitted') throw new OperationError(409, '只有已提交的批次可以审批');
    if (batch.preparedBy === user.id)
      throw new OperationError(403, '审批人不能是该批次的经办（编制）人：须由另一位负责人审批（双人复核）');
    const movements = await approvalMovements(db, id);
    await updateBatch(db, id, { status: 'approved', approvedBy: user.id, approvedAt: new Date() });
    if (movements.fundFen > 0) {
      try {
        // In a savepoint: a refused use leaves the transaction usable for the answer below.
        await db.transaction((sp) =>
          insertFundEntry(sp, {
            districtCode: batch.districtCode,
            year: batch.year,
            kind: 'use',
            amountFen: -movements.fundFen,
            batchId: id,
            note: `批次 #${id} 年中新增人员（未缴费）资助`,
            createdBy: user.id,
          }),
        );
      } catch (err) {
        if (!isCheckViolation(err)) throw err;
        const balance = await fundBalance(db, batch.districtCode, batch.year);
        throw new OperationError(
          409,
          `财政预拨资金余额不足：本批需动用 ${formatYuan(movements.fundFen)} 元，余额 ${formatYuan(balance)} 元；请先登记预拨资金`,
        );
      }
      await audit({
        action: 'subsidy.fund_use',
        entityType: 'subsidy_batch',
        entityId: id,
        after: { amountFen: -movements.fundFen, year: batch.year, districtCode: batch.districtCode },
      });
    }
    const refunds = await insertRefundsOfBatch(db, id);
    for (const r of refunds)
      await audit({
        action: 'subsidy.refund_create',
        entityType: 'subsidy_refund',
        entityId: r.id,
        personId: r.person_id,
        after: { status: 'pending', amountFen: r.amount_fen, batchId: id },
      });
    await audit({
      action: 'subsidy.approve',
      entityType: 'subsidy_batch',
      entityId: id,
      before: { status: 'submitted', preparedBy: batch.preparedBy },
      after: { status: 'approved', fundFen: movements.fundFen, refunds: refunds.length },
    });
    return { id, already: false, fundFen: movements.fundFen, refunds: refunds.length };
  },
});

export const returnBatchOp = defineOperation({
  name: 'subsidies.return',
  permission: 'subsidy.approve',
  kind: 'write',
  input: returnBatchSchema,
  async handler({ user, db, audit }, { id, note }) {
    const batch = await lockBatchInScope(db, requireAreaScope(user), id);
    if (!batch) throw notFound('资助批次');
    if (batch.status === 'returned') return { id, already: true };
    if (batch.status !== 'submitted') throw new OperationError(409, '只有已提交的批次可以退回');
    await updateBatch(db, id, { status: 'returned', returnedBy: user.id, returnedAt: new Date(), returnNote: note });
    await audit({
      action: 'subsidy.return',
      entityType: 'subsidy_batch',
      entityId: id,
      before: { status: 'submitted' },
      after: { status: 'returned', note },
    });
    return { id, already: false };
  },
});
