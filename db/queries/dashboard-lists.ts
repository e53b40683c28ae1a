import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { listRows, people, povertyLists, towns } from '../schema';
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
  const listed = db
    .selectDistinct({ personId: listRows.personId })
    .from(listRows)
    .where(and(inArray(listRows.listId, listIds), isNotNull(listRows.personId)))
    .as('listed');
  return db
    .select({
      townCode: towns.code,
      townName: towns.name,
      people: sql<number>`count(*)`.mapWith(Number),
      enrolled:
        sql<number>`count(*) filter (where exists (select 1 from enrollments e where e.person_id = ${listed.personId} and e.year = ${year} and e.status = 'active'))`.mapWith(
          Number,
        ),
    })
    .from(listed)
    .innerJoin(people, eq(people.id, listed.personId))
    .innerJoin(towns, eq(towns.code, people.townCode))
    .where(and(townScopeCondition(towns.code, scope), townCode ? eq(towns.code, townCode) : undefined))
    .groupBy(towns.code, towns.name)
    .orderBy(asc(towns.code));
}
