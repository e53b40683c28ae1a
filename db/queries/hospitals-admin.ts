import { and, asc, count, desc, eq, gte, ilike, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { districts, hospitalDiseases, hospitals } from '../schema';
import { escapeLike } from './users';

/** Delegations in force on a date (validFrom ≤ date ≤ validTo), as in delegationsOn. */
const inForceOn = (onDate: string) =>
  and(
    lte(hospitalDiseases.validFrom, onDate),
    or(isNull(hospitalDiseases.validTo), gte(hospitalDiseases.validTo, onDate)),
  );

export async function listHospitals(
  db: Executor,
  q: { page: number; pageSize: number; q?: string; level?: 'level1' | 'level2' | 'level3'; active?: boolean },
  today: string,
) {
  const where: SQL[] = [];
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(hospitals.code, pattern), ilike(hospitals.name, pattern))!);
  }
  if (q.level) where.push(eq(hospitals.level, q.level));
  if (q.active !== undefined) where.push(eq(hospitals.active, q.active));
  const cond = where.length ? and(...where) : undefined;
  const delegated = db
    .select({ hospitalId: hospitalDiseases.hospitalId, n: count().as('n') })
    .from(hospitalDiseases)
    .where(inForceOn(today))
    .groupBy(hospitalDiseases.hospitalId)
    .as('delegated');
  const [data, [{ total }]] = await Promise.all([
    db
      .select({
        id: hospitals.id,
        code: hospitals.code,
        name: hospitals.name,
        level: hospitals.level,
        districtCode: hospitals.districtCode,
        districtName: districts.name,
        active: hospitals.active,
        delegatedToday: sql<number>`coalesce(${delegated.n}, 0)::int`,
      })
      .from(hospitals)
      .leftJoin(districts, eq(districts.code, hospitals.districtCode))
      .leftJoin(delegated, eq(delegated.hospitalId, hospitals.id))
      .where(cond)
      .orderBy(asc(hospitals.code))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(hospitals).where(cond),
  ]);
  return { data, total };
}

export type HospitalListRow = Awaited<ReturnType<typeof listHospitals>>['data'][number];

/** One hospital with its district's name; `forUpdate` locks the row (grants and edits of one hospital queue up). */
export async function getHospital(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ hospital: hospitals, districtName: districts.name })
    .from(hospitals)
    .leftJoin(districts, eq(districts.code, hospitals.districtCode))
    .where(eq(hospitals.id, id));
  const [row] = options.forUpdate ? await query.for('update', { of: hospitals }) : await query;
  return row ? { ...row.hospital, districtName: row.districtName } : null;
}

export async function hospitalCodeTaken(db: Executor, code: string, exceptId?: number): Promise<boolean> {
  const cond = eq(hospitals.code, code);
  const [row] = await db
    .select({ id: hospitals.id })
    .from(hospitals)
    .where(exceptId == null ? cond : and(cond, ne(hospitals.id, exceptId)))
    .limit(1);
  return !!row;
}

type HospitalValues = { code: string; name: string; level: 'level1' | 'level2' | 'level3'; districtCode: string };

/** Inserts a hospital; null when its code is taken (also by a concurrent insert). */
export async function insertHospital(db: Executor, values: HospitalValues) {
  const [row] = await db.insert(hospitals).values(values).onConflictDoNothing({ target: hospitals.code }).returning();
  return row ?? null;
}

export async function updateHospital(db: Executor, id: number, values: Partial<HospitalValues> & { active?: boolean }) {
  const [row] = await db.update(hospitals).set(values).where(eq(hospitals.id, id)).returning();
  return row;
}

/** Every delegation of a hospital, past, current and scheduled; latest start first within a disease. */
export function hospitalDelegations(db: Executor, hospitalId: number, diseaseCode?: string) {
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
        diseaseCode ? eq(hospitalDiseases.diseaseCode, diseaseCode) : undefined,
      ),
    )
    .orderBy(asc(hospitalDiseases.diseaseCode), desc(hospitalDiseases.validFrom));
}

export async function insertDelegation(
  db: Executor,
  values: { hospitalId: number; diseaseCode: string; validFrom: string; validTo: string | null },
) {
  const [row] = await db.insert(hospitalDiseases).values(values).returning();
  return row;
}

/** Deletes one delegation (the caller checked that it has not started). */
export async function deleteDelegation(
  db: Executor,
  key: { hospitalId: number; diseaseCode: string; validFrom: string },
) {
  const [row] = await db
    .delete(hospitalDiseases)
    .where(
      and(
        eq(hospitalDiseases.hospitalId, key.hospitalId),
        eq(hospitalDiseases.diseaseCode, key.diseaseCode),
        eq(hospitalDiseases.validFrom, key.validFrom),
      ),
    )
    .returning();
  return row;
}

export async function setDelegationEnd(
  db: Executor,
  key: { hospitalId: number; diseaseCode: string; validFrom: string },
  validTo: string,
) {
  const [row] = await db
    .update(hospitalDiseases)
    .set({ validTo })
    .where(
      and(
        eq(hospitalDiseases.hospitalId, key.hospitalId),
        eq(hospitalDiseases.diseaseCode, key.diseaseCode),
        eq(hospitalDiseases.validFrom, key.validFrom),
      ),
    )
    .returning();
  return row;
}
