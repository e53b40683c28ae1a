import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { cases, towns } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

const month = (column: typeof cases.openedAt | typeof cases.closedAt) =>
  sql<number>`extract(month from ${column} at time zone 'Asia/Shanghai')::int`.mapWith(Number);

/**
 * The 销号 burn-down in a scope, per town of the case: cases open at `start`, and cases opened and
 * closed per month (Shanghai time) in [start, end). Any list year: the burn-down follows the calendar.
 */
export async function caseFlows(db: Executor, scope: AreaScope, start: Date, end: Date) {
  const where = townScopeCondition(cases.townCode, scope);
  // Instants as text: a Date in a raw fragment has no column to map it.
  const [s, e] = [sql`${start.toISOString()}::timestamptz`, sql`${end.toISOString()}::timestamptz`];
  const n = sql<number>`count(*)`.mapWith(Number);
  const [openAtStart, opened, closed] = await Promise.all([
    db
      .select({ townCode: cases.townCode, n })
      .from(cases)
      .where(and(where, sql`${cases.openedAt} < ${s} and (${cases.closedAt} is null or ${cases.closedAt} >= ${s})`))
      .groupBy(cases.townCode),
    db
      .select({ townCode: cases.townCode, month: month(cases.openedAt), n })
      .from(cases)
      .where(and(where, sql`${cases.openedAt} >= ${s} and ${cases.openedAt} < ${e}`))
      .groupBy(cases.townCode, sql`2`),
    db
      .select({ townCode: cases.townCode, month: month(cases.closedAt), n })
      .from(cases)
      .where(and(where, sql`${cases.closedAt} >= ${s} and ${cases.closedAt} < ${e}`))
      .groupBy(cases.townCode, sql`2`),
  ]);
  return { openAtStart, opened, closed };
}

/**
 * The worklist as it stands, per town of the scope: open, closed and overdue (open, due before
 * today) — the totals the 销号 worklist shows for the same status and town.
 */
export function caseStateByTown(db: Executor, scope: AreaScope, today: string) {
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
    .where(townScopeCondition(towns.code, scope))
    .groupBy(towns.code, towns.name)
    .orderBy(asc(towns.code));
}
