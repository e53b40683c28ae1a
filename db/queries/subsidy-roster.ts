/**
 * What roster generation reads (the year's latest lists, the registry, the approved state) and
 * writes (a batch's lines). A batch scope is a district or one town of it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { pgArray } from './pg-array';
import { districtOfUser } from './scope';
import type { PersonCategory } from '@/lib/domain/list-row';
import type { ListEntry, Tier } from '@/lib/domain/subsidy';
import type { ApprovedState, PersonFacts, PlannedLine } from '@/lib/domain/subsidy-roster';

export interface BatchScope {
  districtCode: string;
  /** null: the whole district. */
  townCode: string | null;
}

/** The condition that keeps a town column inside a batch scope. */
export function batchScopeTowns(column: SQL, scope: BatchScope): SQL {
  return scope.townCode
    ? sql`${column} = ${scope.townCode}`
    : sql`${column} in (select code from towns where district_code = ${scope.districtCode})`;
}

/** The latest version (by list date) of each source's list for the year. */
export const latestListsOf = (year: number) => sql`(
  select distinct on (source) id, source, list_date from poverty_lists
  where year = ${year} order by source, list_date desc, id desc)`;

/** Separators of rosterFacts' entries string: the ASCII unit and record separators, in no code or date. */
const FIELD = '\x1f';
const ENTRY = '\x1e';

/**
 * Every registry person in the scope named by the latest version of a list of the year, with their
 * resident enrollment of the year and their list entries (oldest list first). Rows whose ID is bad
 * or not found have no person and are not here (see excludedListRows).
 *
 * Sized for a whole district (30,000 listed of 400,000: bench/subsidy.ts). The entries are grouped
 * per person before the enrollments are joined, without an ORDER BY in the aggregate (PostgreSQL 15
 * sorts each group of an ordered aggregate apart: 30,000 small sorts; the few people on several
 * lists are sorted here, by list date and then source, where the database left lists of one date
 * in no particular order), and come back as one string per person instead of three arrays, which
 * postgres.js took longer to parse than the server took to run the query. The employee enrollment
 * is a join (at most one row: enrollments are unique by person, year and scheme), not a subquery.
 */
export async function rosterFacts(
  db: Executor,
  year: number,
  scope: BatchScope | { personId: number },
): Promise<PersonFacts[]> {
  const rows = await db.execute<{
    person_id: number;
    town_code: string;
    birth_date: string;
    tier: Tier | null;
    paid_fen: number | null;
    employee_only: boolean;
    entries: string;
  }>(sql`
    select f.id as person_id, f.town_code, f.birth_date, r.tier, r.paid_fen,
      (r.person_id is null and emp.person_id is not null) as employee_only, f.entries
    from (
      select p.id, p.town_code, p.birth_date::text as birth_date,
        string_agg(concat_ws(${FIELD}, lr.category, l.source::text, l.list_date::text), ${ENTRY}) as entries
      from list_rows lr
      join ${latestListsOf(year)} l on l.id = lr.list_id
      join people p on p.id = lr.person_id
      where ${'personId' in scope ? sql`p.id = ${scope.personId}` : batchScopeTowns(sql`p.town_code`, scope)}
      group by p.id) f
    left join enrollments r on r.person_id = f.id and r.year = ${year} and r.scheme = 'resident' and r.status = 'active'
    left join enrollments emp on emp.person_id = f.id and emp.year = ${year} and emp.scheme = 'employee'
      and emp.status = 'active'`);
  return rows.map((r) => ({
    personId: r.person_id,
    townCode: r.town_code,
    birthDate: r.birth_date,
    tier: r.tier,
    employeeOnly: r.employee_only,
    paidFen: r.paid_fen ?? 0,
    entries: entriesOf(r.entries),
  }));
}

/** The entries string of rosterFacts as list entries, oldest list first (lists of one date by source). */
function entriesOf(text: string): ListEntry[] {
  const entries = text.split(ENTRY).map((entry) => {
    const [category, source, listDate] = entry.split(FIELD);
    return { category: category as PersonCategory, source, listDate };
  });
  const order = (a: ListEntry, b: ListEntry) =>
    a.listDate < b.listDate ? -1 : a.listDate > b.listDate ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
  if (entries.length > 1) entries.sort(order);
  return entries;
}

/** Per person in the scope: their approved first line of the year and its net amount with approved changes. */
export async function approvedStates(
  db: Executor,
  year: number,
  scope: BatchScope,
): Promise<Map<number, ApprovedState>> {
  const rows = await db.execute<{ person_id: number; line_id: number; category: string; net_fen: number }>(sql`
    select base.person_id, base.id as line_id, base.category,
      (base.amount_fen + coalesce((select sum(c.amount_fen) from subsidy_lines c join subsidy_batches cb on cb.id = c.batch_id
        where c.ref_line_id = base.id and cb.status = 'approved'), 0))::int as net_fen
    from subsidy_lines base join subsidy_batches b on b.id = base.batch_id
    where base.year = ${year} and base.kind <> 'change' and b.status = 'approved'
      and ${batchScopeTowns(sql`base.town_code`, scope)}`);
  return new Map(
    rows.map((r) => [r.person_id, { lineId: r.line_id, category: r.category as PersonCategory, netFen: r.net_fen }]),
  );
}

/** People of the scope on a line of another batch not yet approved (draft, submitted or returned). */
export async function peopleInOtherOpenBatches(
  db: Executor,
  year: number,
  scope: BatchScope,
  exceptBatchId: number | null,
): Promise<Set<number>> {
  const rows = await db.execute<{ person_id: number }>(sql`
    select distinct l.person_id from subsidy_lines l join subsidy_batches b on b.id = l.batch_id
    where l.year = ${year} and b.status <> 'approved' and b.id <> ${exceptBatchId ?? 0}
      and ${batchScopeTowns(sql`l.town_code`, scope)}`);
  return new Set(rows.map((r) => r.person_id));
}

/** The towns of the scope whose roster of the year is approved (a later person there is a mid-year addition). */
export async function townsWithApprovedRoster(db: Executor, year: number, scope: BatchScope): Promise<Set<string>> {
  const rows = await db.execute<{ town_code: string }>(sql`
    select distinct l.town_code from subsidy_lines l join subsidy_batches b on b.id = l.batch_id
    where l.year = ${year} and l.kind = 'roster' and b.status = 'approved'
      and ${batchScopeTowns(sql`l.town_code`, scope)}`);
  return new Set(rows.map((r) => r.town_code));
}

/** A batch's lines as the diff compares them. */
export async function batchAmounts(db: Executor, batchId: number) {
  const rows = await db.execute<{ person_id: number; amount_fen: number }>(
    sql`select person_id, amount_fen from subsidy_lines where batch_id = ${batchId}`,
  );
  return rows.map((r) => ({ personId: r.person_id, amountFen: r.amount_fen }));
}

export async function deleteBatchLines(db: Executor, batchId: number): Promise<void> {
  await db.execute(sql`delete from subsidy_lines where batch_id = ${batchId}`);
}

/**
 * A column of lines as one array parameter. Numbers are written as they are (an int[] needs no
 * quotes); text columns repeat a few codes (towns, kinds, categories, sources), so each distinct
 * value is quoted once (by pgArray) — for 30,000 lines this takes a fraction of quoting every value.
 */
function columnArray(values: readonly (string | number | null)[]): string {
  const quoted = new Map<string | number | null, string>();
  const item = (v: string | number | null) => {
    if (typeof v === 'number') return String(v);
    let q = quoted.get(v);
    if (q === undefined) quoted.set(v, (q = pgArray([v]).slice(1, -1)));
    return q;
  };
  return `{${values.map(item).join(',')}}`;
}

/** Writes a batch's lines in one statement (arrays unnested), whatever their number. */
export async function insertBatchLines(
  db: Executor,
  batchId: number,
  year: number,
  standardId: number,
  lines: readonly PlannedLine[],
): Promise<void> {
  if (lines.length === 0) return;
  const col = <K extends keyof PlannedLine>(k: K) => columnArray(lines.map((l) => l[k] as string | number | null));
  await db.execute(sql`
    insert into subsidy_lines (batch_id, year, standard_id, person_id, town_code, kind, category, source, tier, age_group,
      contribution_fen, amount_fen, paid_fen, settlement, ref_line_id, rule_id)
    select ${batchId}, ${year}, ${standardId}, * from unnest(
      ${col('personId')}::int[], ${col('townCode')}::varchar[], ${col('kind')}::subsidy_line_kind[],
      ${col('category')}::varchar[], ${col('source')}::varchar[], ${col('tier')}::tier[], ${col('ageGroup')}::age_group[],
      ${col('contributionFen')}::int[], ${col('amountFen')}::int[], ${col('paidFen')}::int[],
      ${col('settlement')}::subsidy_settlement[], ${col('refLineId')}::int[], ${col('ruleId')}::int[])`);
}

/** Serializes generations of one year and district, so two preparers cannot put one person on two batches. */
export async function lockRosterYear(db: Executor, year: number, districtCode: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`subsidy-roster:${districtCode}`}), ${year})`);
}

/** Listed rows of the year's latest lists in the scope that pay nothing: bad ID (待核实) or not in the registry. */
export async function excludedListRows(db: Executor, year: number, scope: BatchScope, limit: number) {
  const where = sql`lr.person_id is null and lr.match_class in ('invalid_id', 'not_found')
    and (${batchScopeTowns(sql`lr.town_code`, scope)}
      or (lr.town_code is null and ${scope.townCode === null} and exists (select 1 from imports i
        join poverty_lists pl on pl.import_id = i.id
        where pl.id = lr.list_id and ${districtOfUser(sql`i.user_id`)} = ${scope.districtCode})))`;
  const rows = await db.execute<{
    id: number;
    name: string;
    id_number: string | null;
    id_error: string | null;
    match_class: string;
    category: string;
    source: string;
    town_code: string | null;
    total: number;
  }>(sql`
    select lr.id, lr.name, lr.id_number, lr.id_error, lr.match_class, lr.category, l.source::text as source, lr.town_code,
      count(*) over ()::int as total
    from list_rows lr join ${latestListsOf(year)} l on l.id = lr.list_id
    where ${where}
    order by lr.town_code, lr.name limit ${limit}`);
  return { total: rows[0]?.total ?? 0, rows };
}

/** Every line of a person's subsidies, any year, with its batch's state and refund. */
export function personLines(db: Executor, personId: number) {
  return db.execute<{
    id: number;
    year: number;
    kind: 'roster' | 'addition' | 'change';
    category: string;
    amount_fen: number;
    contribution_fen: number;
    settlement: 'subsidy' | 'refund' | 'fund';
    batch_id: number;
    batch_status: 'draft' | 'submitted' | 'returned' | 'approved';
    approved_at: string | null;
    refund_status: 'pending' | 'refunded' | 'failed' | null;
  }>(sql`
    select l.id, l.year, l.kind, l.category, l.amount_fen, l.contribution_fen, l.settlement, l.batch_id,
      b.status as batch_status, b.approved_at::text as approved_at, r.status as refund_status
    from subsidy_lines l join subsidy_batches b on b.id = l.batch_id left join subsidy_refunds r on r.line_id = l.id
    where l.person_id = ${personId} order by l.year desc, l.id`);
}
