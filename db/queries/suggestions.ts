import { and, eq, ne, not, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { matchSuggestions, people, towns } from '../schema';
import type { AreaScope } from '@/lib/auth/types';
import { townScopeCondition } from './scope';

export type MatchSuggestion = typeof matchSuggestions.$inferSelect;
type SuggestionDecision = Pick<MatchSuggestion, 'status' | 'decidedBy' | 'decidedAt'>;

/** One suggestion, locked for its decision, or null (the caller checks that its list row is in scope). */
export async function lockSuggestion(db: Executor, id: number): Promise<MatchSuggestion | null> {
  const [row] = await db.select().from(matchSuggestions).where(eq(matchSuggestions.id, id)).for('update');
  return row ?? null;
}

/**
 * The registry people suggested for one list row whose town lies in the scope, with name and town
 * (the caller checked the row's scope). Candidates of other towns are not returned: see
 * countSuggestionsOutsideScope.
 */
export function suggestionsOfRow(db: Executor, scope: AreaScope, listRowId: number) {
  return db
    .select({
      id: matchSuggestions.id,
      personId: matchSuggestions.personId,
      score: matchSuggestions.score,
      evidence: matchSuggestions.evidence,
      status: matchSuggestions.status,
      name: people.name,
      townCode: people.townCode,
    })
    .from(matchSuggestions)
    .innerJoin(people, eq(people.id, matchSuggestions.personId))
    .where(and(eq(matchSuggestions.listRowId, listRowId), townScopeCondition(people.townCode, scope)));
}

/**
 * The pending suggestions of one list row whose candidate lies outside the scope (nothing about
 * them but the counts): how many, and how many of those lie outside the caller's district too
 * (a town's staff: another district's; district staff: all of them).
 */
export async function countSuggestionsOutsideScope(
  db: Executor,
  scope: AreaScope,
  listRowId: number,
): Promise<{ outside: number; outsideDistrict: number }> {
  const inScope = townScopeCondition(people.townCode, scope);
  if (scope.level === 'area' || !inScope) return { outside: 0, outsideDistrict: 0 };
  const callerDistrict =
    scope.level === 'district'
      ? sql`${scope.districtCode}`
      : sql`(select t.district_code from towns t where t.code = ${scope.townCode})`;
  const [r] = await db
    .select({
      outside: sql<number>`count(*)`.mapWith(Number),
      outsideDistrict:
        sql<number>`count(*) filter (where ${towns.districtCode} is distinct from ${callerDistrict})`.mapWith(Number),
    })
    .from(matchSuggestions)
    .innerJoin(people, eq(people.id, matchSuggestions.personId))
    .leftJoin(towns, eq(towns.code, people.townCode))
    .where(and(eq(matchSuggestions.listRowId, listRowId), eq(matchSuggestions.status, 'pending'), not(inScope)));
  return r;
}

/** Records the decision on one suggestion (the caller has locked it). */
export async function setSuggestionDecision(db: Executor, id: number, decision: SuggestionDecision): Promise<void> {
  await db.update(matchSuggestions).set(decision).where(eq(matchSuggestions.id, id));
}

/** Records the decision on every other suggestion of the list row (a confirmed suggestion rejects its rivals). */
export async function setOtherSuggestionsDecision(
  db: Executor,
  listRowId: number,
  exceptId: number,
  decision: SuggestionDecision,
): Promise<void> {
  await db
    .update(matchSuggestions)
    .set(decision)
    .where(and(eq(matchSuggestions.listRowId, listRowId), ne(matchSuggestions.id, exceptId)));
}
