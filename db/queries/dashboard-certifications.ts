import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { certifications, diseaseVersions, hospitals } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

const counts = {
  filed: sql<number>`count(*)`.mapWith(Number),
  pending: sql<number>`count(*) filter (where ${certifications.status} = 'pending')`.mapWith(Number),
  approved: sql<number>`count(*) filter (where ${certifications.status} = 'approved')`.mapWith(Number),
  rejected: sql<number>`count(*) filter (where ${certifications.status} = 'rejected')`.mapWith(Number),
  revoked: sql<number>`count(*) filter (where ${certifications.status} = 'revoked')`.mapWith(Number),
  /** Days from filing to decision, of the decided ones. */
  avgDays: sql<
    number | null
  >`avg(extract(epoch from (${certifications.decidedAt} - ${certifications.filedAt})) / 86400)`.mapWith((v) =>
    v === null ? null : Number(v),
  ),
  medianDays: sql<
    number | null
  >`percentile_cont(0.5) within group (order by extract(epoch from (${certifications.decidedAt} - ${certifications.filedAt})) / 86400)`.mapWith(
    (v) => (v === null ? null : Number(v)),
  ),
};

/**
 * Applications filed in [start, end) in the scope (the certification list's town scope, filing-date
 * and town filters): by hospital, by disease, and in total, counted by status, with the days from
 * filing to decision.
 */
export async function certificationAggregates(
  db: Executor,
  scope: AreaScope,
  townCode: string | undefined,
  start: Date,
  end: Date,
) {
  const where: SQL | undefined = and(
    townScopeCondition(certifications.townCode, scope),
    townCode ? eq(certifications.townCode, townCode) : undefined,
    gte(certifications.filedAt, start),
    lt(certifications.filedAt, end),
  );
  const [byHospital, byDisease, [totals]] = await Promise.all([
    db
      .select({ hospitalId: certifications.hospitalId, hospitalName: hospitals.name, ...counts })
      .from(certifications)
      .innerJoin(hospitals, eq(hospitals.id, certifications.hospitalId))
      .where(where)
      .groupBy(certifications.hospitalId, hospitals.name),
    db
      .select({
        diseaseCode: certifications.diseaseCode,
        // The name of the newest version among the applications (a renamed disease shows its current name).
        diseaseName: sql<string>`(array_agg(${diseaseVersions.name} order by ${diseaseVersions.effectiveFrom} desc))[1]`,
        ...counts,
      })
      .from(certifications)
      .innerJoin(diseaseVersions, eq(diseaseVersions.id, certifications.diseaseVersionId))
      .where(where)
      .groupBy(certifications.diseaseCode),
    db.select(counts).from(certifications).where(where),
  ]);
  return { byHospital, byDisease, totals };
}

/** Hospital names by id. */
export async function hospitalNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: hospitals.id, name: hospitals.name })
    .from(hospitals)
    .where(inArray(hospitals.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
