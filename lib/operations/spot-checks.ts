import { z } from 'zod';
import {
  decidedPopulation,
  findHospitalInScope,
  insertSpotCheck,
  insertSpotCheckItems,
  listSpotChecks,
  lockSpotCheckItemInScope,
  recordVerdict,
  spotCheckDetail,
} from '@/db/queries/spot-checks';
import { drawSample, newSeed, SAMPLING_ALGORITHM } from '@/lib/domain/sampling';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import { drawSpotCheckSchema, spotCheckIdSchema, verdictSchema } from '@/lib/schemas/certifications';
import { requireAreaScope } from './guards';

export const listSpotChecksOp = defineOperation({
  name: 'spotChecks.list',
  permission: 'spotcheck.manage',
  kind: 'read',
  input: z.object({}),
  handler: ({ user, db }) => listSpotChecks(db, requireAreaScope(user)),
});

/**
 * 抽查: a reproducible random sample of one hospital's decisions in a period (Shanghai days, both
 * inclusive). With the seed of an earlier draw, the same hospital and period give the same sample.
 */
export const drawSpotCheckOp = defineOperation({
  name: 'spotChecks.draw',
  permission: 'spotcheck.manage',
  kind: 'write',
  input: drawSpotCheckSchema,
  async handler({ user, db, audit }, input) {
    const { hospitalId, from, to, percent, count, note } = input;
    if ((percent === undefined) === (count === undefined))
      throw new OperationError(400, '抽查比例和抽查数量须且只能填写一项');
    if (from > to) throw new OperationError(400, '抽查期间的开始日期不能晚于结束日期');
    const hospital = await findHospitalInScope(db, requireAreaScope(user), hospitalId);
    if (!hospital) throw notFound('医院');
    const population = await decidedPopulation(db, hospitalId, from, to);
    if (population.length === 0)
      throw new OperationError(400, `${hospital.name}在 ${from} 至 ${to} 期间没有已作出决定的认定记录，无法抽查`);
    const seed = input.seed ?? newSeed();
    const sample = drawSample(population, percent !== undefined ? { percent } : { count }, seed);
    const row = await insertSpotCheck(db, {
      hospitalId,
      periodFrom: from,
      periodTo: to,
      percent: percent ?? null,
      count: count ?? null,
      seed,
      algorithm: SAMPLING_ALGORITHM,
      populationSize: population.length,
      note: note ?? null,
      createdBy: user.id,
    });
    await insertSpotCheckItems(
      db,
      sample.map((c) => ({ spotCheckId: row.id, certificationId: c.id })),
    );
    await audit({
      action: 'spot_check.draw',
      entityType: 'spot_check',
      entityId: row.id,
      after: {
        hospitalId,
        periodFrom: from,
        periodTo: to,
        percent: row.percent,
        count: row.count,
        seed,
        algorithm: SAMPLING_ALGORITHM,
        populationSize: population.length,
        certificationIds: sample.map((c) => c.id),
      },
    });
    return { id: row.id, seed, populationSize: population.length, sampleSize: sample.length };
  },
});

export const getSpotCheckOp = defineOperation({
  name: 'spotChecks.get',
  permission: 'spotcheck.manage',
  kind: 'read',
  input: spotCheckIdSchema,
  async handler({ user, db }, { id }) {
    const detail = await spotCheckDetail(db, requireAreaScope(user), id);
    if (!detail) throw notFound('抽查记录');
    return detail;
  },
});

/** 合规 / 不合规 (with a note) on one sampled decision; a verdict may be changed, every change is audited. */
export const recordVerdictOp = defineOperation({
  name: 'spotChecks.verdict',
  permission: 'spotcheck.manage',
  kind: 'write',
  input: verdictSchema,
  async handler({ user, db, audit }, { spotCheckId, certificationId, verdict, note }) {
    if (verdict === 'non_compliant' && !note) throw new OperationError(400, '判定为不合规时须填写说明');
    const item = await lockSpotCheckItemInScope(db, requireAreaScope(user), spotCheckId, certificationId);
    if (!item) throw notFound('抽查样本');
    const after = await recordVerdict(db, spotCheckId, certificationId, {
      verdict,
      note: note ?? null,
      decidedBy: user.id,
      decidedAt: new Date(),
    });
    await audit({
      action: 'spot_check.verdict',
      entityType: 'spot_check',
      entityId: spotCheckId,
      personId: item.personId,
      before: { certificationId, verdict: item.item.verdict, note: item.item.note },
      after: { certificationId, verdict: after.verdict, note: after.note },
    });
    return after;
  },
});
