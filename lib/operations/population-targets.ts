import { lockTarget, targetsOfYear, upsertTarget } from '@/db/queries/population-targets';
import { findTownInScope } from '@/db/queries/towns';
import { targetSaveSchema, targetsListSchema } from '@/lib/schemas/targets';
import { defineOperation, notFound } from '@/lib/server/operation';
import { requireAreaScope } from './guards';

/** 常住人口与参保任务: every town of the caller's scope with its figures for the year, or blanks. */
export const listTargetsOp = defineOperation({
  name: 'targets.list',
  permission: 'policy.manage',
  kind: 'read',
  input: targetsListSchema,
  async handler({ user, db }, { year }) {
    const rows = await targetsOfYear(db, requireAreaScope(user), year);
    return { year, towns: rows };
  },
});

/** Saves one town's figures for a year (insert or replace), audited with before and after. */
export const saveTargetOp = defineOperation({
  name: 'targets.save',
  permission: 'policy.manage',
  kind: 'write',
  input: targetSaveSchema,
  async handler({ user, db, audit }, input) {
    if (!(await findTownInScope(db, requireAreaScope(user), input.townCode))) throw notFound('镇街');
    const before = await lockTarget(db, input.year, input.townCode);
    const after = await upsertTarget(db, { ...input, updatedBy: user.id });
    await audit({
      action: 'targets.save',
      entityType: 'population_target',
      entityId: `${input.year}-${input.townCode}`,
      before,
      after,
    });
    return after;
  },
});
