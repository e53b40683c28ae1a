/**
 * The one way a person's year of stays changes: lock the person-year, settle every saved stay of the
 * year again with the change applied (a new stay, a cancelled one), compare with what is stored, and
 * — when committing — write the stays whose figures moved and keep each stay's assistance record
 * (layers 4 + 6) in step. Previews use the same plan without writing.
 */
import type { Executor } from '@/db';
import { policyOfYear } from '@/db/queries/settlement-policies';
import { insertStay, lockPersonYear, savedStaysOfYear, updateStay, type SavedStay } from '@/db/queries/settlement';
import type { SettlementScope } from '@/db/queries/settlement';
import { settlementDiff, settlePersonYear, type StayChange, type StayFigures } from '@/lib/domain/settlement-year';
import { LAYER_KEYS, yearOf, type Stay, type StayResult } from '@/lib/domain/settlement';
import type { SettlementPolicy } from '@/lib/domain/settlement-policy';
import { OperationError } from '@/lib/server/operation';
import { syncStayAssistance } from './settlement-assistance';

export const NEW = 'new' as const;
export type StayKey = number | typeof NEW;

/** A stay to add: its figures and where it belongs. */
export interface NewStay extends Stay {
  personId: number;
  townCode: string;
  hospitalId: number;
  hospitalName: string;
  admissionDate: string | null;
  sourceSettlementId: string | null;
  correctedFromId: number | null;
  note: string | null;
}

export interface YearPlan {
  personId: number;
  year: number;
  policy: { id: number; version: number; params: SettlementPolicy; docRef: string };
  saved: SavedStay[];
  cancelId: number | null;
  add: NewStay | null;
  results: Map<StayKey, StayResult>;
  changes: StayChange<StayKey>[];
}

export const factsOf = (s: SavedStay['stay']): Stay => ({
  totalFen: s.totalFen,
  policyRangeFen: s.policyRangeFen,
  level: s.level as 1 | 2 | 3,
  tier: s.tier as 1 | 2,
  referral: s.referral,
  date: s.settlementDate,
});

export const storedFigures = (s: SavedStay['stay']): StayFigures => ({
  amounts: {
    basic: s.basicFen,
    critical: s.criticalFen,
    hospitalWaiver: s.hospitalWaiverFen,
    assistance: s.assistanceFen,
    commercial: s.commercialFen,
    reAssistance: s.reAssistanceFen,
  },
  personFen: s.personFen,
});

/** The stored columns of a result. */
export const resultColumns = (r: StayResult, policyId: number) => ({
  basicFen: r.amounts.basic,
  criticalFen: r.amounts.critical,
  hospitalWaiverFen: r.amounts.hospitalWaiver,
  assistanceFen: r.amounts.assistance,
  commercialFen: r.amounts.commercial,
  reAssistanceFen: r.amounts.reAssistance,
  personFen: r.personFen,
  detail: { layers: r.layers, ytdBefore: r.ytdBefore, ytdAfter: r.ytdAfter, referralShareFen: r.referralShareFen },
  policyId,
});

/** Settles the person's year again with the change applied; writes nothing (but locks the person-year). */
export async function planYear(
  db: Executor,
  personId: number,
  year: number,
  change: { add?: NewStay | null; cancelId?: number | null },
  policyOverride?: SettlementPolicy,
): Promise<YearPlan> {
  await lockPersonYear(db, personId, year);
  const row = await policyOfYear(db, year);
  if (!row) throw new OperationError(409, `${year} 年度尚未设置一站式结算政策，请联系系统管理员`);
  const params = policyOverride ?? row.params;
  const saved = await savedStaysOfYear(db, personId, year);
  const cancelId = change.cancelId ?? null;
  if (cancelId !== null && !saved.some((s) => s.stay.id === cancelId))
    throw new OperationError(409, '该结算已撤销或已更正，不能再次操作');
  const add = change.add ?? null;
  if (add && yearOf(add.date) !== year) throw new Error('planYear: the new stay belongs to another year');
  const stays: (Stay & { seq: number; key: StayKey })[] = saved
    .filter((s) => s.stay.id !== cancelId)
    .map((s) => ({ ...factsOf(s.stay), seq: s.stay.id, key: s.stay.id }));
  if (add) stays.push({ ...add, seq: Number.MAX_SAFE_INTEGER, key: NEW });
  const results = new Map<StayKey, StayResult>(
    settlePersonYear(params, stays).map(({ stay, result }) => [stay.key, result]),
  );
  const before = new Map<StayKey, StayFigures>(saved.map((s) => [s.stay.id, storedFigures(s.stay)]));
  const changes = settlementDiff<StayKey>(before, results);
  return {
    personId,
    year,
    policy: { id: row.id, version: row.version, params, docRef: row.docRef },
    saved,
    cancelId,
    add,
    results,
    changes,
  };
}

/** JSON with sorted keys: jsonb does not keep the key order it was given. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Whether a stored stay's figures or year-to-date differ from a new result. */
function moved(s: SavedStay['stay'], r: StayResult, policyId: number): boolean {
  const now = resultColumns(r, policyId);
  return (
    s.policyId !== policyId ||
    LAYER_KEYS.some((k) => storedFigures(s).amounts[k] !== r.amounts[k]) ||
    s.personFen !== r.personFen ||
    canonical(s.detail) !== canonical(now.detail)
  );
}

/** Writes a plan: the new stay, the stays whose figures moved, and every touched stay's assistance record. */
export async function commitPlan(db: Executor, userId: number, plan: YearPlan) {
  let newId: number | null = null;
  const updated: number[] = [];
  for (const [key, r] of plan.results) {
    if (key === NEW) {
      const a = plan.add!;
      const row = await insertStay(db, {
        personId: a.personId,
        townCode: a.townCode,
        hospitalId: a.hospitalId,
        year: plan.year,
        settlementDate: a.date,
        admissionDate: a.admissionDate,
        totalFen: a.totalFen,
        policyRangeFen: a.policyRangeFen,
        level: a.level,
        tier: a.tier,
        referral: a.referral,
        correctedFromId: a.correctedFromId,
        sourceSettlementId: a.sourceSettlementId,
        note: a.note,
        createdBy: userId,
        updatedBy: userId,
        ...resultColumns(r, plan.policy.id),
      });
      newId = row.id;
      await syncStayAssistance(db, userId, row, a.hospitalName);
      continue;
    }
    const saved = plan.saved.find((s) => s.stay.id === key)!;
    if (!moved(saved.stay, r, plan.policy.id)) continue;
    const row = await updateStay(db, key, { ...resultColumns(r, plan.policy.id), updatedBy: userId });
    updated.push(key);
    await syncStayAssistance(db, userId, row, saved.hospitalName);
  }
  return { newId, updated };
}

/** What a caller may see of a change: other hospitals' stays only as figures. */
export function visibleChanges(plan: YearPlan, scope: SettlementScope) {
  return plan.changes.map((c) => {
    const saved = typeof c.key === 'number' ? plan.saved.find((s) => s.stay.id === c.key) : undefined;
    const own = scope.level !== 'hospital' || !saved || saved.stay.hospitalId === scope.hospitalId;
    return {
      ...c,
      stayId: c.key === NEW ? null : c.key,
      date: saved?.stay.settlementDate ?? plan.add?.date ?? null,
      hospitalName: saved ? (own ? saved.hospitalName : '其他医疗机构') : (plan.add?.hospitalName ?? null),
      cancelled: c.after === null,
    };
  });
}
