/**
 * 一站式结算 policy by year (admin): the versions, a new version (never an edit), and the preview of
 * how the year's saved stays would change under new values (each person's year settled again).
 */
import { z } from 'zod';
import { insertPolicyVersion, listPolicyVersions, policyOfYear } from '@/db/queries/settlement-policies';
import { savedStaysOfWholeYear } from '@/db/queries/settlement';
import { LAYER_KEYS, zeroLayers, type LayerAmounts } from '@/lib/domain/settlement';
import { checkPolicy, type SettlementPolicy } from '@/lib/domain/settlement-policy';
import { settlementDiff, settlePersonYear, type StayFigures } from '@/lib/domain/settlement-year';
import { policyPreviewSchema, policySaveSchema } from '@/lib/schemas/settlement';
import { defineOperation, OperationError } from '@/lib/server/operation';
import { factsOf, storedFigures } from './settlement-plan';

export const settlementPoliciesOp = defineOperation({
  name: 'settlement.policies',
  permission: 'settlement.read',
  kind: 'read',
  input: z.object({}),
  async handler({ db }) {
    const rows = await listPolicyVersions(db);
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  },
});

function assertValid(params: SettlementPolicy) {
  const problems = checkPolicy(params);
  if (problems.length) throw new OperationError(400, problems.join('；'));
}

export const settlementSavePolicyOp = defineOperation({
  name: 'settlement.savePolicy',
  permission: 'policy.manage',
  kind: 'write',
  input: policySaveSchema,
  async handler({ user, db, audit }, { params, docRef, note }) {
    assertValid(params);
    const before = await policyOfYear(db, params.year);
    const row = await insertPolicyVersion(db, { year: params.year, params, docRef, note, createdBy: user.id });
    await audit({
      action: 'settlement.policy_version',
      entityType: 'settlement_policy',
      entityId: row.id,
      before: before ? { version: before.version, params: before.params } : null,
      after: { version: row.version, params, docRef, note },
    });
    return { id: row.id, year: row.year, version: row.version };
  },
});

const sum = (a: LayerAmounts, b: LayerAmounts) =>
  Object.fromEntries(LAYER_KEYS.map((k) => [k, a[k] + b[k]])) as LayerAmounts;

/** How the year's saved stays would settle under `params`: totals before/after and the stays that change. */
export const settlementPreviewPolicyOp = defineOperation({
  name: 'settlement.previewPolicy',
  permission: 'policy.manage',
  kind: 'read',
  input: policyPreviewSchema,
  async handler({ db }, { params }) {
    assertValid(params);
    const stays = await savedStaysOfWholeYear(db, params.year);
    const byPerson = new Map<number, typeof stays>();
    for (const s of stays) byPerson.set(s.personId, [...(byPerson.get(s.personId) ?? []), s]);
    const totals = { before: zeroLayers(), after: zeroLayers(), personBefore: 0, personAfter: 0 };
    const changed: {
      stayId: number;
      personId: number;
      date: string;
      delta: ReturnType<typeof settlementDiff>[number]['delta'];
    }[] = [];
    let changedCount = 0;
    for (const [personId, list] of byPerson) {
      const before = new Map<number, StayFigures>(list.map((s) => [s.id, storedFigures(s)]));
      const after = new Map<number, StayFigures>(
        settlePersonYear(
          params,
          list.map((s) => ({ ...factsOf(s), seq: s.id, id: s.id })),
        ).map(({ stay, result }) => [stay.id, result]),
      );
      for (const c of settlementDiff(before, after)) {
        totals.before = sum(totals.before, c.before!.amounts);
        totals.after = sum(totals.after, c.after!.amounts);
        totals.personBefore += c.before!.personFen;
        totals.personAfter += c.after!.personFen;
        if (!c.changed) continue;
        changedCount++;
        if (changed.length < 200) {
          const s = list.find((x) => x.id === c.key)!;
          changed.push({ stayId: s.id, personId, date: s.settlementDate, delta: c.delta });
        }
      }
    }
    return { year: params.year, people: byPerson.size, stays: stays.length, changedCount, totals, changed };
  },
});

export const settlementPolicyOperations = [settlementPoliciesOp, settlementSavePolicyOp, settlementPreviewPolicyOp];
