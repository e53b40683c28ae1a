import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../index';
import { diseases, hospitalDiseases, hospitals } from '../schema';
import type { HospitalScope } from '@/lib/auth/types';

/** The hospital of a hospital user and the diseases delegated to it today. */
export async function getWorkstationHome(db: Executor, scope: HospitalScope, today: string) {
  const [hospital] = await db.select().from(hospitals).where(eq(hospitals.id, scope.hospitalId));
  if (!hospital) return null;
  const delegated = await db
    .select({ code: diseases.code, name: diseases.name, kind: diseases.kind, reviewExempt: diseases.reviewExempt, validityMonths: diseases.validityMonths, validFrom: hospitalDiseases.validFrom })
    .from(hospitalDiseases)
    .innerJoin(diseases, eq(diseases.code, hospitalDiseases.diseaseCode))
    .where(
      and(
        eq(hospitalDiseases.hospitalId, scope.hospitalId),
        lte(hospitalDiseases.validFrom, today),
        or(isNull(hospitalDiseases.validTo), gte(hospitalDiseases.validTo, today)),
      ),
    )
    .orderBy(asc(diseases.code));
  return { hospital, delegated };
}
