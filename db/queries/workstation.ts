import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../index';
import { hospitalDiseases, hospitals } from '../schema';
import { catalogOn } from './catalog';
import type { HospitalScope } from '@/lib/auth/types';

/** The delegations of a hospital in force on `onDate` (validFrom ≤ onDate ≤ validTo). */
export async function delegationsOn(db: Executor, hospitalId: number, onDate: string) {
  return db
    .select({ diseaseCode: hospitalDiseases.diseaseCode, validFrom: hospitalDiseases.validFrom, validTo: hospitalDiseases.validTo })
    .from(hospitalDiseases)
    .where(
      and(
        eq(hospitalDiseases.hospitalId, hospitalId),
        lte(hospitalDiseases.validFrom, onDate),
        or(isNull(hospitalDiseases.validTo), gte(hospitalDiseases.validTo, onDate)),
      ),
    )
    .orderBy(asc(hospitalDiseases.diseaseCode));
}

/** The hospital of a hospital user and the active catalog diseases delegated to it today. */
export async function getWorkstationHome(db: Executor, scope: HospitalScope, today: string) {
  const [hospital] = await db.select().from(hospitals).where(eq(hospitals.id, scope.hospitalId));
  if (!hospital) return null;
  const delegations = await delegationsOn(db, scope.hospitalId, today);
  const catalog = await catalogOn(db, today, delegations.map((d) => d.diseaseCode));
  const validFrom = new Map(delegations.map((d) => [d.diseaseCode, d.validFrom]));
  const delegated = catalog
    .filter((d) => d.active)
    .map((d) => ({ code: d.diseaseCode, name: d.name, kind: d.kind, reviewExempt: d.reviewExempt, validityMonths: d.validityMonths, validFrom: validFrom.get(d.diseaseCode)! }));
  return { hospital, delegated };
}
