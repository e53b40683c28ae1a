import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../index';
import { towns } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

export function listTownsInScope(db: Executor, scope: AreaScope) {
  return db
    .select({ code: towns.code, name: towns.name, districtCode: towns.districtCode })
    .from(towns)
    .where(townScopeCondition(towns.code, scope))
    .orderBy(asc(towns.code));
}

/** Every town (code, name, district): the import's lookup of town names and codes. */
export function allTowns(db: Executor) {
  return db.select({ code: towns.code, name: towns.name, districtCode: towns.districtCode }).from(towns);
}

/** One town's code if the town is in the scope, else null (bulk assignment checks the town first). */
export async function findTownInScope(db: Executor, scope: AreaScope, townCode: string) {
  const [row] = await db
    .select({ code: towns.code })
    .from(towns)
    .where(and(eq(towns.code, townCode), townScopeCondition(towns.code, scope)));
  return row ?? null;
}
