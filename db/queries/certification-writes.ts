import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { certificateSerials, certificationEvidence, certifications, type Certification } from '../schema';

/**
 * An application, locked for its decision, or null. Also takes a transaction-level advisory lock
 * on its person: decisions about one person are serialized until the transaction ends, so two
 * concurrent approvals cannot both pass the duplicate-active rule. One statement, one round trip.
 */
export async function lockApplication(db: Executor, id: number): Promise<Certification | null> {
  const [row] = await db
    .select({
      ...getTableColumns(certifications),
      locked: sql`pg_advisory_xact_lock(${certifications.personId}::bigint)`,
    })
    .from(certifications)
    .where(eq(certifications.id, id))
    .for('update');
  if (!row) return null;
  const { locked: _locked, ...cert } = row;
  return cert;
}

/** The next certificate serial of a hospital in a year (the upserted row stays locked until commit). */
export async function nextCertificateSerial(db: Executor, hospitalId: number, year: number): Promise<number> {
  const [row] = await db
    .insert(certificateSerials)
    .values({ hospitalId, year, last: 1 })
    .onConflictDoUpdate({
      target: [certificateSerials.hospitalId, certificateSerials.year],
      set: { last: sql`${certificateSerials.last} + 1` },
    })
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
  decision: Pick<Certification, 'status' | 'decidedBy' | 'decidedAt'> &
    Partial<Pick<Certification, 'startDate' | 'endDate' | 'certificateNo' | 'rejectReason' | 'diseaseVersionId'>>,
): Promise<Certification> {
  const [row] = await db.update(certifications).set(decision).where(eq(certifications.id, id)).returning();
  return row;
}

/** 撤销认定 of an approved certification (the caller has found and locked it in its scope). */
export async function recordRevocation(
  db: Executor,
  id: number,
  revocation: Pick<Certification, 'revokeReason' | 'revokedBy' | 'revokedAt'>,
): Promise<Certification> {
  const [row] = await db
    .update(certifications)
    .set({ status: 'revoked', ...revocation })
    .where(eq(certifications.id, id))
    .returning();
  return row;
}

export async function insertCertificationEvidence(
  db: Executor,
  values: typeof certificationEvidence.$inferInsert,
): Promise<{ id: number }> {
  const [row] = await db.insert(certificationEvidence).values(values).returning({ id: certificationEvidence.id });
  return row;
}
