import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { certificateSerials, certificationEvidence, certifications, type Certification } from '../schema';

/**
 * Serializes the decisions about one person until the transaction ends, so two concurrent
 * approvals of the same person cannot both pass the duplicate-active rule.
 */
export async function lockPerson(db: Executor, personId: number): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${personId}::bigint)`);
}

/** The next certificate serial of a hospital in a year (the upserted row stays locked until commit). */
export async function nextCertificateSerial(db: Executor, hospitalId: number, year: number): Promise<number> {
  const [row] = await db
    .insert(certificateSerials)
    .values({ hospitalId, year, last: 1 })
    .onConflictDoUpdate({ target: [certificateSerials.hospitalId, certificateSerials.year], set: { last: sql`${certificateSerials.last} + 1` } })
    .returning({ last: certificateSerials.last });
  return row.last;
}

export async function insertFiling(db: Executor, values: typeof certifications.$inferInsert): Promise<Certification> {
  const [row] = await db.insert(certifications).values(values).returning();
  return row;
}

/** Records a decision on a pending application (the caller has checked and locked it). */
export async function recordDecision(
  db: Executor,
  id: number,
  decision: Pick<Certification, 'status' | 'decidedBy' | 'decidedAt'> & Partial<Pick<Certification, 'startDate' | 'endDate' | 'certificateNo' | 'rejectReason' | 'diseaseVersionId'>>,
): Promise<Certification> {
  const [row] = await db.update(certifications).set(decision).where(eq(certifications.id, id)).returning();
  return row;
}

export async function insertCertificationEvidence(db: Executor, values: typeof certificationEvidence.$inferInsert): Promise<{ id: number }> {
  const [row] = await db.insert(certificationEvidence).values(values).returning({ id: certificationEvidence.id });
  return row;
}
