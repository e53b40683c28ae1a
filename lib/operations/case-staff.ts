import { z } from 'zod';
import { assignableStaff } from '@/db/queries/cases';
import { findTownInScope } from '@/db/queries/towns';
import { defineOperation, notFound } from '@/lib/server/operation';
import { requireAreaScope } from './guards';

export const caseStaffQuerySchema = z.object({
  townCode: z.string({ message: '请指定镇街' }).regex(/^\d{9}$/, '镇街代码应为 9 位数字'),
});

/** Staff who may be assigned cases of one town (for bulk assignment); the town must be in the caller's scope. */
export const listAssignableStaff = defineOperation({
  name: 'cases.staff',
  permission: 'matching.read',
  kind: 'read',
  input: caseStaffQuerySchema,
  async handler({ user, db }, { townCode }) {
    const town = await findTownInScope(db, requireAreaScope(user), townCode);
    if (!town) throw notFound('镇街');
    return assignableStaff(db, townCode);
  },
});
