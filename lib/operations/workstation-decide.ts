import { eq } from 'drizzle-orm';
import { lockPerson, nextCertificateSerial, recordDecision } from '@/db/queries/certification-writes';
import { findHospitalCertification } from '@/db/queries/workstation';
import { certifications, hospitals, type Certification } from '@/db/schema';
import { certificateNumber, certificationPeriod } from '@/lib/domain/certification';
import { decideSchema } from '@/lib/schemas/workstation';
import { defineOperation, forbidden, notFound, OperationError } from '@/lib/server/operation';
import { assertNoActiveDuplicate, delegatedVersion, eligibleEnrollment, requireHospitalScope, todayIso } from './workstation-rules';

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
    const [owner] = await db.select({ hospitalId: certifications.hospitalId, personId: certifications.personId }).from(certifications).where(eq(certifications.id, input.id));
    if (!owner) throw notFound('认定申请');
    if (owner.hospitalId !== scope.hospitalId) throw forbidden();
    await lockPerson(db, owner.personId);
    const cert = (await findHospitalCertification(db, scope, input.id, true))!;
    if (cert.status !== 'pending') throw new OperationError(409, '该申请已作出决定，不能重复决定');
    const today = todayIso();
    const version = await delegatedVersion(db, scope, cert.diseaseCode, today);
    const decided = { decidedBy: user.id, decidedAt: new Date() };

    let after: Certification;
    if (input.decision === 'reject') {
      after = await recordDecision(db, cert.id, { ...decided, status: 'rejected', rejectReason: input.reason });
    } else {
      if (input.startDate < cert.diagnosisDate) throw new OperationError(400, `认定开始日期不能早于诊断日期（${cert.diagnosisDate}）`);
      const year = Number(today.slice(0, 4));
      await eligibleEnrollment(db, cert.personId, version, year);
      await assertNoActiveDuplicate(db, cert.personId, cert.diseaseCode, input.startDate, cert.id);
      let period;
      try {
        period = certificationPeriod(input.startDate, version);
      } catch (err) {
        throw new OperationError(400, (err as Error).message);
      }
      const [hospital] = await db.select({ code: hospitals.code }).from(hospitals).where(eq(hospitals.id, scope.hospitalId));
      const serial = await nextCertificateSerial(db, scope.hospitalId, year);
      after = await recordDecision(db, cert.id, {
        ...decided,
        ...period,
        status: 'approved',
        diseaseVersionId: version.id,
        certificateNo: certificateNumber(hospital.code, year, serial),
      });
    }
    await audit({
      action: input.decision === 'approve' ? 'certification.approve' : 'certification.reject',
      entityType: 'certification',
      entityId: cert.id,
      personId: cert.personId,
      before: decisionOf(cert),
      after: decisionOf(after),
    });
    return { id: after.id, status: after.status, certificateNo: after.certificateNo, startDate: after.startDate, endDate: after.endDate, decidedAt: after.decidedAt };
  },
});
