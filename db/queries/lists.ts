import { and, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { pgArray } from './pg-array';
import {
  cases,
  enrollments,
  listRows,
  matchSuggestions,
  people,
  povertyLists,
  users,
  type ListRow,
  type PovertyList,
  type PovertySource,
} from '../schema';
import type { MatchClass } from '@/lib/domain/classification';
import type { Suggestion } from '@/lib/domain/suggestions';

export async function findListBySha(db: Executor, source: PovertySource, sha: string) {
  const [row] = await db
    .select()
    .from(povertyLists)
    .where(and(eq(povertyLists.source, source), eq(povertyLists.fileSha256, sha)));
  return row ?? null;
}

/** One list version by id, unscoped: for callers holding one of its rows. */
export async function povertyListById(db: Executor, id: number): Promise<PovertyList> {
  const [row] = await db.select().from(povertyLists).where(eq(povertyLists.id, id));
  return row;
}

/** The list an import created (its id), or null while it runs, after a failure or for a registry import. */
export async function listOfImport(db: Executor, importId: number): Promise<{ id: number } | null> {
  const [row] = await db.select({ id: povertyLists.id }).from(povertyLists).where(eq(povertyLists.importId, importId));
  return row ?? null;
}

/** Updates one list row (a confirmed suggestion corrects its ID); returns the row after. */
export async function updateListRow(
  db: Executor,
  id: number,
  values: Partial<typeof listRows.$inferInsert>,
): Promise<ListRow> {
  const [row] = await db.update(listRows).set(values).where(eq(listRows.id, id)).returning();
  return row;
}

/** The latest earlier version of the same source, for the version diff. */
export async function previousListOf(db: Executor, source: PovertySource, listDate: string, excludeId?: number) {
  const [row] = await db
    .select()
    .from(povertyLists)
    .where(
      and(
        eq(povertyLists.source, source),
        lte(povertyLists.listDate, listDate),
        excludeId ? ne(povertyLists.id, excludeId) : undefined,
      ),
    )
    .orderBy(desc(povertyLists.listDate), desc(povertyLists.id))
    .limit(1);
  return row ?? null;
}

export interface RegistryMatch {
  personId: number;
  idNumber: string;
  townCode: string;
  schemes: { scheme: 'resident' | 'employee'; status: 'active' | 'suspended' | 'terminated' }[];
}

/** Registry people for a batch of ID numbers, with their enrollments in `year`. */
export async function registryMatches(
  db: Executor,
  idNumbers: string[],
  year: number,
): Promise<Map<string, RegistryMatch>> {
  if (idNumbers.length === 0) return new Map();
  const rows = await db
    .select({
      personId: people.id,
      idNumber: people.idNumber,
      townCode: people.townCode,
      scheme: enrollments.scheme,
      status: enrollments.status,
    })
    .from(people)
    .leftJoin(enrollments, and(eq(enrollments.personId, people.id), eq(enrollments.year, year)))
    // One array parameter, not thousands of placeholders: the statement stays cheap to parse.
    .where(sql`${people.idNumber} = any(${pgArray(idNumbers)}::bpchar[])`);
  const out = new Map<string, RegistryMatch>();
  for (const r of rows) {
    const m = out.get(r.idNumber) ?? { personId: r.personId, idNumber: r.idNumber, townCode: r.townCode, schemes: [] };
    if (r.scheme && r.status) m.schemes.push({ scheme: r.scheme, status: r.status });
    out.set(r.idNumber, m);
  }
  return out;
}

/** Registry candidates for suggestions: people with one of these names. */
export function candidatesByName(db: Executor, names: string[]) {
  if (names.length === 0) return Promise.resolve([]);
  return db
    .select({
      personId: people.id,
      name: people.name,
      idNumber: people.idNumber,
      birthDate: people.birthDate,
      townCode: people.townCode,
    })
    .from(people)
    .where(inArray(people.name, names));
}

export async function insertSuggestions(db: Executor, suggestions: { listRowId: number; suggestion: Suggestion }[]) {
  if (suggestions.length === 0) return;
  await db
    .insert(matchSuggestions)
    .values(
      suggestions.map(({ listRowId, suggestion: s }) => ({
        listRowId,
        personId: s.personId,
        score: s.score,
        evidence: { reasons: s.reasons, strength: s.strength, fields: s.evidence },
      })),
    )
    .onConflictDoNothing();
}

const CASE_CLASSES: MatchClass[] = ['not_enrolled', 'duplicate'];

/**
 * One open case per person for the list's 未参保 and 重复参保 rows (a person already holding an open
 * case keeps it). The assignee defaults to the town's staff member; due in `dueDays` days.
 */
export async function openCasesForList(db: Executor, listId: number, year: number, dueDate: string): Promise<number> {
  const result = await db.execute(sql`
    insert into ${cases} (person_id, year, town_code, kind, assignee_id, due_date)
    select distinct on (lr.person_id) lr.person_id, ${year}, p.town_code, lr.match_class, (
        select u.id from ${users} u
        where u.role = 'agency_staff' and u.town_code = p.town_code and not u.disabled
        order by u.id limit 1
      ), ${dueDate}::date
    from ${listRows} lr join ${people} p on p.id = lr.person_id
    where lr.list_id = ${listId} and lr.match_class in (${sql.join(
      CASE_CLASSES.map((c) => sql`${c}`),
      sql`, `,
    )})
    order by lr.person_id, lr.row_no
    on conflict (person_id) where status = 'open' do nothing`);
  return result.count ?? 0;
}
