import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { cases, towns } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

const month = (column: typeof cases.openedAt | typeof cases.closedAt) =>
  sql<number>`extract(month from ${column} at time zone 'Asia/Shanghai')::int`.mapWith(Number);

/**
 * The 销号 burn-down in a scope: cases open at `start`, and cases opened and closed per month
 * (Shanghai time) in [start, end). Any list year: the burn-down follows the calendar.
 */
export async function caseFlows(db: Executor, scope: AreaScope, townCode: string | undefined, start: Date, end: Date) {
  const where = and(townScopeCondition(cases.townCode, scope), townCode ? eq(cases.townCode, townCode) : undefined);
  // Instants as text: a Date in a raw fragment has no column to map it.
  const [s, e] = [sql`${start.toISOString()}::timestamptz`, sql`${end.toISOString()}::timestamptz`];
  const [[base], opened, closed] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(cases)
      .where(and(where, sql`${cases.openedAt} < ${s} and (${cases.closedAt} is null or ${cases.closedAt} >= ${s})`)),
    db
      .select({ month: month(cases.openedAt), n: sql<number>`count(*)`.mapWith(Number) })
      .from(cases)
      .where(and(where, sql`${cases.openedAt} >= ${s} and ${cases.openedAt} < ${e}`))
      .groupBy(sql`1`),
    db
      .select({ month: month(cases.closedAt), n: sql<number>`count(*)`.mapWith(Number) })
      .from(cases)
      .where(and(where, sql`${cases.closedAt} >= ${s} and ${cases.closedAt} < ${e}`))
      .groupBy(sql`1`),
  ]);
  return { openAtStart: base.n, opened, closed };
}

/**
 * The worklist as it stands, per town of the scope: open, closed and overdue (open, due before
 * today) — the totals the 销号 worklist shows for the same status and town.
 */
export function caseStateByTown(db: Executor, scope: AreaScope, townCode: string | undefined, today: string) {
  return db
    .select({
      townCode: towns.code,
      townName: towns.name,
      open: sql<number>`count(${cases.id}) filter (where ${cases.status} = 'open')`.mapWith(Number),
      closed: sql<number>`count(${cases.id}) filter (where ${cases.status} = 'closed')`.mapWith(Number),
      overdue:
        sql<number>`count(${cases.id}) filter (where ${cases.status} = 'open' and ${cases.dueDate} < ${today})`.mapWith(
          Number,
        ),
    })
    .from(towns)
    .leftJoin(cases, eq(cases.townCode, towns.code))
    .where(and(townScopeCondition(towns.code, scope), townCode ? eq(towns.code, townCode) : undefined))
    .groupBy(towns.code, towns.name)
    .orderBy(asc(towns.code));
}
