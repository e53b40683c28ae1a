import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { assistanceRecords, towns } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

/**
 * The records that count: settlements that stand (kind 'settlement', not reversed) — 人次 counts
 * them, 人数 their distinct people, 元 their assistance — of the year (settlement date) in the scope.
 */
function standing(scope: AreaScope, year: number): SQL | undefined {
  return and(
    eq(assistanceRecords.kind, 'settlement'),
    sql`${assistanceRecords.reversedById} is null`,
    eq(assistanceRecords.year, year),
    townScopeCondition(assistanceRecords.townCode, scope),
    gte(assistanceRecords.settlementDate, `${year}-01-01`),
    lt(assistanceRecords.settlementDate, `${year + 1}-01-01`),
  );
}

/**
 * The year's roll-ups the assistance panel derives every town and month range from
 * (lib/domain/assistance-rollup.ts): settlements and 元 per month × town × category × medical type,
 * and per person × town × category the masks of months (bit m − 1) with a standing inpatient /
 * outpatient settlement and with one past the cap — standing records of the year in the scope, as
 * `standing` selects them. Rows by person id. Selects only (the read client).
 */
export async function assistanceYearRollups(db: Executor, scope: AreaScope, year: number) {
  const where = standing(scope, year);
  const month = sql<number>`extract(month from ${assistanceRecords.settlementDate})::int`;
  const bit = sql`(1 << (extract(month from ${assistanceRecords.settlementDate})::int - 1))`;
  const maskWhere = (cond: SQL) => sql<number>`coalesce(bit_or(${bit}) filter (where ${cond}), 0)`.mapWith(Number);
  const [sums, people] = await Promise.all([
    db
      .select({
        month: month.mapWith(Number),
        townCode: assistanceRecords.townCode,
        category: assistanceRecords.category,
        inpatient: sql<boolean>`${assistanceRecords.medType} = 'inpatient'`,
        times: sql<number>`count(*)`.mapWith(Number),
        fen: sql<number>`coalesce(sum(${assistanceRecords.assistanceFen}), 0)`.mapWith(Number),
      })
      .from(assistanceRecords)
      .where(where)
      .groupBy(sql`1`, assistanceRecords.townCode, assistanceRecords.category, sql`4`),
    db
      .select({
        personId: assistanceRecords.personId,
        townCode: assistanceRecords.townCode,
        category: assistanceRecords.category,
        inMask: maskWhere(sql`${assistanceRecords.medType} = 'inpatient'`),
        outMask: maskWhere(sql`${assistanceRecords.medType} = 'outpatient'`),
        capMask: maskWhere(sql`${assistanceRecords.capExceeded}`),
      })
      .from(assistanceRecords)
      .where(where)
      .groupBy(assistanceRecords.personId, assistanceRecords.townCode, assistanceRecords.category)
      .orderBy(assistanceRecords.personId),
  ]);
  return { sums, people };
}

/** Names of the towns by code. */
export async function townNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.select({ code: towns.code, name: towns.name }).from(towns);
  return new Map(rows.map((r) => [r.code, r.name]));
}
