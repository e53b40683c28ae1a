import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { enrollments, people, populationTargets, towns, townYearCoverage } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

/** The towns of the scope (and of the town filter), by code: every panel's town axis. */
export function dashboardTowns(db: Executor, scope: AreaScope, townCode: string | undefined) {
  return db
    .select({ code: towns.code, name: towns.name })
    .from(towns)
    .where(and(townScopeCondition(towns.code, scope), townCode ? eq(towns.code, townCode) : undefined))
    .orderBy(asc(towns.code));
}

/**
 * Per town of the scope: people with an active enrollment in the year (resident, employee, both —
 * the registry's exact counters, the same the person list's total comes from), the year's
 * population and targets (null when not entered), and 扩面: people with an active enrollment in the
 * year and none the year before (by the person's town). Selects only (no execute): the read
 * client sends selects to the replica.
 */
export async function coverageByTown(db: Executor, scope: AreaScope, year: number, townCode: string | undefined) {
  const where = and(townScopeCondition(towns.code, scope), townCode ? eq(towns.code, townCode) : undefined);
  const [rows, expansion] = await Promise.all([
    db
      .select({
        townCode: towns.code,
        townName: towns.name,
        resident: sql<number>`coalesce(${townYearCoverage.resident}, 0)`.mapWith(Number),
        employee: sql<number>`coalesce(${townYearCoverage.employee}, 0)`.mapWith(Number),
        both: sql<number>`coalesce(${townYearCoverage.bothSchemes}, 0)`.mapWith(Number),
        residentPopulation: populationTargets.residentPopulation,
        insuredTarget: populationTargets.insuredTarget,
        expansionTarget: populationTargets.expansionTarget,
      })
      .from(towns)
      .leftJoin(townYearCoverage, and(eq(townYearCoverage.townCode, towns.code), eq(townYearCoverage.year, year)))
      .leftJoin(populationTargets, and(eq(populationTargets.townCode, towns.code), eq(populationTargets.year, year)))
      .where(where)
      .orderBy(asc(towns.code)),
    db
      .select({ townCode: people.townCode, n: sql<number>`count(distinct ${enrollments.personId})`.mapWith(Number) })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.personId))
      .where(
        and(
          eq(enrollments.year, year),
          eq(enrollments.status, 'active'),
          sql`not exists (select 1 from enrollments e0 where e0.person_id = ${enrollments.personId} and e0.year = ${year - 1} and e0.status = 'active')`,
          townScopeCondition(people.townCode, scope),
          townCode ? eq(people.townCode, townCode) : undefined,
        ),
      )
      .groupBy(people.townCode),
  ]);
  const expansionOf = new Map(expansion.map((r) => [r.townCode, r.n]));
  return rows.map((r) => ({ ...r, expansion: expansionOf.get(r.townCode) ?? 0 }));
}
