import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { populationTargets, towns, type PopulationTarget } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

/** Every town of the scope with its figures for the year (null when not entered). */
export function targetsOfYear(db: Executor, scope: AreaScope, year: number) {
  return db
    .select({
      townCode: towns.code,
      townName: towns.name,
      districtCode: towns.districtCode,
      residentPopulation: populationTargets.residentPopulation,
      insuredTarget: populationTargets.insuredTarget,
      expansionTarget: populationTargets.expansionTarget,
      updatedAt: populationTargets.updatedAt,
    })
    .from(towns)
    .leftJoin(populationTargets, and(eq(populationTargets.townCode, towns.code), eq(populationTargets.year, year)))
    .where(townScopeCondition(towns.code, scope))
    .orderBy(asc(towns.code));
}

/** A town's figures for a year, locked for the update (null when none yet). */
export async function lockTarget(db: Executor, year: number, townCode: string): Promise<PopulationTarget | null> {
  const [row] = await db
    .select()
    .from(populationTargets)
    .where(and(eq(populationTargets.year, year), eq(populationTargets.townCode, townCode)))
    .for('update');
  return row ?? null;
}

/** Inserts or replaces a town's figures for a year; returns the row after. */
export async function upsertTarget(
  db: Executor,
  values: Omit<typeof populationTargets.$inferInsert, 'updatedAt'> & { updatedBy: number },
): Promise<PopulationTarget> {
  const [row] = await db
    .insert(populationTargets)
    .values(values)
    .onConflictDoUpdate({
      target: [populationTargets.year, populationTargets.townCode],
      set: {
        residentPopulation: values.residentPopulation,
        insuredTarget: values.insuredTarget,
        expansionTarget: values.expansionTarget,
        updatedBy: values.updatedBy,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row;
}
