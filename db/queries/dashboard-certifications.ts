import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { certifications, diseaseVersions, hospitals } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';
import { shanghaiDayStart } from '@/lib/domain/shanghai-day';

/**
 * The applications filed in the year (Shanghai filing day) in the scope, one row each with what the
 * panel counts (lib/domain/certification-rollup.ts derives every town and month range from them).
 */
export function applicationsOfYear(db: Executor, scope: AreaScope, year: number) {
  const [start, end] = [shanghaiDayStart(`${year}-01-01`), shanghaiDayStart(`${year + 1}-01-01`)];
  return db
    .select({
      hospitalId: certifications.hospitalId,
      hospitalName: hospitals.name,
      diseaseCode: certifications.diseaseCode,
      diseaseName: diseaseVersions.name,
      versionFrom: diseaseVersions.effectiveFrom,
      townCode: certifications.townCode,
      month: sql<number>`extract(month from ${certifications.filedAt} at time zone 'Asia/Shanghai')::int`.mapWith(
        Number,
      ),
      status: certifications.status,
      days: sql<
        number | null
      >`extract(epoch from (${certifications.decidedAt} - ${certifications.filedAt})) / 86400`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
    })
    .from(certifications)
    .innerJoin(hospitals, eq(hospitals.id, certifications.hospitalId))
    .innerJoin(diseaseVersions, eq(diseaseVersions.id, certifications.diseaseVersionId))
    .where(
      and(
        townScopeCondition(certifications.townCode, scope),
        gte(certifications.filedAt, start),
        lt(certifications.filedAt, end),
      ),
    );
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
