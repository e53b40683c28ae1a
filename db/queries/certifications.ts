import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, sql, type AnyColumn } from 'drizzle-orm';
import type { Executor } from '../index';
import {
  certificationEvidence,
  certifications,
  diseaseVersions,
  hospitals,
  people,
  towns,
  users,
  type Certification,
} from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';
import { addDays } from '@/lib/domain/calendar';
import { decisionMinutes, formatDuration } from '@/lib/domain/certification';
import { birthYearOf, maskIdNumber } from '@/lib/domain/id-number';
import { shanghaiDayRange, shanghaiDayStart } from '@/lib/domain/shanghai-day';
import type { CertListQuery, CertSortKey } from '@/lib/schemas/certifications';

const SORT_COLUMNS: Record<CertSortKey, AnyColumn> = {
  filedAt: certifications.filedAt,
  decidedAt: certifications.decidedAt,
  endDate: certifications.endDate,
};

/** Time from filing to decision, as minutes and as text ('即时办理（5 分钟）'); null while pending. */
export function decisionTime(c: { filedAt: Date; decidedAt: Date | null }) {
  if (!c.decidedAt) return { decisionMinutes: null, decisionTime: null };
  const minutes = decisionMinutes(c.filedAt, c.decidedAt);
  return { decisionMinutes: minutes, decisionTime: formatDuration(minutes) };
}

/** The filters of the agency's list as one condition (town scope always applies). */
function listCondition(scope: AreaScope, q: Omit<CertListQuery, 'page' | 'pageSize'>, today: string) {
  return and(
    townScopeCondition(certifications.townCode, scope),
    q.hospitalId ? eq(certifications.hospitalId, q.hospitalId) : undefined,
    q.diseaseCode ? eq(certifications.diseaseCode, q.diseaseCode) : undefined,
    q.status ? eq(certifications.status, q.status) : undefined,
    q.townCode ? eq(certifications.townCode, q.townCode) : undefined,
    q.from ? gte(certifications.filedAt, shanghaiDayStart(q.from)) : undefined,
    q.to ? lt(certifications.filedAt, shanghaiDayRange(q.to, q.to).end) : undefined,
    q.dueWithinDays !== undefined
      ? and(
          eq(certifications.status, 'approved'),
          isNotNull(certifications.endDate),
          gte(certifications.endDate, today),
          lte(certifications.endDate, addDays(today, q.dueWithinDays)),
        )
      : undefined,
  );
}

/** One page of certifications in the scope, with masked ID numbers and the decision time. */
export async function listCertifications(
  db: Executor,
  scope: AreaScope,
  q: Omit<CertListQuery, 'page' | 'pageSize'> & { page: number; pageSize: number },
  today: string,
) {
  const where = listCondition(scope, q, today);
  const sortKey = q.sort ?? (q.dueWithinDays !== undefined ? 'endDate' : 'filedAt');
  const order = q.order ?? (q.sort || q.dueWithinDays !== undefined ? 'asc' : 'desc');
  const column = SORT_COLUMNS[sortKey];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: certifications.id,
        certificateNo: certifications.certificateNo,
        status: certifications.status,
        personId: certifications.personId,
        personName: people.name,
        idNumber: people.idNumber,
        townCode: certifications.townCode,
        townName: towns.name,
        hospitalId: certifications.hospitalId,
        hospitalName: hospitals.name,
        diseaseCode: certifications.diseaseCode,
        diseaseName: diseaseVersions.name,
        filedAt: certifications.filedAt,
        decidedAt: certifications.decidedAt,
        startDate: certifications.startDate,
        endDate: certifications.endDate,
        rejectReason: certifications.rejectReason,
        revokeReason: certifications.revokeReason,
      })
      .from(certifications)
      .innerJoin(people, eq(people.id, certifications.personId))
      .innerJoin(towns, eq(towns.code, certifications.townCode))
      .innerJoin(hospitals, eq(hospitals.id, certifications.hospitalId))
      .innerJoin(diseaseVersions, eq(diseaseVersions.id, certifications.diseaseVersionId))
      .where(where)
      .orderBy(
        order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`,
        order === 'asc' ? asc(certifications.id) : desc(certifications.id),
      )
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(certifications).where(where),
  ]);
  return {
    data: rows.map(({ idNumber, ...r }) => ({ ...r, maskedId: maskIdNumber(idNumber), ...decisionTime(r) })),
    total,
  };
}
export type CertRow = Awaited<ReturnType<typeof listCertifications>>['data'][number];

/** One certification if it is in the scope (a town-scoped user's other towns → null). */
export async function findCertificationInScope(
  db: Executor,
  scope: AreaScope,
  id: number,
  lock = false,
): Promise<Certification | null> {
  const query = db
    .select()
    .from(certifications)
    .where(and(eq(certifications.id, id), townScopeCondition(certifications.townCode, scope)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Every hospital (id, code, name) by code: the choices of the list's hospital filter. */
export function listHospitalChoices(db: Executor) {
  return db
    .select({ id: hospitals.id, code: hospitals.code, name: hospitals.name })
    .from(hospitals)
    .orderBy(asc(hospitals.code));
}

/** Everything the agency's detail drawer shows about one certification. */
export async function certificationDetail(db: Executor, c: Certification) {
  const userIds = [c.filedBy, c.decidedBy, c.revokedBy].filter((v): v is number => v !== null);
  const [[person], [town], [hospital], [version], names, evidence] = await Promise.all([
    db
      .select({
        id: people.id,
        name: people.name,
        idNumber: people.idNumber,
        gender: people.gender,
        birthDate: people.birthDate,
      })
      .from(people)
      .where(eq(people.id, c.personId)),
    db.select({ name: towns.name }).from(towns).where(eq(towns.code, c.townCode)),
    db
      .select({ id: hospitals.id, code: hospitals.code, name: hospitals.name, level: hospitals.level })
      .from(hospitals)
      .where(eq(hospitals.id, c.hospitalId)),
    db.select().from(diseaseVersions).where(eq(diseaseVersions.id, c.diseaseVersionId)),
    db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, userIds)),
    db
      .select({
        id: certificationEvidence.id,
        fileName: certificationEvidence.fileName,
        mimeType: certificationEvidence.mimeType,
        sizeBytes: certificationEvidence.sizeBytes,
        uploadedAt: certificationEvidence.uploadedAt,
      })
      .from(certificationEvidence)
      .where(eq(certificationEvidence.certificationId, c.id))
      .orderBy(asc(certificationEvidence.id)),
  ]);
  const nameOf = (id: number | null) => names.find((u) => u.id === id)?.displayName ?? null;
  const { idNumber, birthDate, ...rest } = person;
  return {
    certification: c,
    // The birth year, not the date: beside the masked ID the date would give the number back.
    person: { ...rest, maskedId: maskIdNumber(idNumber), birthYear: birthYearOf(birthDate) },
    townName: town?.name ?? c.townCode,
    hospital,
    disease: {
      code: version.diseaseCode,
      name: version.name,
      kind: version.kind,
      versionId: version.id,
      effectiveFrom: version.effectiveFrom,
      reviewExempt: version.reviewExempt,
      validityMonths: version.validityMonths,
    },
    filedByName: nameOf(c.filedBy),
    decidedByName: nameOf(c.decidedBy),
    revokedByName: nameOf(c.revokedBy),
    evidence: evidence.map((e) => ({ ...e, url: `/api/certifications/evidence/${e.id}` })),
    ...decisionTime(c),
  };
}
