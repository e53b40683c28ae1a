/** Checks shared by the workstation operations: each throws the OperationError the user sees. */
import type { Executor } from '@/db';
import { diseaseOn } from '@/db/queries/catalog';
import { certificationsOfPerson, delegationsOn, enrollmentIn } from '@/db/queries/workstation';
import { scopeOf } from '@/lib/auth/permissions';
import type { HospitalScope, SessionUser } from '@/lib/auth/types';
import { delegationProblem, duplicateActiveProblem, schemeEligibilityProblem } from '@/lib/domain/certification';
import { ENROLLMENT_STATUS_LABELS, labelOf } from '@/lib/labels';
import { forbidden, OperationError } from '@/lib/server/operation';

export const todayIso = () => new Date().toISOString().slice(0, 10);

/** The hospital of a hospital user; anyone else is refused. */
export function requireHospitalScope(user: SessionUser): HospitalScope {
  const scope = scopeOf(user);
  if (scope.level !== 'hospital') throw forbidden();
  return scope;
}

/** The catalog version in force on `onDate` of a disease the hospital may certify that day; otherwise 403. */
export async function delegatedVersion(db: Executor, scope: HospitalScope, diseaseCode: string, onDate: string) {
  const [delegations, version] = await Promise.all([delegationsOn(db, scope.hospitalId, onDate), diseaseOn(db, diseaseCode, onDate)]);
  const problem = delegationProblem(delegations, diseaseCode, onDate);
  if (problem) throw new OperationError(403, problem);
  if (!version || !version.active) throw new OperationError(403, `病种 ${diseaseCode} 不在 ${onDate} 执行的病种目录中，不能认定`);
  return version;
}

/** Enrolled (active) in the year and the disease is open to the scheme; otherwise 400 with the reason. */
export async function eligibleEnrollment(db: Executor, personId: number, disease: { forResident: boolean; forEmployee: boolean; name: string }, year: number) {
  const enrollment = await enrollmentIn(db, personId, year);
  if (enrollment && enrollment.status !== 'active') {
    throw new OperationError(400, `该人员本年度参保状态为“${labelOf(ENROLLMENT_STATUS_LABELS, enrollment.status)}”，不能认定`);
  }
  const problem = schemeEligibilityProblem(disease, enrollment);
  if (problem || !enrollment) throw new OperationError(400, problem ?? '该人员本年度未参保，不能认定');
  return enrollment;
}

/** No other active certification of the disease on/after `startDate`; otherwise 409. */
export async function assertNoActiveDuplicate(db: Executor, personId: number, diseaseCode: string, startDate: string, exceptId?: number) {
  const problem = duplicateActiveProblem(await certificationsOfPerson(db, personId, exceptId), diseaseCode, startDate);
  if (problem) throw new OperationError(409, problem);
}

/** Whole years of age on `today` (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
