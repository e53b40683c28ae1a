import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../index';
import { matchSuggestions, people } from '../schema';

export type MatchSuggestion = typeof matchSuggestions.$inferSelect;
type SuggestionDecision = Pick<MatchSuggestion, 'status' | 'decidedBy' | 'decidedAt'>;

/** One suggestion, locked for its decision, or null (the caller checks that its list row is in scope). */
export async function lockSuggestion(db: Executor, id: number): Promise<MatchSuggestion | null> {
  const [row] = await db.select().from(matchSuggestions).where(eq(matchSuggestions.id, id)).for('update');
  return row ?? null;
}

/** The registry people suggested for one list row, with name and town (the caller checked the row's scope). */
export function suggestionsOfRow(db: Executor, listRowId: number) {
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
    .where(eq(matchSuggestions.listRowId, listRowId));
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
