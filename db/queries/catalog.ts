import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../index';
import { diseaseVersions, type DiseaseVersion } from '../schema';

/**
 * The catalog as in force on `onDate`: for each disease, its latest version with
 * effectiveFrom ≤ onDate (inactive versions included — callers decide what "inactive" means).
 * Limit to `codes` when given.
 */
export async function catalogOn(db: Executor, onDate: string, codes?: readonly string[]): Promise<DiseaseVersion[]> {
  if (codes && codes.length === 0) return [];
  return db
    .selectDistinctOn([diseaseVersions.diseaseCode])
    .from(diseaseVersions)
    .where(
      and(
        lte(diseaseVersions.effectiveFrom, onDate),
        codes ? inArray(diseaseVersions.diseaseCode, [...codes]) : undefined,
      ),
    )
    .orderBy(diseaseVersions.diseaseCode, desc(diseaseVersions.effectiveFrom));
}

/** One disease's version in force on `onDate`, or null (unknown code, or not yet in force). */
export async function diseaseOn(db: Executor, code: string, onDate: string): Promise<DiseaseVersion | null> {
  const [row] = await db
    .select()
    .from(diseaseVersions)
    .where(and(eq(diseaseVersions.diseaseCode, code), lte(diseaseVersions.effectiveFrom, onDate)))
    .orderBy(desc(diseaseVersions.effectiveFrom))
    .limit(1);
  return row ?? null;
}
