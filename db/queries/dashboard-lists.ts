import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { listRows, povertyLists, towns } from '../schema';
import { listRowScope } from './list-views';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

/** The latest version (list date, then id) of every source's list of the year. */
export function latestListsOfYear(db: Executor, year: number) {
  return db
    .selectDistinctOn([povertyLists.source], {
      id: povertyLists.id,
      source: povertyLists.source,
      listDate: povertyLists.listDate,
    })
    .from(povertyLists)
    .where(eq(povertyLists.year, year))
    .orderBy(asc(povertyLists.source), sql`${povertyLists.listDate} desc`, sql`${povertyLists.id} desc`);
}

const classCounts = {
  rows: sql<number>`count(*)`.mapWith(Number),
  enrolledResident: sql<number>`count(*) filter (where ${listRows.matchClass} = 'enrolled_resident')`.mapWith(Number),
  enrolledEmployee: sql<number>`count(*) filter (where ${listRows.matchClass} = 'enrolled_employee')`.mapWith(Number),
  duplicate: sql<number>`count(*) filter (where ${listRows.matchClass} = 'duplicate')`.mapWith(Number),
  notEnrolled: sql<number>`count(*) filter (where ${listRows.matchClass} = 'not_enrolled')`.mapWith(Number),
  invalidId: sql<number>`count(*) filter (where ${listRows.matchClass} = 'invalid_id')`.mapWith(Number),
  notFound: sql<number>`count(*) filter (where ${listRows.matchClass} = 'not_found')`.mapWith(Number),
};

/**
 * Rows of the given lists visible in the scope, per list and town, counted by their class — the
 * counts the list page shows for the same list, class and town filter.
 */
export function listClassCounts(db: Executor, scope: AreaScope, listIds: number[], townCode: string | undefined) {
  if (listIds.length === 0) return Promise.resolve([]);
  return db
    .select({ listId: listRows.listId, townCode: listRows.townCode, townName: towns.name, ...classCounts })
    .from(listRows)
    .leftJoin(towns, eq(towns.code, listRows.townCode))
    .where(
      and(
        inArray(listRows.listId, listIds),
        listRowScope(scope),
        townCode ? eq(listRows.townCode, townCode) : undefined,
      ),
    )
    .groupBy(listRows.listId, listRows.townCode, towns.name)
    .orderBy(asc(listRows.listId), asc(listRows.townCode));
}

/**
 * Distinct registry people named by the given lists, per town of the person, and how many of them
 * have an active enrollment in the year now (the registry as it stands, not the class at import).
 */
export function listedPeopleByTown(
  db: Executor,
  scope: AreaScope,
  listIds: number[],
  year: number,
  townCode: string | undefined,
) {
  if (listIds.length === 0) return Promise.resolve([]);
  const inScope = and(townScopeCondition(towns.code, scope), townCode ? eq(towns.code, townCode) : undefined);
  return db.execute<{ town_code: string; town_name: string; people: number; enrolled: number }>(sql`
    select towns.code as town_code, towns.name as town_name, count(*)::int as people,
           count(*) filter (where exists (select 1 from enrollments e where e.person_id = x.person_id and e.year = ${year} and e.status = 'active'))::int as enrolled
    from (select distinct r.person_id from list_rows r where r.list_id in ${sql.raw(`(${listIds.map(Number).join(',')})`)} and r.person_id is not null) x
    join people p on p.id = x.person_id
    join towns on towns.code = p.town_code
    where ${inScope ?? sql`true`}
    group by towns.code, towns.name
    order by towns.code`);
}
