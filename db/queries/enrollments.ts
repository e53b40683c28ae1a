import { and, eq } from 'drizzle-orm';
import type { Executor } from '../index';
import { enrollments, type Enrollment } from '../schema';
import type { EnrollmentInput } from '@/lib/schemas/persons';
import { yuanToFen } from '@/lib/domain/money';

/** Registers or corrects one yearly enrollment (unique per person, year and scheme). */
export async function upsertEnrollment(
  db: Executor,
  input: EnrollmentInput,
): Promise<{ before: Enrollment | null; after: Enrollment }> {
  const [before] = await db
    .select()
    .from(enrollments)
    .where(
      and(
        eq(enrollments.personId, input.personId),
        eq(enrollments.year, input.year),
        eq(enrollments.scheme, input.scheme),
      ),
    )
    .for('update');
  const values = {
    tier: input.scheme === 'resident' ? (input.tier ?? null) : null,
    status: input.status,
    paidFen: yuanToFen(input.paidYuan) ?? 0,
    paidDate: input.paidDate ?? null,
    source: 'manual',
    updatedAt: new Date(),
  };
  const [after] = before
    ? await db.update(enrollments).set(values).where(eq(enrollments.id, before.id)).returning()
    : await db
        .insert(enrollments)
        .values({ personId: input.personId, year: input.year, scheme: input.scheme, ...values })
        .returning();
  return { before: before ?? null, after };
}
