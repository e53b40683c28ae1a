/** 已审批资助明细: the lines of every approved batch of a year — what the dashboard's 缴费资助 figures count. */
import { listApprovedLines } from '@/db/queries/subsidy-approved-lines';
import { birthYearOf, maskIdNumber } from '@/lib/domain/id-number';
import { defineOperation } from '@/lib/server/operation';
import { approvedLinesSchema } from '@/lib/schemas/subsidies';
import { requireAreaScope } from './guards';

export const approvedLinesOp = defineOperation({
  name: 'subsidies.approvedLines',
  permission: 'subsidy.read',
  kind: 'read',
  input: approvedLinesSchema,
  async handler({ user, db }, q) {
    const { rows, total, people, amountFen } = await listApprovedLines(db, requireAreaScope(user), q);
    return {
      total,
      people,
      amountFen,
      // The birth year only: the whole date beside the masked number would give the number back.
      data: rows.map(({ idNumber, birthDate, ...r }) => ({
        ...r,
        maskedId: maskIdNumber(idNumber),
        birthYear: birthYearOf(birthDate),
      })),
    };
  },
});
