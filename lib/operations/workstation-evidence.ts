import crypto from 'node:crypto';
import type { AuditEntry } from '@/db/queries/audit';
import { insertCertificationEvidence } from '@/db/queries/certification-writes';
import { findHospitalCertification, getCertificationEvidenceFile } from '@/db/queries/workstation';
import { detectEvidenceType, evidenceProblem, MAX_EVIDENCE_BYTES } from '@/lib/domain/evidence';
import { evidenceIdSchema, uploadCertEvidenceSchema } from '@/lib/schemas/workstation';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import { requireAreaScope } from './guards';
import { requireHospitalScope } from './workstation-rules';

/** Attaches an evidence file (PDF/JPG/PNG ≤ 10 MB, checked by content) to a pending application of the hospital. */
export const workstationUploadEvidence = defineOperation({
  name: 'workstation.uploadEvidence',
  permission: 'workstation.use',
  kind: 'write',
  input: uploadCertEvidenceSchema,
  async handler({ user, db, audit }, { certificationId, file }) {
    const cert = await findHospitalCertification(db, requireHospitalScope(user), certificationId, true);
    if (!cert) throw notFound('认定申请');
    if (cert.status !== 'pending') throw new OperationError(409, '该申请已作出决定，不能再上传证明材料');
    if (file.size > MAX_EVIDENCE_BYTES) throw new OperationError(400, '证明材料不能超过 10 MB');
    const content = Buffer.from(await file.arrayBuffer());
    const problem = evidenceProblem(content);
    if (problem) throw new OperationError(400, problem);
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    const fileName = file.name.slice(0, 255) || '证明材料';
    const row = await insertCertificationEvidence(db, {
      certificationId,
      fileName,
      mimeType: detectEvidenceType(content)!,
      sizeBytes: content.length,
      sha256,
      content,
      uploadedBy: user.id,
    });
    await audit({
      action: 'certification.evidence_upload',
      entityType: 'certification',
      entityId: certificationId,
      personId: cert.personId,
      after: { evidenceId: row.id, fileName, sizeBytes: content.length, sha256 },
    });
    return { id: row.id, fileName, sizeBytes: content.length };
  },
});

type EvidenceFile = NonNullable<Awaited<ReturnType<typeof getCertificationEvidenceFile>>>;

/** The audit row of one download of a certification's evidence file (personal data: audited like a view). */
const downloadAudit = (file: EvidenceFile, via: 'workstation' | 'agency'): AuditEntry => ({
  action: 'download.certification_evidence',
  entityType: 'certification',
  entityId: file.certificationId,
  personId: file.personId,
  after: { evidenceId: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes, via },
});

/** One evidence file of an application of the caller's hospital; every download is audited. */
export const workstationEvidence = defineOperation({
  name: 'workstation.evidence',
  permission: 'workstation.use',
  kind: 'read', // its only write is the audit row: one statement, no transaction needed
  input: evidenceIdSchema,
  async handler({ user, db, audit }, { id }) {
    const file = await getCertificationEvidenceFile(db, requireHospitalScope(user), id);
    if (!file) throw notFound('证明材料');
    await audit(downloadAudit(file, 'workstation'));
    return file;
  },
});

/** One evidence file of an application in the agency user's area (town staff: their town); every download is audited. */
export const certificationEvidenceOp = defineOperation({
  name: 'certifications.evidence',
  permission: 'certification.read',
  kind: 'read',
  input: evidenceIdSchema,
  async handler({ user, db, audit }, { id }) {
    const file = await getCertificationEvidenceFile(db, requireAreaScope(user), id);
    if (!file) throw notFound('证明材料');
    await audit(downloadAudit(file, 'agency'));
    return file;
  },
});
