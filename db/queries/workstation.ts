import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../index';
import {
  certificationEvidence,
  certifications,
  diseaseVersions,
  enrollments,
  hospitalDiseases,
  hospitals,
  people,
  users,
} from '../schema';
import { catalogOn } from './catalog';
import { townScopeCondition } from './scope';
import type { AreaScope, HospitalScope } from '@/lib/auth/types';
import { addDays } from '@/lib/domain/calendar';
import { decisionMinutes, formatDuration } from '@/lib/domain/certification';
import { maskIdNumber } from '@/lib/domain/id-number';
import type { FilingsQuery } from '@/lib/schemas/workstation';

/** The delegations of a hospital in force on `onDate` (validFrom ≤ onDate ≤ validTo). */
export async function delegationsOn(db: Executor, hospitalId: number, onDate: string) {
  return db
    .select({
      diseaseCode: hospitalDiseases.diseaseCode,
      validFrom: hospitalDiseases.validFrom,
      validTo: hospitalDiseases.validTo,
    })
    .from(hospitalDiseases)
    .where(
      and(
        eq(hospitalDiseases.hospitalId, hospitalId),
        lte(hospitalDiseases.validFrom, onDate),
        or(isNull(hospitalDiseases.validTo), gte(hospitalDiseases.validTo, onDate)),
      ),
    )
    .orderBy(asc(hospitalDiseases.diseaseCode));
}

/** The hospital of a hospital user and the active catalog diseases delegated to it today. */
export async function getWorkstationHome(db: Executor, scope: HospitalScope, today: string) {
  const [hospital] = await db.select().from(hospitals).where(eq(hospitals.id, scope.hospitalId));
  if (!hospital) return null;
  const delegations = await delegationsOn(db, scope.hospitalId, today);
  const catalog = await catalogOn(
    db,
    today,
    delegations.map((d) => d.diseaseCode),
  );
  const validFrom = new Map(delegations.map((d) => [d.diseaseCode, d.validFrom]));
  const delegated = catalog
    .filter((d) => d.active)
    .map((d) => ({
      code: d.diseaseCode,
      name: d.name,
      kind: d.kind,
      forResident: d.forResident,
      forEmployee: d.forEmployee,
      reviewExempt: d.reviewExempt,
      validityMonths: d.validityMonths,
      validFrom: validFrom.get(d.diseaseCode)!,
    }));
  return { hospital, delegated };
}
export type WorkstationHome = NonNullable<Awaited<ReturnType<typeof getWorkstationHome>>>;

/** Exact match on the unique index people(id_number); nothing else is searchable at the workstation. */
export async function findPersonByIdNumber(db: Executor, idNumber: string) {
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      idNumber: people.idNumber,
      gender: people.gender,
      birthDate: people.birthDate,
      townCode: people.townCode,
    })
    .from(people)
    .where(eq(people.idNumber, idNumber));
  return row ?? null;
}

/** A person's id and town (the town a filing is recorded under), or null. */
export async function findPersonTown(db: Executor, personId: number): Promise<{ id: number; townCode: string } | null> {
  const [row] = await db
    .select({ id: people.id, townCode: people.townCode })
    .from(people)
    .where(eq(people.id, personId));
  return row ?? null;
}

/** The code of the hospital of a hospital scope (part of its certificate numbers). */
export async function hospitalCodeOf(db: Executor, hospitalId: number): Promise<{ code: string }> {
  const [row] = await db.select({ code: hospitals.code }).from(hospitals).where(eq(hospitals.id, hospitalId));
  return row;
}

/**
 * The person's enrollment in `year`: an active one if any (employee before resident when both),
 * otherwise a suspended/terminated one (shown, but not eligible), otherwise null (未参保).
 */
export async function enrollmentIn(db: Executor, personId: number, year: number) {
  const rows = await db
    .select({ scheme: enrollments.scheme, status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.personId, personId), eq(enrollments.year, year)));
  return (
    rows.find((e) => e.status === 'active' && e.scheme === 'employee') ??
    rows.find((e) => e.status === 'active') ??
    rows[0] ??
    null
  );
}

/** The columns of an application as the workstation shows it (lookup card, rule checks). */
export const applicationColumns = {
  id: certifications.id,
  diseaseCode: certifications.diseaseCode,
  diseaseName: diseaseVersions.name,
  status: certifications.status,
  startDate: certifications.startDate,
  endDate: certifications.endDate,
  hospitalId: certifications.hospitalId,
  hospitalName: hospitals.name,
  certificateNo: certifications.certificateNo,
};

/** Every application of the person at any hospital, newest first, with the disease name it was filed under. */
export async function certificationsOfPerson(db: Executor, personId: number, exceptId?: number) {
  return db
    .select({
      ...applicationColumns,
      filedAt: certifications.filedAt,
    })
    .from(certifications)
    .innerJoin(diseaseVersions, eq(diseaseVersions.id, certifications.diseaseVersionId))
    .innerJoin(hospitals, eq(hospitals.id, certifications.hospitalId))
    .where(and(eq(certifications.personId, personId), exceptId ? ne(certifications.id, exceptId) : undefined))
    .orderBy(desc(certifications.filedAt));
}

/** One application of the hospital (optionally locked for the decision), or null. */
export async function findHospitalCertification(db: Executor, scope: HospitalScope, id: number, lock = false) {
  const query = db
    .select()
    .from(certifications)
    .where(and(eq(certifications.id, id), eq(certifications.hospitalId, scope.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The hospital's own applications, newest first, with masked ID numbers and the time to decision. */
export async function listFilings(db: Executor, scope: HospitalScope, q: FilingsQuery) {
  const where = and(
    eq(certifications.hospitalId, scope.hospitalId),
    q.status ? eq(certifications.status, q.status) : undefined,
    q.diseaseCode ? eq(certifications.diseaseCode, q.diseaseCode) : undefined,
    q.from ? gte(certifications.filedAt, new Date(`${q.from}T00:00:00Z`)) : undefined,
    q.to ? lt(certifications.filedAt, new Date(`${addDays(q.to, 1)}T00:00:00Z`)) : undefined,
    q.q ? ilike(certifications.certificateNo, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: certifications.id,
        personName: people.name,
        idNumber: people.idNumber,
        diseaseCode: certifications.diseaseCode,
        diseaseName: diseaseVersions.name,
        icd10Code: certifications.icd10Code,
        status: certifications.status,
        certificateNo: certifications.certificateNo,
        startDate: certifications.startDate,
        endDate: certifications.endDate,
        filedAt: certifications.filedAt,
        decidedAt: certifications.decidedAt,
        rejectReason: certifications.rejectReason,
      })
      .from(certifications)
      .innerJoin(people, eq(people.id, certifications.personId))
      .innerJoin(diseaseVersions, eq(diseaseVersions.id, certifications.diseaseVersionId))
      .where(where)
      .orderBy(desc(certifications.filedAt), desc(certifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(certifications).where(where),
  ]);
  return {
    data: rows.map(({ idNumber, ...r }) => ({
      ...r,
      maskedId: maskIdNumber(idNumber),
      duration: r.decidedAt ? formatDuration(decisionMinutes(r.filedAt, r.decidedAt)) : null,
    })),
    total,
  };
}
export type FilingRow = Awaited<ReturnType<typeof listFilings>>['data'][number];

const decider = alias(users, 'decider');

/** 认定结果告知单 data: an approved or revoked application of the hospital, or null. */
export async function getCertificate(db: Executor, scope: HospitalScope, id: number) {
  const [row] = await db
    .select({
      id: certifications.id,
      status: certifications.status,
      certificateNo: certifications.certificateNo,
      personName: people.name,
      idNumber: people.idNumber,
      gender: people.gender,
      diseaseCode: certifications.diseaseCode,
      diseaseName: diseaseVersions.name,
      diseaseKind: diseaseVersions.kind,
      scheme: certifications.scheme,
      icd10Code: certifications.icd10Code,
      diagnosisText: certifications.diagnosisText,
      doctor: certifications.doctor,
      diagnosisDate: certifications.diagnosisDate,
      hospitalName: hospitals.name,
      hospitalCode: hospitals.code,
      startDate: certifications.startDate,
      endDate: certifications.endDate,
      decidedAt: certifications.decidedAt,
      decidedBy: decider.displayName,
      revokedAt: certifications.revokedAt,
      revokeReason: certifications.revokeReason,
    })
    .from(certifications)
    .innerJoin(people, eq(people.id, certifications.personId))
    .innerJoin(diseaseVersions, eq(diseaseVersions.id, certifications.diseaseVersionId))
    .innerJoin(hospitals, eq(hospitals.id, certifications.hospitalId))
    .leftJoin(decider, eq(decider.id, certifications.decidedBy))
    .where(
      and(
        eq(certifications.id, id),
        eq(certifications.hospitalId, scope.hospitalId),
        inArray(certifications.status, ['approved', 'revoked']),
      ),
    );
  if (!row) return null;
  const { idNumber, ...rest } = row;
  return { ...rest, maskedId: maskIdNumber(idNumber) };
}
export type CertificateData = NonNullable<Awaited<ReturnType<typeof getCertificate>>>;

/**
 * One evidence file of an application, if the application is the hospital's (hospital) or in the
 * area scope (agency), with the application's person (for the download's audit row).
 */
export async function getCertificationEvidenceFile(db: Executor, scope: HospitalScope | AreaScope, evidenceId: number) {
  const condition: SQL | undefined =
    scope.level === 'hospital'
      ? eq(certifications.hospitalId, scope.hospitalId)
      : townScopeCondition(certifications.townCode, scope);
  const [row] = await db
    .select({ file: certificationEvidence, personId: certifications.personId })
    .from(certificationEvidence)
    .innerJoin(certifications, eq(certifications.id, certificationEvidence.certificationId))
    .where(and(eq(certificationEvidence.id, evidenceId), condition));
  return row ? { ...row.file, personId: row.personId } : null;
}
