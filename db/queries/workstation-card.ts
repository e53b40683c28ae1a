import { and, desc, eq, gte, isNull, or } from 'drizzle-orm';
import type { Executor } from '../index';
import { certifications, diseaseVersions, hospitals } from '../schema';
import type { HospitalScope } from '@/lib/auth/types';
import { applicationColumns } from './workstation';

/**
 * The certifications the lookup card shows a hospital: those the person holds (approved and not
 * ended on `today`, at any hospital) and the hospital's own applications for them (any status).
 * Another hospital's pending, rejected, revoked or lapsed applications are not the hospital's to see.
 * Newest first, with the disease name each was filed under.
 */
export async function cardCertifications(db: Executor, scope: HospitalScope, personId: number, today: string) {
  return db
    .select(applicationColumns)
    .from(certifications)
    .innerJoin(diseaseVersions, eq(diseaseVersions.id, certifications.diseaseVersionId))
    .innerJoin(hospitals, eq(hospitals.id, certifications.hospitalId))
    .where(
      and(
        eq(certifications.personId, personId),
        or(
          eq(certifications.hospitalId, scope.hospitalId),
          and(
            eq(certifications.status, 'approved'),
            or(isNull(certifications.endDate), gte(certifications.endDate, today)),
          ),
        ),
      ),
    )
    .orderBy(desc(certifications.filedAt), desc(certifications.id));
}
