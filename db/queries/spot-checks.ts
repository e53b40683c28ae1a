import { and, asc, desc, eq, gte, inArray, lt, sql, type Column, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import {
  certifications,
  diseaseVersions,
  hospitals,
  people,
  spotCheckItems,
  spotChecks,
  towns,
  users,
  type Hospital,
  type SpotCheck,
} from '../schema';
import { decisionTime } from './certifications';
import { districtScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';
import { maskIdNumber } from '@/lib/domain/id-number';
import { complianceOf, complianceRate, type Compliance } from '@/lib/domain/sampling';
import { shanghaiDayRange } from '@/lib/domain/shanghai-day';

export type SpotCheckItem = typeof spotCheckItems.$inferSelect;

/** One hospital if it is in the scope (its district), else null. */
export async function findHospitalInScope(
  db: Executor,
  scope: AreaScope,
  hospitalId: number,
): Promise<Hospital | null> {
  const [row] = await db
    .select()
    .from(hospitals)
    .where(and(eq(hospitals.id, hospitalId), districtScopeCondition(hospitals.districtCode, scope)));
  return row ?? null;
}

export async function insertSpotCheck(db: Executor, values: typeof spotChecks.$inferInsert): Promise<SpotCheck> {
  const [row] = await db.insert(spotChecks).values(values).returning();
  return row;
}

export async function insertSpotCheckItems(db: Executor, items: (typeof spotCheckItems.$inferInsert)[]): Promise<void> {
  await db.insert(spotCheckItems).values(items);
}

/** One sampled decision of a spot check in the scope, locked for its verdict (only the item row), with its person; else null. */
export async function lockSpotCheckItemInScope(
  db: Executor,
  scope: AreaScope,
  spotCheckId: number,
  certificationId: number,
) {
  const [row] = await db
    .select({ item: spotCheckItems, personId: certifications.personId })
    .from(spotCheckItems)
    .innerJoin(certifications, eq(certifications.id, spotCheckItems.certificationId))
    .innerJoin(hospitals, eq(hospitals.id, certifications.hospitalId))
    .where(
      and(
        eq(spotCheckItems.spotCheckId, spotCheckId),
        eq(spotCheckItems.certificationId, certificationId),
        districtScopeCondition(hospitals.districtCode, scope),
      ),
    )
    .for('update', { of: spotCheckItems });
  return row ?? null;
}

/** Records the verdict on one sampled decision (the caller has locked it); returns the item after. */
export async function recordVerdict(
  db: Executor,
  spotCheckId: number,
  certificationId: number,
  verdict: Pick<SpotCheckItem, 'verdict' | 'note' | 'decidedBy' | 'decidedAt'>,
): Promise<SpotCheckItem> {
  const [row] = await db
    .update(spotCheckItems)
    .set(verdict)
    .where(and(eq(spotCheckItems.spotCheckId, spotCheckId), eq(spotCheckItems.certificationId, certificationId)))
    .returning();
  return row;
}

/** A hospital's decisions (approved, rejected or revoked) decided on the Shanghai days from..to. */
export function decidedPopulation(db: Executor, hospitalId: number, from: string, to: string) {
  const { start, end } = shanghaiDayRange(from, to);
  return db
    .select({ id: certifications.id })
    .from(certifications)
    .where(
      and(
        eq(certifications.hospitalId, hospitalId),
        inArray(certifications.status, ['approved', 'rejected', 'revoked']),
        gte(certifications.decidedAt, start),
        lt(certifications.decidedAt, end),
      ),
    );
}

/** Sampled decisions and verdict counts, grouped by `key` (counted in SQL). */
function verdictCounts<K extends SQL | Column>(key: K) {
  return {
    key,
    sampled: sql<number>`count(*)`.mapWith(Number),
    compliant: sql<number>`count(*) filter (where ${spotCheckItems.verdict} = 'compliant')`.mapWith(Number),
    nonCompliant: sql<number>`count(*) filter (where ${spotCheckItems.verdict} = 'non_compliant')`.mapWith(Number),
  };
}

/** Compliance over every verdict recorded in the spot checks of each hospital in scope (or of one). */
export async function hospitalCompliance(
  db: Executor,
  scope: AreaScope,
  hospitalId?: number,
): Promise<Map<number, Compliance>> {
  const rows = await db
    .select(verdictCounts(spotChecks.hospitalId))
    .from(spotCheckItems)
    .innerJoin(spotChecks, eq(spotChecks.id, spotCheckItems.spotCheckId))
    .innerJoin(hospitals, eq(hospitals.id, spotChecks.hospitalId))
    .where(
      and(
        hospitalId ? eq(spotChecks.hospitalId, hospitalId) : undefined,
        districtScopeCondition(hospitals.districtCode, scope),
      ),
    )
    .groupBy(spotChecks.hospitalId);
  return new Map(rows.map((r) => [r.key, complianceOf(r)]));
}

/** Every spot check of the hospitals in scope, newest first, with its own and its hospital's compliance. */
export async function listSpotChecks(db: Executor, scope: AreaScope) {
  const [rows, verdicts, byHospital] = await Promise.all([
    db
      .select({
        id: spotChecks.id,
        hospitalId: spotChecks.hospitalId,
        hospitalName: hospitals.name,
        periodFrom: spotChecks.periodFrom,
        periodTo: spotChecks.periodTo,
        percent: spotChecks.percent,
        count: spotChecks.count,
        populationSize: spotChecks.populationSize,
        seed: spotChecks.seed,
        createdByName: users.displayName,
        createdAt: spotChecks.createdAt,
      })
      .from(spotChecks)
      .innerJoin(hospitals, eq(hospitals.id, spotChecks.hospitalId))
      .innerJoin(users, eq(users.id, spotChecks.createdBy))
      .where(districtScopeCondition(hospitals.districtCode, scope))
      .orderBy(desc(spotChecks.createdAt), desc(spotChecks.id)),
    db
      .select(verdictCounts(spotCheckItems.spotCheckId))
      .from(spotCheckItems)
      .innerJoin(spotChecks, eq(spotChecks.id, spotCheckItems.spotCheckId))
      .innerJoin(hospitals, eq(hospitals.id, spotChecks.hospitalId))
      .where(districtScopeCondition(hospitals.districtCode, scope))
      .groupBy(spotCheckItems.spotCheckId),
    hospitalCompliance(db, scope),
  ]);
  const own = new Map(verdicts.map((v) => [v.key, v]));
  const none = { sampled: 0, compliant: 0, nonCompliant: 0 };
  const data = rows.map((r) => {
    const counts = own.get(r.id) ?? none;
    return {
      ...r,
      sampleSize: counts.sampled,
      compliance: complianceOf(counts),
      hospitalCompliance: byHospital.get(r.hospitalId)!,
    };
  });
  const hospitalSummary = [...byHospital].map(([hospitalId, c]) => ({
    hospitalId,
    hospitalName: rows.find((r) => r.hospitalId === hospitalId)!.hospitalName,
    ...c,
  }));
  return { data, hospitals: hospitalSummary.sort((a, b) => a.hospitalId - b.hospitalId) };
}

/** One spot check in scope: the draw, the sampled decisions with their verdicts, and both compliance rates. */
export async function spotCheckDetail(db: Executor, scope: AreaScope, id: number) {
  const [draw] = await db
    .select({
      spotCheck: spotChecks,
      hospitalName: hospitals.name,
      hospitalCode: hospitals.code,
      createdByName: users.displayName,
    })
    .from(spotChecks)
    .innerJoin(hospitals, eq(hospitals.id, spotChecks.hospitalId))
    .innerJoin(users, eq(users.id, spotChecks.createdBy))
    .where(and(eq(spotChecks.id, id), districtScopeCondition(hospitals.districtCode, scope)));
  if (!draw) return null;
  const [items, byHospital] = await Promise.all([
    db
      .select({
        certificationId: certifications.id,
        certificateNo: certifications.certificateNo,
        status: certifications.status,
        personName: people.name,
        idNumber: people.idNumber,
        townName: towns.name,
        diseaseName: diseaseVersions.name,
        icd10Code: certifications.icd10Code,
        diagnosisText: certifications.diagnosisText,
        filedAt: certifications.filedAt,
        decidedAt: certifications.decidedAt,
        rejectReason: certifications.rejectReason,
        verdict: spotCheckItems.verdict,
        note: spotCheckItems.note,
        verdictAt: spotCheckItems.decidedAt,
        verdictByName: users.displayName,
      })
      .from(spotCheckItems)
      .innerJoin(certifications, eq(certifications.id, spotCheckItems.certificationId))
      .innerJoin(people, eq(people.id, certifications.personId))
      .innerJoin(towns, eq(towns.code, certifications.townCode))
      .innerJoin(diseaseVersions, eq(diseaseVersions.id, certifications.diseaseVersionId))
      .leftJoin(users, eq(users.id, spotCheckItems.decidedBy))
      .where(eq(spotCheckItems.spotCheckId, id))
      .orderBy(asc(certifications.id)),
    hospitalCompliance(db, scope, draw.spotCheck.hospitalId),
  ]);
  return {
    ...draw,
    items: items.map(({ idNumber, ...r }) => ({ ...r, maskedId: maskIdNumber(idNumber), ...decisionTime(r) })),
    compliance: complianceRate(items.map((i) => i.verdict)),
    hospitalCompliance: byHospital.get(draw.spotCheck.hospitalId) ?? complianceRate([]),
  };
}
