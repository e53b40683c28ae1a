import { lockApplication, nextCertificateSerial, recordDecision } from '@/db/queries/certification-writes';
import { hospitalCodeOf } from '@/db/queries/workstation';
import type { Certification } from '@/db/schema';
import { certificateNumber, certificationPeriod, startDateProblem } from '@/lib/domain/certification';
import { decideSchema } from '@/lib/schemas/workstation';
import { defineOperation, forbidden, notFound, OperationError } from '@/lib/server/operation';
import {
  assertNoActiveDuplicate,
  delegatedVersion,
  eligibleEnrollment,
  requireHospitalScope,
  ruleInputs,
} from './workstation-rules';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

const decisionOf = (c: Certification) => ({
  status: c.status,
  startDate: c.startDate,
  endDate: c.endDate,
  certificateNo: c.certificateNo,
  rejectReason: c.rejectReason,
  diseaseVersionId: c.diseaseVersionId,
  decidedAt: c.decidedAt,
});

/**
 * Decides a pending application of the caller's hospital on the spot. Decisions about one person
 * are serialized (advisory lock on the person), and every rule is checked again inside the
 * transaction: delegation and catalog on the decision date, enrollment and scheme, no active
 * duplicate. Approval hands out the next certificate number of the hospital and year.
 */
export const workstationDecide = defineOperation({
  name: 'workstation.decide',
  permission: 'workstation.use',
  kind: 'write',
  input: decideSchema,
  async handler({ user, db, audit }, input) {
    const scope = requireHospitalScope(user);
    // Locks the application and its person (also another hospital's: harmless, that call fails and rolls back).
    const cert = await lockApplication(db, input.id);
    if (!cert) throw notFound('认定申请');
    if (cert.hospitalId !== scope.hospitalId) throw forbidden();
    if (cert.status !== 'pending') throw new OperationError(409, '该申请已作出决定，不能重复决定');
    const today = shanghaiDate();
    const [rules, hospital] = await Promise.all([
      ruleInputs(db, scope, cert.personId, cert.diseaseCode, today, cert.id),
      hospitalCodeOf(db, scope.hospitalId),
    ]);
    const version = delegatedVersion(rules);
    const decided = { decidedBy: user.id, decidedAt: new Date() };

    let decision: Parameters<typeof recordDecision>[2];
    if (input.decision === 'reject') {
      decision = { ...decided, status: 'rejected', rejectReason: input.reason };
    } else {
      const startProblem = startDateProblem(input.startDate, cert.diagnosisDate, today);
      if (startProblem) throw new OperationError(400, startProblem);
      eligibleEnrollment(rules, version);
      assertNoActiveDuplicate(rules, input.startDate);
      let period;
      try {
        period = certificationPeriod(input.startDate, version);
      } catch (err) {
        throw new OperationError(400, (err as Error).message);
      }
      const year = Number(today.slice(0, 4));
      // Last: the serial row stays locked until commit, so approvals at one hospital wait only for this tail.
      const serial = await nextCertificateSerial(db, scope.hospitalId, year);
      decision = {
        ...decided,
        ...period,
        status: 'approved',
        diseaseVersionId: version.id,
        certificateNo: certificateNumber(hospital.code, year, serial),
      };
    }
    const [after] = await Promise.all([
      recordDecision(db, cert.id, decision),
      audit({
        action: input.decision === 'approve' ? 'certification.approve' : 'certification.reject',
        entityType: 'certification',
        entityId: cert.id,
        personId: cert.personId,
        before: decisionOf(cert),
        after: decisionOf({ ...cert, ...decision }),
      }),
    ]);
    return {
      id: after.id,
      status: after.status,
      certificateNo: after.certificateNo,
      startDate: after.startDate,
      endDate: after.endDate,
      decidedAt: after.decidedAt,
    };
  },
});
