/**
 * Certification fixtures: applications and decisions inserted directly (not through the
 * workstation), for tests of the agency view, spot checks and scope.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { certifications, enrollments, hospitals, people, users, type Certification } from '@/db/schema';
import { diseaseOn } from '@/db/queries/catalog';
import { certificationPeriod } from '@/lib/domain/certification';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

let serial = 0;

/** Hospital id by demo code (H37100300001 = 威海市中心医院 … H37100300006 = 精神卫生中心). */
export async function hospitalIdOf(db: Db, code: string): Promise<number> {
  const [h] = await db.select({ id: hospitals.id }).from(hospitals).where(eq(hospitals.code, code));
  if (!h) throw new Error(`no hospital ${code}`);
  return h.id;
}

/** A person enrolled (resident) in `year`, optionally in a given town. */
export async function enrolledPerson(
  db: Db,
  year: number,
  townCode?: string,
): Promise<{ id: number; idNumber: string; townCode: string }> {
  const [p] = await db
    .select({ id: people.id, idNumber: people.idNumber, townCode: people.townCode })
    .from(people)
    .innerJoin(
      enrollments,
      and(eq(enrollments.personId, people.id), eq(enrollments.year, year), eq(enrollments.scheme, 'resident')),
    )
    .where(townCode ? eq(people.townCode, townCode) : undefined)
    .orderBy(sql`random()`)
    .limit(1);
  if (!p) throw new Error(`no person enrolled in ${year}${townCode ? ` in ${townCode}` : ''}`);
  return p;
}

/**
 * Inserts one certification as filed by the hospital's first user and, unless pending, decided
 * `minutes` after filing. Approved/revoked ones get a period from the catalog.
 */
export async function insertCertification(
  db: Db,
  o: {
    personId: number;
    hospitalId: number;
    diseaseCode: string;
    status?: Certification['status'];
    filedAt?: Date;
    minutes?: number;
    startDate?: string;
  },
): Promise<Certification> {
  const status = o.status ?? 'approved';
  const filedAt = o.filedAt ?? new Date();
  const startDate = o.startDate ?? shanghaiDate(filedAt);
  const version = await diseaseOn(db, o.diseaseCode, startDate);
  if (!version) throw new Error(`no catalog version of ${o.diseaseCode} on ${startDate}`);
  const [person] = await db.select({ townCode: people.townCode }).from(people).where(eq(people.id, o.personId));
  const [filer] = await db.select({ id: users.id }).from(users).limit(1);
  const decided = status !== 'pending';
  const period = status === 'approved' || status === 'revoked' ? certificationPeriod(startDate, version) : null;
  const [row] = await db
    .insert(certifications)
    .values({
      personId: o.personId,
      townCode: person.townCode,
      hospitalId: o.hospitalId,
      diseaseCode: o.diseaseCode,
      diseaseVersionId: version.id,
      scheme: 'resident',
      icd10Code: 'E11.9',
      diagnosisText: '2型糖尿病',
      doctor: '王医生',
      diagnosisDate: startDate,
      status,
      filedBy: filer.id,
      filedAt,
      decidedBy: decided ? filer.id : null,
      decidedAt: decided ? new Date(filedAt.getTime() + (o.minutes ?? 5) * 60_000) : null,
      certificateNo: period ? `MT-TEST-${Date.now()}-${++serial}` : null,
      startDate: period?.startDate ?? null,
      endDate: period?.endDate ?? null,
      rejectReason: status === 'rejected' ? '不符合准入标准' : null,
      revokeReason: status === 'revoked' ? '材料不实' : null,
      revokedBy: status === 'revoked' ? filer.id : null,
      revokedAt: status === 'revoked' ? new Date() : null,
    })
    .returning();
  return row;
}
