/** Refund records (状态变更) and the pre-allocated fund (预拨资金登记与台账). */
import { fundBalance, fundEntries, fundsOfYear, insertFundEntry } from '@/db/queries/subsidy-fund';
import { listRefunds, lockRefundInScope, updateRefund } from '@/db/queries/subsidy-refunds';
import { maskAccountRef } from '@/lib/domain/subsidy';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { defineOperation, forbidden, notFound, OperationError } from '@/lib/server/operation';
import { allocateFundSchema, refundListSchema, updateRefundSchema, yearQuerySchema } from '@/lib/schemas/subsidies';
import { requireAreaScope } from './guards';
import { batchScopeOf } from './subsidy-batches';

export const listRefundsOp = defineOperation({
  name: 'subsidies.refunds',
  permission: 'subsidy.read',
  kind: 'read',
  input: refundListSchema,
  handler: async ({ user, db }, q) => ({ data: await listRefunds(db, requireAreaScope(user), q) }),
});

/** 待退 → 已退 (date, account) or 退回失败 (date, reason); 退回失败 → 待退 again with a corrected account. */
const ALLOWED_MOVES: Record<string, string[]> = { pending: ['refunded', 'failed'], failed: ['pending'], refunded: [] };
const STATUS_LABEL: Record<string, string> = { pending: '待退', refunded: '已退', failed: '退回失败' };

export const updateRefundOp = defineOperation({
  name: 'subsidies.updateRefund',
  permission: 'subsidy.prepare',
  kind: 'write',
  input: updateRefundSchema,
  async handler({ user, db, audit }, input) {
    const refund = await lockRefundInScope(db, requireAreaScope(user), input.id);
    if (!refund) throw notFound('退费记录');
    if (refund.status === input.status) return { ...refund, already: true };
    if (!ALLOWED_MOVES[refund.status].includes(input.status))
      throw new OperationError(
        409,
        `退费记录当前为“${STATUS_LABEL[refund.status]}”，不能改为“${STATUS_LABEL[input.status]}”`,
      );
    if ('date' in input && input.date > shanghaiDate()) throw new OperationError(400, '日期不能晚于今天');
    const values =
      input.status === 'refunded'
        ? {
            status: input.status,
            statusDate: input.date,
            accountRef: maskAccountRef(input.accountRef),
            failReason: null,
          }
        : input.status === 'failed'
          ? { status: input.status, statusDate: input.date, failReason: input.reason }
          : { status: input.status, statusDate: null, accountRef: maskAccountRef(input.accountRef), failReason: null };
    const updated = await updateRefund(db, refund.id, { ...values, updatedBy: user.id });
    const view = (r: typeof refund) => ({
      status: r.status,
      statusDate: r.statusDate,
      accountRef: r.accountRef,
      failReason: r.failReason,
    });
    await audit({
      action: 'subsidy.refund_update',
      entityType: 'subsidy_refund',
      entityId: refund.id,
      personId: refund.personId,
      before: view(refund),
      after: view(updated),
    });
    return { ...updated, already: false };
  },
});

export const fundOverviewOp = defineOperation({
  name: 'subsidies.fund',
  permission: 'subsidy.read',
  kind: 'read',
  input: yearQuerySchema,
  async handler({ user, db }, q) {
    const scope = requireAreaScope(user);
    const year = q.year ?? Number(shanghaiDate().slice(0, 4));
    const [funds, entries] = await Promise.all([fundsOfYear(db, scope, year), fundEntries(db, scope, year)]);
    return { year, funds, entries };
  },
});

export const allocateFundOp = defineOperation({
  name: 'subsidies.allocate',
  permission: 'subsidy.prepare',
  kind: 'write',
  input: allocateFundSchema,
  async handler({ user, db, audit }, { year, districtCode, amount, note }) {
    const scope = await batchScopeOf({ db }, user, districtCode);
    if (scope.townCode) throw forbidden(); // the fund is the district's: town staff see it, the district records it
    const entry = await insertFundEntry(db, {
      districtCode: scope.districtCode,
      year,
      kind: 'allocation',
      amountFen: amount,
      note,
      createdBy: user.id,
    });
    const balanceFen = await fundBalance(db, scope.districtCode, year);
    await audit({
      action: 'subsidy.fund_allocate',
      entityType: 'subsidy_fund',
      entityId: `${scope.districtCode}-${year}`,
      after: { amountFen: amount, note, balanceFen, entryId: entry.id },
    });
    return { id: entry.id, balanceFen };
  },
});
