import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { enrollments, households, people, towns, townPeopleCounts, townYearCoverage, type Person } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';
import { birthYearOf, maskIdNumber, normalizeIdNumber, validateIdNumber } from '@/lib/domain/id-number';
import type { PersonListQuery } from '@/lib/schemas/persons';

const activeIn = (year: number) =>
  sql`from ${enrollments} e where e.person_id = ${people.id} and e.year = ${year} and e.status = 'active'`;

function yearStatusCondition(status: PersonListQuery['status'], year: number): SQL | undefined {
  switch (status) {
    case undefined:
      return undefined;
    case 'enrolled':
      return sql`exists (select 1 ${activeIn(year)})`;
    case 'resident':
    case 'employee':
      return sql`exists (select 1 ${activeIn(year)} and e.scheme = ${status})`;
    case 'duplicate':
      return sql`(select count(*) ${activeIn(year)}) >= 2`;
    case 'not_enrolled':
      return sql`not exists (select 1 ${activeIn(year)})`;
  }
}

/** 扩面: an active enrollment in the year and none the year before (as the coverage panel counts it). */
const expansionCondition = (year: number) =>
  sql`exists (select 1 ${activeIn(year)}) and not exists (select 1 ${activeIn(year - 1)})`;

/**
 * Named (matched to the registry) by the latest version (list date, then id) of some source's
 * poverty list of the year — the people the dashboard's 名单人员 counts.
 */
const listedCondition = (year: number) =>
  sql`exists (select 1 from list_rows lr where lr.person_id = ${people.id} and lr.list_id in (
    select distinct on (pl.source) pl.id from poverty_lists pl where pl.year = ${year}
    order by pl.source, pl.list_date desc, pl.id desc))`;

/** The ID filter: a full number matches exactly (15 → 18 upgraded); anything else matches nothing. */
function idCondition(raw: string | undefined): SQL | undefined {
  if (!raw) return undefined;
  const v = validateIdNumber(raw);
  return eq(people.idNumber, v.ok ? v.id : normalizeIdNumber(raw));
}

/**
 * The name under the C collation (code-point order): a surname search is then a range of people_name_c_idx
 * and a page of it the first entries of that range. Under the database's default collation LIKE 'prefix%'
 * cannot use an ordered index, and the planner walked the whole name order looking for the surname.
 */
const nameC = sql`${people.name} collate "C"`;

const SORT_COLUMNS = {
  name: people.name,
  birthDate: people.birthDate,
  townCode: people.townCode,
  id: people.id,
} as const;

function personWhere(scope: AreaScope, q: PersonListQuery) {
  return and(
    townScopeCondition(people.townCode, scope),
    q.townCode ? eq(people.townCode, q.townCode) : undefined,
    q.name ? sql`${nameC} like ${`${q.name.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
    idCondition(q.idNumber),
    yearStatusCondition(q.status, q.year),
    q.expansion ? expansionCondition(q.year) : undefined,
    q.listed ? listedCondition(q.year) : undefined,
  );
}

/** The query of one page of the person list (exported for the query-plan test). */
export function personPageQuery(db: Executor, scope: AreaScope, q: PersonListQuery) {
  const direction = q.order === 'desc' ? desc : asc;
  return db
    .select({
      id: people.id,
      idNumber: people.idNumber,
      name: people.name,
      gender: people.gender,
      birthDate: people.birthDate,
      townCode: people.townCode,
      townName: towns.name,
      village: people.village,
      schemes: sql<string | null>`(select string_agg(e.scheme::text, ',' order by e.scheme) ${activeIn(q.year)})`,
    })
    .from(people)
    .innerJoin(towns, eq(towns.code, people.townCode))
    .where(personWhere(scope, q))
    .orderBy(direction(q.name && q.sort === 'name' ? nameC : SORT_COLUMNS[q.sort]), direction(people.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
}

/** One page of the registry within the caller's scope, with ID numbers masked and birth years, and the total. */
export async function listPeople(db: Executor, scope: AreaScope, q: PersonListQuery) {
  const [rows, total] = await Promise.all([
    personPageQuery(db, scope, q),
    countPeople(db, scope, q, personWhere(scope, q)),
  ]);
  return {
    // The birth year only: the whole date next to the masked ID would give the number back.
    data: rows.map(({ idNumber, birthDate, schemes, ...row }) => ({
      ...row,
      maskedId: maskIdNumber(idNumber),
      birthYear: birthYearOf(birthDate),
      schemes: schemes ? schemes.split(',') : [],
    })),
    total,
  };
}
/**
 * The list's exact total. Without a name, ID, 扩面 or list filter it comes from the per-town counters kept by
 * triggers (at most one row per town), so a district of a million people needs no count(*).
 */
async function countPeople(
  db: Executor,
  scope: AreaScope,
  q: PersonListQuery,
  where: SQL | undefined,
): Promise<number> {
  if (q.name || q.idNumber || q.expansion || q.listed)
    return (await db.select({ total: count() }).from(people).where(where))[0].total;
  const [c] = await db
    .select({
      people: sql<number>`coalesce(sum(${townPeopleCounts.people}), 0)::int`,
      resident: sql<number>`coalesce(sum(${townYearCoverage.resident}), 0)::int`,
      employee: sql<number>`coalesce(sum(${townYearCoverage.employee}), 0)::int`,
      both: sql<number>`coalesce(sum(${townYearCoverage.bothSchemes}), 0)::int`,
    })
    .from(townPeopleCounts)
    .leftJoin(
      townYearCoverage,
      and(eq(townYearCoverage.townCode, townPeopleCounts.townCode), eq(townYearCoverage.year, q.year)),
    )
    .where(
      and(
        townScopeCondition(townPeopleCounts.townCode, scope),
        q.townCode ? eq(townPeopleCounts.townCode, q.townCode) : undefined,
      ),
    );
  const enrolled = c.resident + c.employee - c.both;
  switch (q.status) {
    case undefined:
      return c.people;
    case 'enrolled':
      return enrolled;
    case 'resident':
      return c.resident;
    case 'employee':
      return c.employee;
    case 'duplicate':
      return c.both;
    case 'not_enrolled':
      return c.people - enrolled;
  }
}

export type PersonListRow = Awaited<ReturnType<typeof listPeople>>['data'][number];

/** A person's row if it lies in the scope, else null (callers answer 404, never revealing existence). */
export async function findPersonInScope(db: Executor, scope: AreaScope, personId: number) {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, personId), townScopeCondition(people.townCode, scope)));
  return row ?? null;
}

/** One person by id, unscoped: for callers holding a row that references the person (a case, a suggestion). */
export async function personById(db: Executor, personId: number): Promise<Person> {
  const [row] = await db.select().from(people).where(eq(people.id, personId));
  return row;
}

/**
 * The person page: person, town, household members and enrollment history; ID numbers masked,
 * birth years instead of dates (the whole date comes with the audited reveal of the number).
 */
export async function getPersonDetail(db: Executor, scope: AreaScope, personId: number) {
  const person = await findPersonInScope(db, scope, personId);
  if (!person) return null;
  const [[town], household, history] = await Promise.all([
    db.select().from(towns).where(eq(towns.code, person.townCode)),
    person.householdId == null ? Promise.resolve(null) : getHousehold(db, person.householdId),
    db
      .select()
      .from(enrollments)
      .where(eq(enrollments.personId, personId))
      .orderBy(desc(enrollments.year), asc(enrollments.scheme)),
  ]);
  const { idNumber, birthDate, ...rest } = person;
  return {
    person: {
      ...rest,
      maskedId: maskIdNumber(idNumber),
      birthYear: birthYearOf(birthDate),
      townName: town?.name ?? '',
    },
    household,
    enrollments: history,
  };
}
export type PersonDetail = NonNullable<Awaited<ReturnType<typeof getPersonDetail>>>;

async function getHousehold(db: Executor, householdId: number) {
  const [[household], members] = await Promise.all([
    db.select().from(households).where(eq(households.id, householdId)),
    db
      .select({
        id: people.id,
        name: people.name,
        idNumber: people.idNumber,
        relationToHead: people.relationToHead,
        gender: people.gender,
        birthDate: people.birthDate,
      })
      .from(people)
      .where(eq(people.householdId, householdId))
      .orderBy(asc(people.id)),
  ]);
  if (!household) return null;
  return {
    ...household,
    members: members.map(({ idNumber, birthDate, ...m }) => ({
      ...m,
      maskedId: maskIdNumber(idNumber),
      birthYear: birthYearOf(birthDate),
    })),
  };
}
