/**
 * 一站式结算 stays. Reads take the caller's scope: agency users by the person's town
 * (townScopeCondition), hospital staff by the treating hospital. The year-to-date reads
 * (savedStaysOfYear) are unscoped on purpose: a person's year is one chain whatever the hospital —
 * the operations show other hospitals' stays only as figures.
 */
import { and, asc, count, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { AreaScope, HospitalScope } from '@/lib/auth/types';
import type { Executor } from '../index';
import {
  assistanceRecords as ar,
  hospitals,
  people,
  settlementStays as ss,
  towns,
  type NewSettlementStay,
} from '../schema';
import { districtScopeCondition, townScopeCondition } from './scope';

export type SettlementScope = AreaScope | HospitalScope;

function stayScope(scope: SettlementScope): SQL | undefined {
  return scope.level === 'hospital' ? eq(ss.hospitalId, scope.hospitalId) : townScopeCondition(ss.townCode, scope);
}

/** Serializes every change of one person's year (save, correct, cancel) until the transaction ends. */
export async function lockPersonYear(db: Executor, personId: number, year: number) {
  await db.execute(sql`select pg_advisory_xact_lock(${personId}, ${year})`);
}

/** The person's saved stays of a year in settlement order (date, then id), with the hospital's name. */
export async function savedStaysOfYear(db: Executor, personId: number, year: number) {
  return db
    .select({ stay: ss, hospitalName: hospitals.name })
    .from(ss)
    .innerJoin(hospitals, eq(hospitals.id, ss.hospitalId))
    .where(and(eq(ss.personId, personId), eq(ss.year, year), eq(ss.status, 'saved')))
    .orderBy(asc(ss.settlementDate), asc(ss.id));
}
export type SavedStay = Awaited<ReturnType<typeof savedStaysOfYear>>[number];

export async function insertStay(db: Executor, values: NewSettlementStay) {
  const [row] = await db.insert(ss).values(values).returning();
  return row;
}

export async function updateStay(db: Executor, id: number, values: Partial<NewSettlementStay>) {
  const [row] = await db
    .update(ss)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(ss.id, id))
    .returning();
  return row;
}

/** Cancels a saved stay; false when it was no longer saved. */
export async function cancelStayRow(db: Executor, id: number, reason: string, userId: number) {
  const rows = await db
    .update(ss)
    .set({ status: 'cancelled', cancelReason: reason, updatedBy: userId, updatedAt: new Date() })
    .where(and(eq(ss.id, id), eq(ss.status, 'saved')))
    .returning({ id: ss.id });
  return rows.length === 1;
}

const stayColumns = {
  stay: ss,
  personName: people.name,
  idNumber: people.idNumber,
  birthDate: people.birthDate,
  gender: people.gender,
  townName: towns.name,
  hospitalName: hospitals.name,
  hospitalCode: hospitals.code,
};

/** One stay in the caller's scope, with its person, town and hospital; null when none or out of scope. */
export async function stayInScope(db: Executor, scope: SettlementScope, id: number) {
  const [row] = await db
    .select(stayColumns)
    .from(ss)
    .innerJoin(people, eq(people.id, ss.personId))
    .innerJoin(towns, eq(towns.code, ss.townCode))
    .innerJoin(hospitals, eq(hospitals.id, ss.hospitalId))
    .where(and(eq(ss.id, id), stayScope(scope)));
  return row ?? null;
}

export interface StayFilter {
  year?: number;
  status?: 'saved' | 'cancelled';
  personId?: number;
  hospitalId?: number;
  name?: string;
}

/** A page of stays in scope, newest first, and the total. */
export async function listStays(db: Executor, scope: SettlementScope, f: StayFilter, page: number, pageSize: number) {
  const where = and(
    stayScope(scope),
    f.year ? eq(ss.year, f.year) : undefined,
    f.status ? eq(ss.status, f.status) : undefined,
    f.personId ? eq(ss.personId, f.personId) : undefined,
    f.hospitalId ? eq(ss.hospitalId, f.hospitalId) : undefined,
    f.name ? ilike(people.name, `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const [data, [{ total }]] = await Promise.all([
    db
      .select(stayColumns)
      .from(ss)
      .innerJoin(people, eq(people.id, ss.personId))
      .innerJoin(towns, eq(towns.code, ss.townCode))
      .innerJoin(hospitals, eq(hospitals.id, ss.hospitalId))
      .where(where)
      .orderBy(desc(ss.settlementDate), desc(ss.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(ss).innerJoin(people, eq(people.id, ss.personId)).where(where),
  ]);
  return { data, total };
}

/** The hospitals a caller may settle at: their own (hospital staff), their district's, or all. */
export async function settlementHospitals(db: Executor, scope: SettlementScope) {
  const where =
    scope.level === 'hospital'
      ? eq(hospitals.id, scope.hospitalId)
      : districtScopeCondition(hospitals.districtCode, scope);
  return db
    .select({ id: hospitals.id, code: hospitals.code, name: hospitals.name, level: hospitals.level })
    .from(hospitals)
    .where(and(eq(hospitals.active, true), where))
    .orderBy(asc(hospitals.code));
}

export async function hospitalById(db: Executor, id: number) {
  const [row] = await db.select().from(hospitals).where(eq(hospitals.id, id));
  return row ?? null;
}

/**
 * Imported 住院 settlement records of the person and year that stand and no saved stay used yet
 * (to fill the form); hospital staff see only their own hospital's (by institution code).
 */
export async function importedSettlementsOf(db: Executor, scope: SettlementScope, personId: number, year: number) {
  const own =
    scope.level === 'hospital'
      ? sql`${ar.institutionCode} = (select code from hospitals where id = ${scope.hospitalId})`
      : townScopeCondition(ar.townCode, scope);
  return db
    .select({
      settlementId: ar.settlementId,
      settlementDate: ar.settlementDate,
      institutionCode: ar.institutionCode,
      institutionName: ar.institutionName,
      totalFen: ar.totalFen,
      policyRangeFen: ar.policyRangeFen,
      hospitalId: hospitals.id,
      hospitalLevel: hospitals.level,
    })
    .from(ar)
    .leftJoin(hospitals, eq(hospitals.code, ar.institutionCode))
    .where(
      and(
        eq(ar.personId, personId),
        eq(ar.year, year),
        eq(ar.source, 'import'),
        eq(ar.kind, 'settlement'),
        eq(ar.medType, 'inpatient'),
        sql`${ar.reversedById} is null`,
        sql`not exists (select 1 from settlement_stays s where s.source_settlement_id = ${ar.settlementId} and s.status = 'saved')`,
        own,
      ),
    )
    .orderBy(asc(ar.settlementDate))
    .limit(50);
}

/** How many assistance records (settlements and reversals) a stay has had: the next settlement id's number. */
export async function stayRecordCount(db: Executor, stayId: number) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(ar)
    .where(sql`${ar.settlementId} like ${`STL-${stayId}-%`} or ${ar.settlementId} = ${`STL-${stayId}`}`);
  return n;
}

/** Every saved stay of a year (the policy preview settles them all again), in settlement order per person. */
export async function savedStaysOfWholeYear(db: Executor, year: number) {
  return db
    .select()
    .from(ss)
    .where(and(eq(ss.year, year), eq(ss.status, 'saved')))
    .orderBy(asc(ss.personId), asc(ss.settlementDate), asc(ss.id));
}

/** The person's resident-scheme tier of the year (1 一档 / 2 二档), null when not enrolled in it. */
export async function residentTierOf(db: Executor, personId: number, year: number): Promise<1 | 2 | null> {
  const rows = await db.execute<{ tier: string | null }>(
    sql`select tier from enrollments where person_id = ${personId} and year = ${year} and scheme = 'resident' order by (status = 'active') desc limit 1`,
  );
  const tier = rows[0]?.tier;
  return tier === 'tier2' ? 2 : tier === 'tier1' ? 1 : null;
}
