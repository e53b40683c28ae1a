import { z } from 'zod';
import { catalogOn } from '@/db/queries/catalog';
import { recordRevocation } from '@/db/queries/certification-writes';
import {
  certificationDetail,
  findCertificationInScope,
  listCertifications,
  listHospitalChoices,
} from '@/db/queries/certifications';
import { listTownsInScope } from '@/db/queries/towns';
import { shanghaiDate, shanghaiDateTime } from '@/lib/domain/shanghai-day';
import { CERT_STATUS_LABELS, labelOf } from '@/lib/labels';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import { buildXlsx, type SheetColumn } from '@/lib/server/xlsx';
import { certExportQuerySchema, certIdSchema, certListQuerySchema, revokeSchema } from '@/lib/schemas/certifications';
import { requireAreaScope } from './guards';

/** At most this many rows go into one export. */
export const CERT_EXPORT_LIMIT = 50_000;

function checkFiledRange(q: { from?: string; to?: string }) {
  if (q.from && q.to && q.from > q.to) throw new OperationError(400, '申请开始日期不能晚于结束日期');
}

export const listCertificationsOp = defineOperation({
  name: 'certifications.list',
  permission: 'certification.read',
  kind: 'read',
  input: certListQuerySchema,
  handler({ user, db }, q) {
    checkFiledRange(q);
    return listCertifications(db, requireAreaScope(user), q, shanghaiDate());
  },
});

export const getCertificationOp = defineOperation({
  name: 'certifications.get',
  permission: 'certification.read',
  kind: 'read',
  input: certIdSchema,
  async handler({ user, db }, { id }) {
    const c = await findCertificationInScope(db, requireAreaScope(user), id);
    if (!c) throw notFound('认定记录');
    return certificationDetail(db, c);
  },
});

/** 撤销认定: only an approved certification, with a reason; the agency's decision is audited. */
export const revokeCertificationOp = defineOperation({
  name: 'certifications.revoke',
  permission: 'certification.revoke',
  kind: 'write',
  input: revokeSchema,
  async handler({ user, db, audit }, { id, reason }) {
    const c = await findCertificationInScope(db, requireAreaScope(user), id, true);
    if (!c) throw notFound('认定记录');
    if (c.status !== 'approved')
      throw new OperationError(409, `只能撤销“已认定”的记录，该记录当前为“${labelOf(CERT_STATUS_LABELS, c.status)}”`);
    const after = await recordRevocation(db, id, { revokeReason: reason, revokedBy: user.id, revokedAt: new Date() });
    await audit({
      action: 'certification.revoke',
      entityType: 'certification',
      entityId: id,
      personId: c.personId,
      before: { status: c.status, certificateNo: c.certificateNo, startDate: c.startDate, endDate: c.endDate },
      after: { status: after.status, revokeReason: reason, revokedAt: after.revokedAt },
    });
    return after;
  },
});

/** The choices of the list's filters: hospitals, diseases of today's catalog, towns in the caller's scope. */
export const certificationFilterOptionsOp = defineOperation({
  name: 'certifications.filterOptions',
  permission: 'certification.read',
  kind: 'read',
  input: z.object({}),
  async handler({ user, db }) {
    const [hospitalRows, catalog, towns] = await Promise.all([
      listHospitalChoices(db),
      catalogOn(db, shanghaiDate()),
      listTownsInScope(db, requireAreaScope(user)),
    ]);
    return {
      hospitals: hospitalRows,
      diseases: catalog.map((d) => ({ code: d.diseaseCode, name: d.name })),
      towns: towns.map((t) => ({ code: t.code, name: t.name })),
    };
  },
});

/** The filtered list as an .xlsx workbook (ID numbers masked); audited. */
export const exportCertificationsOp = defineOperation({
  name: 'certifications.export',
  permission: 'certification.read',
  kind: 'read', // its only write is the audit row: one statement, no transaction needed
  input: certExportQuerySchema,
  async handler({ user, db, audit }, q) {
    checkFiledRange(q);
    const { data, total } = await listCertifications(
      db,
      requireAreaScope(user),
      { ...q, page: 1, pageSize: CERT_EXPORT_LIMIT },
      shanghaiDate(),
    );
    type Row = (typeof data)[number];
    const columns: SheetColumn<Row>[] = [
      { header: '告知单编号', width: 30, value: (r) => r.certificateNo ?? '' },
      { header: '姓名', width: 10, value: (r) => r.personName },
      { header: '身份证号', width: 22, value: (r) => r.maskedId },
      { header: '镇街', width: 14, value: (r) => r.townName },
      { header: '认定医院', width: 20, value: (r) => r.hospitalName },
      { header: '病种', width: 28, value: (r) => r.diseaseName },
      { header: '状态', width: 10, value: (r) => labelOf(CERT_STATUS_LABELS, r.status) },
      { header: '申请时间', width: 18, value: (r) => shanghaiDateTime(r.filedAt) },
      { header: '决定时间', width: 18, value: (r) => shanghaiDateTime(r.decidedAt) },
      { header: '办理时长', width: 18, value: (r) => r.decisionTime ?? '' },
      { header: '开始日期', width: 12, value: (r) => r.startDate ?? '' },
      { header: '结束日期', width: 12, value: (r) => (r.startDate ? (r.endDate ?? '长期（免复审）') : '') },
      { header: '不予认定/撤销原因', width: 30, value: (r) => r.revokeReason ?? r.rejectReason ?? '' },
    ];
    const footer =
      total > data.length ? `共 ${total} 条，仅导出前 ${data.length} 条，请缩小筛选范围后再导出` : undefined;
    const content = await buildXlsx('慢特病认定', columns, data, footer);
    await audit({
      action: 'export.certifications',
      entityType: 'certification',
      after: { filters: q, rows: data.length, total },
    });
    return { content, rows: data.length, total };
  },
});
