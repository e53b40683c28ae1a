/**
 * Poverty-list import, second step: set-based classification of the staged rows against the
 * registry for the list's year (list_rows), the error report, and the match suggestions for rows
 * with an invalid or unknown ID.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import type { Executor } from '@/db';
import { candidatesByName, insertSuggestions } from '@/db/queries/lists';
import { listRows } from '@/db/schema';
import { suggestMatches } from '@/lib/domain/suggestions';

/** The staged rows → list_rows (classified) and import_errors; `phase` reports each step's time. */
export async function classifyStagedRows(
  sql: TransactionSql,
  listId: number,
  importId: number,
  year: number,
  phase: (name: string) => void,
) {
  await sql`analyze list_staging`;
  // Classification, the same rule as classifyListRow (lib/domain/classification.ts) over the
  // person's active enrollments in the list's year: keep the two in step.
  await sql`
    insert into list_rows (list_id, row_no, raw_values, name, id_number, id_error, birth_date, town_code, village, category, person_id, match_class)
    select ${listId}, s.row_no, s.raw::jsonb, s.name, s.id_number, s.id_error, s.birth_date, coalesce(p.town_code, s.town_code), s.village, s.category, p.id,
      (case
        when s.valid_id is null then 'invalid_id'
        when p.id is null then 'not_found'
        when e.active >= 2 then 'duplicate'
        when e.active = 0 then 'not_enrolled'
        when e.employee then 'enrolled_employee'
        else 'enrolled_resident'
      end)::match_class
    from list_staging s
    left join people p on p.id_number = s.valid_id
    left join lateral (
      select count(*) as active, bool_or(x.scheme = 'employee') as employee
      from enrollments x where x.person_id = p.id and x.year = ${year} and x.status = 'active'
    ) e on true
    where not s.skipped
    order by s.row_no`;
  phase('classify + list_rows');
  await sql`
    insert into import_errors (import_id, row_no, values, reason, skipped)
    select ${importId}, row_no, raw::jsonb, reason, case when skipped then 1 else 0 end
    from list_staging
    where reason is not null
    order by row_no`;
  phase('import_errors');
}

/** Suggestions for rows with an invalid or unknown ID: registry people of the same name, scored. */
export async function storeSuggestions(tx: Executor, listId: number) {
  const rows = await tx
    .select()
    .from(listRows)
    .where(and(eq(listRows.listId, listId), inArray(listRows.matchClass, ['invalid_id', 'not_found'])))
    .orderBy(asc(listRows.rowNo));
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500);
    const candidates = await candidatesByName(tx, [...new Set(slice.map((r) => r.name).filter(Boolean))]);
    const byName = new Map<string, typeof candidates>();
    for (const c of candidates) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    const found = slice.flatMap((r) =>
      suggestMatches(
        { name: r.name, idNumber: r.idNumber ?? '', birthDate: r.birthDate, townCode: r.townCode },
        byName.get(r.name) ?? [],
      )
        .filter((s) => s.strength !== 'none')
        .slice(0, 5)
        .map((suggestion) => ({ listRowId: r.id, suggestion })),
    );
    await insertSuggestions(tx, found);
  }
}
