import { asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../index';
import { diseases, diseaseVersions, users } from '../schema';

/** A catalog version with the name of the user who created it (null for seeded versions). */
const versionColumns = {
  id: diseaseVersions.id,
  diseaseCode: diseaseVersions.diseaseCode,
  effectiveFrom: diseaseVersions.effectiveFrom,
  name: diseaseVersions.name,
  kind: diseaseVersions.kind,
  forResident: diseaseVersions.forResident,
  forEmployee: diseaseVersions.forEmployee,
  reviewExempt: diseaseVersions.reviewExempt,
  validityMonths: diseaseVersions.validityMonths,
  entryCriteria: diseaseVersions.entryCriteria,
  requiredEvidence: diseaseVersions.requiredEvidence,
  active: diseaseVersions.active,
  createdAt: diseaseVersions.createdAt,
  createdByName: users.displayName,
};

export type CatalogVersionRow = Awaited<ReturnType<typeof allDiseaseVersions>>[number];

/** Every version of every disease (the catalog is a few dozen diseases with a few versions each). */
export function allDiseaseVersions(db: Executor) {
  return db
    .select(versionColumns)
    .from(diseaseVersions)
    .leftJoin(users, eq(users.id, diseaseVersions.createdBy))
    .orderBy(asc(diseaseVersions.diseaseCode), asc(diseaseVersions.effectiveFrom));
}

/** One disease's versions, newest effective date first. */
export function diseaseHistory(db: Executor, code: string) {
  return db
    .select(versionColumns)
    .from(diseaseVersions)
    .leftJoin(users, eq(users.id, diseaseVersions.createdBy))
    .where(eq(diseaseVersions.diseaseCode, code))
    .orderBy(desc(diseaseVersions.effectiveFrom));
}

/** Locks the disease row, so two changes of one disease are made one after the other; false if unknown. */
export async function lockDisease(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ code: diseases.code }).from(diseases).where(eq(diseases.code, code)).for('update');
  return !!row;
}

/** Inserts the disease row; false when the code already exists. */
export async function insertDisease(db: Executor, code: string): Promise<boolean> {
  const rows = await db.insert(diseases).values({ code }).onConflictDoNothing().returning({ code: diseases.code });
  return rows.length > 0;
}

export async function insertDiseaseVersion(db: Executor, values: typeof diseaseVersions.$inferInsert) {
  const [row] = await db.insert(diseaseVersions).values(values).returning();
  return row;
}
