/**
 * The three changes of a person's year — a new stay, a correction, a cancellation — computed the
 * same way for the preview (nothing written) and for the save (written, audited). Agency staff work
 * on people of their scope; hospital staff on their own hospital's stays only (a stay of another
 * hospital is "not found"; a new stay can only be at their hospital).
 */
import type { Executor } from '@/db';
import { peopleByIdNumbers } from '@/db/queries/assistance-writes';
import {
  cancelStayRow,
  hospitalById,
  importedSettlementsOf,
  stayInScope,
  type SettlementScope,
} from '@/db/queries/settlement';
import { inScope, scopeOf } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';
import { maskIdNumber, validateIdNumber } from '@/lib/domain/id-number';
import { checkStay, yearOf } from '@/lib/domain/settlement';
import type { StayCorrectInput, StayInput } from '@/lib/schemas/settlement';
import { forbidden, notFound, OperationError } from '@/lib/server/operation';
import { syncStayAssistance } from './settlement-assistance';
import {
  commitPlan,
  NEW,
  planYear,
  storedFigures,
  visibleChanges,
  type NewStay,
  type YearPlan,
} from './settlement-plan';

export function settlementScope(user: SessionUser): SettlementScope {
  const scope = scopeOf(user);
  if (scope.level === 'none') throw forbidden();
  return scope;
}

const LEVELS = { level1: 1, level2: 2, level3: 3 } as const;

/** The registry person of an exact ID number, in the caller's scope (hospital staff: anyone they treat). */
export async function resolvePerson(db: Executor, scope: SettlementScope, idNumber: string) {
  const checked = validateIdNumber(idNumber);
  if (!checked.ok) throw new OperationError(400, `身份证号${checked.message}`);
  const person = (await peopleByIdNumbers(db, [checked.id])).get(checked.id);
  if (!person || (scope.level !== 'hospital' && !inScope(scope, person)))
    throw new OperationError(404, '参保登记中没有这个身份证号的人员，或该人员不在您的管辖范围内');
  return person;
}

/** The treating hospital: active; hospital staff only their own. */
export async function resolveHospital(db: Executor, scope: SettlementScope, hospitalId: number) {
  if (scope.level === 'hospital' && hospitalId !== scope.hospitalId) throw forbidden();
  const hospital = await hospitalById(db, hospitalId);
  if (!hospital || !hospital.active) throw new OperationError(400, '医疗机构不存在或已停用');
  return { ...hospital, levelNo: LEVELS[hospital.level] };
}

type StayFields = Omit<StayInput, 'idNumber'>;

async function newStayOf(
  db: Executor,
  scope: SettlementScope,
  person: { id: number; townCode: string },
  input: StayFields,
  correctedFromId: number | null,
  keepsSource: string | null = null,
): Promise<NewStay> {
  const hospital = await resolveHospital(db, scope, input.hospitalId);
  const stay: NewStay = {
    personId: person.id,
    townCode: person.townCode,
    hospitalId: hospital.id,
    hospitalName: hospital.name,
    totalFen: input.total,
    policyRangeFen: input.policyRange,
    level: input.level,
    tier: input.tier,
    referral: input.referral,
    date: input.settlementDate,
    admissionDate: input.admissionDate ?? null,
    sourceSettlementId: input.sourceSettlementId ?? null,
    correctedFromId,
    note: input.note ?? null,
  };
  const problems = checkStay(stay);
  if (problems.length) throw new OperationError(400, problems.join('；'));
  if (stay.admissionDate && stay.admissionDate > stay.date) throw new OperationError(400, '入院日期不能晚于结算日期');
  const source = stay.sourceSettlementId;
  if (source && source !== keepsSource) {
    const open = await importedSettlementsOf(db, scope, person.id, yearOf(stay.date));
    if (!open.some((r) => r.settlementId === source))
      throw new OperationError(400, `结算记录 ${source} 不是该人员本年度未使用的住院结算记录`);
  }
  return stay;
}

/** A stay the caller may correct or cancel: in scope and still saved. */
async function savedStayInScope(db: Executor, scope: SettlementScope, id: number) {
  const found = await stayInScope(db, scope, id);
  if (!found) throw notFound('结算记录');
  if (found.stay.status !== 'saved') throw new OperationError(409, '该结算已撤销或已更正，不能再次操作');
  return found;
}

export type Change =
  | { kind: 'save'; stay: StayInput }
  | { kind: 'correct'; stay: StayCorrectInput }
  | { kind: 'cancel'; stay: { id: number; reason: string } };

/** Plans a change; with `commit`, writes it. Returns what the page shows and what the audit row keeps. */
export async function runChange(db: Executor, user: SessionUser, change: Change, commit: boolean) {
  const scope = settlementScope(user);
  const plans: YearPlan[] = [];
  let person: { id: number; name: string; idNumber: string; townCode: string };
  let originalId: number | null = null;
  /** What the audit row keeps of the stay corrected or cancelled, as it stood. */
  let before: Record<string, unknown> | null = null;
  if (change.kind === 'save') {
    person = await resolvePerson(db, scope, change.stay.idNumber);
    const add = await newStayOf(db, scope, person, change.stay, null);
    plans.push(await planYear(db, person.id, yearOf(add.date), { add }));
  } else {
    const original = await savedStayInScope(db, scope, change.stay.id);
    originalId = original.stay.id;
    before = {
      id: original.stay.id,
      hospitalId: original.stay.hospitalId,
      settlementDate: original.stay.settlementDate,
      totalFen: original.stay.totalFen,
      policyRangeFen: original.stay.policyRangeFen,
      level: original.stay.level,
      tier: original.stay.tier,
      referral: original.stay.referral,
      ...storedFigures(original.stay),
    };
    person = {
      id: original.stay.personId,
      name: original.personName,
      idNumber: original.idNumber,
      townCode: original.stay.townCode,
    };
    const oldYear = original.stay.year;
    if (change.kind === 'cancel') plans.push(await planYear(db, person.id, oldYear, { cancelId: originalId }));
    else {
      const add = await newStayOf(db, scope, person, change.stay, originalId, original.stay.sourceSettlementId);
      const newYear = yearOf(add.date);
      if (newYear === oldYear) plans.push(await planYear(db, person.id, oldYear, { cancelId: originalId, add }));
      else {
        plans.push(await planYear(db, person.id, oldYear, { cancelId: originalId }));
        plans.push(await planYear(db, person.id, newYear, { add }));
      }
    }
  }
  const withNew = plans.find((p) => p.add) ?? null;
  const view = {
    person: { id: person.id, name: person.name, maskedId: maskIdNumber(person.idNumber) },
    year: (withNew ?? plans[0]).year,
    policy: (withNew ?? plans[0]).policy,
    result: withNew?.results.get(NEW) ?? null,
    changes: plans.flatMap((p) => visibleChanges(p, scope)),
  };
  if (!commit) return { view, newId: null, updated: [] as number[], originalId, before };
  if (originalId !== null) {
    const reason = change.kind === 'save' ? '' : change.stay.reason;
    if (!(await cancelStayRow(db, originalId, change.kind === 'correct' ? `更正：${reason}` : reason, user.id)))
      throw new OperationError(409, '该结算已撤销或已更正，不能再次操作');
    const cancelled = await stayInScope(db, scope, originalId);
    await syncStayAssistance(db, user.id, cancelled!.stay, cancelled!.hospitalName);
  }
  let newId: number | null = null;
  const updated: number[] = [];
  for (const plan of plans) {
    const done = await commitPlan(db, user.id, plan);
    newId = done.newId ?? newId;
    updated.push(...done.updated);
  }
  return { view, newId, updated, originalId, before };
}

/** What the audit row keeps of a change: the stays whose figures changed and by how much. */
export const auditChanges = (view: Awaited<ReturnType<typeof runChange>>['view']) =>
  view.changes
    .filter((c) => c.changed)
    .map((c) => ({ stayId: c.stayId, date: c.date, before: c.before, after: c.after, delta: c.delta }));
