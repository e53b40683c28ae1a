/**
 * The rules of filing and deciding at the workstation. The data they need is read in one batch
 * (the queries are pipelined on the connection), then checked in order; each failure throws the
 * OperationError the user sees: 403 not delegated / not in the catalog, 400 not enrolled or
 * scheme not open, 409 an active certification of the same disease (or, when filing, a pending
 * application of the same disease at the same hospital).
 */
import type { Executor } from '@/db';
import { diseaseOn } from '@/db/queries/catalog';
import { certificationsOfPerson, delegationsOn, enrollmentIn } from '@/db/queries/workstation';
import { scopeOf } from '@/lib/auth/permissions';
import type { HospitalScope, SessionUser } from '@/lib/auth/types';
import {
  delegationProblem,
  duplicateActiveProblem,
  pendingDuplicateProblem,
  schemeEligibilityProblem,
} from '@/lib/domain/certification';
import { LOOKUP_TOKEN_REFUSALS, LOOKUP_TOKEN_TTL_MS } from '@/lib/domain/lookup-token';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { ENROLLMENT_STATUS_LABELS, labelOf } from '@/lib/labels';
import type { FileApplicationInput } from '@/lib/schemas/workstation';
import { checkLookupToken } from '@/lib/server/lookup-token';
import { forbidden, OperationError } from '@/lib/server/operation';

/** The hospital of a hospital user; anyone else is refused. */
export function requireHospitalScope(user: SessionUser): HospitalScope {
  const scope = scopeOf(user);
  if (scope.level !== 'hospital') throw forbidden();
  return scope;
}

/** The one answer to every refused lookup token: it says nothing about the person (nor which check failed). */
export const LOOKUP_REQUIRED = `认定申请须先在本院工作站按身份证号查询该人员（查询结果 ${LOOKUP_TOKEN_TTL_MS / 60_000} 分钟内有效），请重新查询后再提交`;

/**
 * The person a filing is for: the one in the caller's own lookup token. A missing, malformed,
 * forged, expired or another user's / hospital's token, or a personId other than the token's, is
 * refused (403, LOOKUP_REQUIRED) with an audit row of who tried, for what, and why — written even
 * though the filing fails. Only a genuinely signed token names a person on that row.
 */
export function filingPerson(user: SessionUser, scope: HospitalScope, input: FileApplicationInput): number {
  const expected = { userId: user.id, hospitalId: scope.hospitalId, personId: input.personId };
  const check = checkLookupToken(input.lookupToken, expected);
  if (check.ok) return check.claims.personId;
  const genuine = check.claims?.personId ?? null;
  throw new OperationError(403, LOOKUP_REQUIRED, {
    action: 'workstation.file_refused',
    entityType: 'person',
    entityId: genuine,
    personId: genuine,
    after: {
      reason: check.reason,
      why: LOOKUP_TOKEN_REFUSALS[check.reason],
      diseaseCode: input.diseaseCode,
      sentPersonId: input.personId ?? null,
      token: check.claims ?? null,
    },
  });
}

/** Delegations and catalog on `onDate`, the person's enrollment that year and their other applications. */
export async function ruleInputs(
  db: Executor,
  scope: HospitalScope,
  personId: number,
  diseaseCode: string,
  onDate: string,
  exceptId?: number,
) {
  const [delegations, version, enrollment, held] = await Promise.all([
    delegationsOn(db, scope.hospitalId, onDate),
    diseaseOn(db, diseaseCode, onDate),
    enrollmentIn(db, personId, Number(onDate.slice(0, 4))),
    certificationsOfPerson(db, personId, exceptId),
  ]);
  return { diseaseCode, onDate, delegations, version, enrollment, held };
}
type RuleInputs = Awaited<ReturnType<typeof ruleInputs>>;

/** The catalog version of a disease the hospital may certify on that day; otherwise 403. */
export function delegatedVersion({ delegations, version, diseaseCode, onDate }: RuleInputs) {
  const problem = delegationProblem(delegations, diseaseCode, onDate);
  if (problem) throw new OperationError(403, problem);
  if (!version || !version.active)
    throw new OperationError(403, `病种 ${diseaseCode} 不在 ${onDate} 执行的病种目录中，不能认定`);
  return version;
}

/** Enrolled (active) this year and the disease is open to the scheme; otherwise 400 with the reason. */
export function eligibleEnrollment(
  { enrollment }: RuleInputs,
  disease: { forResident: boolean; forEmployee: boolean; name: string },
) {
  if (enrollment && enrollment.status !== 'active') {
    throw new OperationError(
      400,
      `该人员本年度参保状态为“${labelOf(ENROLLMENT_STATUS_LABELS, enrollment.status)}”，不能认定`,
    );
  }
  const problem = schemeEligibilityProblem(disease, enrollment);
  if (problem || !enrollment) throw new OperationError(400, problem ?? '该人员本年度未参保，不能认定');
  return enrollment;
}

/** No other active certification of the disease on/after `startDate`; otherwise 409. */
export function assertNoActiveDuplicate({ held, diseaseCode }: RuleInputs, startDate: string) {
  const problem = duplicateActiveProblem(held, diseaseCode, startDate);
  if (problem) throw new OperationError(409, problem);
}

/** No pending application of the same disease at this hospital; otherwise 409. */
export function assertNoPendingDuplicate({ held, diseaseCode }: RuleInputs, hospitalId: number) {
  const problem = pendingDuplicateProblem(
    held.map((c) => ({ ...c, filedOn: shanghaiDate(c.filedAt) })),
    diseaseCode,
    hospitalId,
  );
  if (problem) throw new OperationError(409, problem);
}

/** Whole years of age on `today` (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
