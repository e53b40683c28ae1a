/**
 * The registry merge's two big statements: people (insert new, update what differs) and
 * enrollments (update what differs, insert new), from the staging table of registry-staging.ts.
 * The SQL is assembled from constants only (which optional columns the file has).
 */
import type { TransactionSql } from 'postgres';
import type { Columns } from './registry-staging';

export async function mergePeople(sql: TransactionSql, columns: Columns, townMissing: boolean) {
  // People: the last row of the file per ID number. One statement, so both parts see the registry
  // as it was before it: existing people are updated only where a value of the file differs (an
  // unchanged person is not touched at all: no new row version, no lock, updated_at kept), new
  // people are inserted — with a plain INSERT, not ON CONFLICT (whose speculative insertion costs
  // more per row), in (town, name) order, which keeps the writes to the two name indexes local.
  // (The registry-counter triggers on people, migration 0004, count inserted rows and town moves
  // of updated rows separately, so the two parts may share one statement.)
  const town = townMissing ? 'coalesce(src.town_code, t.town_code)' : 'src.town_code';
  const personSet = [
    'name = src.name',
    `town_code = ${town}`,
    columns.village && 'village = src.village',
    columns.householdNo && 'household_id = h.id',
    columns.relation && 'relation_to_head = src.relation',
  ].filter(Boolean);
  const personOld = [
    't.name',
    't.town_code',
    columns.village && 't.village',
    columns.householdNo && 't.household_id',
    columns.relation && 't.relation_to_head',
  ].filter(Boolean);
  const personNew = [
    'src.name',
    town,
    columns.village && 'src.village',
    columns.householdNo && 'h.id',
    columns.relation && 'src.relation',
  ].filter(Boolean);
  const householdJoin = columns.householdNo ? 'left join households h on h.household_no = src.household_no' : '';
  const [people] = await sql.unsafe<{ inserted: number; updated: number }[]>(`
    with src as materialized (
      select distinct on (s.id_number collate "C") s.id_number, s.name, s.gender, s.birth_date, s.town_code, s.village, s.household_no, s.relation
      from registry_staging s
      where s.reason is null
      order by s.id_number collate "C", s.row_no desc
    ), upd as (
      update people t set ${personSet.join(', ')}, updated_at = now()
      from src ${householdJoin}
      where t.id_number = src.id_number and (${personOld.join(', ')}) is distinct from (${personNew.join(', ')})
      returning 1
    ), ins as (
      insert into people (id_number, name, gender, birth_date, town_code, village, household_id, relation_to_head)
      select src.id_number, src.name, src.gender, src.birth_date, src.town_code, src.village, ${columns.householdNo ? 'h.id' : 'null::integer'}, src.relation
      from src ${householdJoin}
      where not exists (select 1 from people p where p.id_number = src.id_number)
      order by src.town_code, src.name
      returning 1
    )
    select (select count(*) from ins)::int as inserted, (select count(*) from upd)::int as updated`);
  return people;
}

export async function mergeEnrollments(sql: TransactionSql, columns: Columns) {
  // Enrollments: the last row per person/year/scheme, resolved to person ids once (a temp table),
  // then an UPDATE of the ones that differ and an INSERT of the new ones — two statements, not two
  // CTEs of one: the statement triggers on enrollments (registry counts, migration 0004) compare
  // the table before and after each statement, which is only right when one statement does one
  // kind of change. Inserted in person order (sequential writes to both enrollment indexes). A
  // manual enrollment saved for the same person/year/scheme meanwhile makes the INSERT fail with a
  // unique violation: the import rolls back and can simply be re-run.
  await sql`
    create temp table registry_enrollments on commit drop as
    select p.id as person_id, src.year, src.scheme, src.tier, src.status, src.paid_fen, src.paid_date
    from (
      select distinct on (s.id_number collate "C", s.year, s.scheme) s.id_number, s.year, s.scheme, s.tier, s.status, s.paid_fen, s.paid_date
      from registry_staging s
      where s.reason is null
      order by s.id_number collate "C", s.year, s.scheme, s.row_no desc
    ) src
    join people p on p.id_number = src.id_number`;
  await sql`analyze registry_enrollments`;
  const enrollmentSet = [
    columns.tier && 'tier = k.tier',
    'status = k.status',
    columns.paidAmount && 'paid_fen = k.paid_fen',
    columns.paidDate && 'paid_date = k.paid_date',
  ].filter(Boolean);
  const enrollmentOld = [
    columns.tier && 't.tier',
    't.status',
    columns.paidAmount && 't.paid_fen',
    columns.paidDate && 't.paid_date',
  ].filter(Boolean);
  const enrollmentNew = [
    columns.tier && 'k.tier',
    'k.status',
    columns.paidAmount && 'k.paid_fen',
    columns.paidDate && 'k.paid_date',
  ].filter(Boolean);
  const updated = await sql.unsafe(`
    update enrollments t set ${enrollmentSet.join(', ')}, source = 'import', updated_at = now()
    from registry_enrollments k
    where t.person_id = k.person_id and t.year = k.year and t.scheme = k.scheme
      and (${enrollmentOld.join(', ')}) is distinct from (${enrollmentNew.join(', ')})`);
  const inserted = await sql`
    insert into enrollments (person_id, year, scheme, tier, status, paid_fen, paid_date, source)
    select k.person_id, k.year, k.scheme, k.tier, k.status, k.paid_fen, k.paid_date, 'import'
    from registry_enrollments k
    where not exists (select 1 from enrollments e where e.person_id = k.person_id and e.year = k.year and e.scheme = k.scheme)
    order by k.person_id, k.year, k.scheme`;
  return { inserted: inserted.count, updated: updated.count };
}
