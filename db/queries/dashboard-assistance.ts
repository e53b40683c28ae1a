import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { assistanceRecords, towns } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

export interface AssistanceFilter {
  year: number;
  townCode?: string;
  /** Settlement dates in [from, endExclusive). */
  from: string;
  endExclusive: string;
}

/**
 * The records that count: settlements that stand (kind 'settlement', not reversed) — 人次 counts
 * them, 人数 their distinct people, 元 their assistance — in the scope, year, town and period.
 */
function standing(scope: AreaScope, f: AssistanceFilter): SQL | undefined {
  return and(
    eq(assistanceRecords.kind, 'settlement'),
    sql`${assistanceRecords.reversedById} is null`,
    eq(assistanceRecords.year, f.year),
    townScopeCondition(assistanceRecords.townCode, scope),
    f.townCode ? eq(assistanceRecords.townCode, f.townCode) : undefined,
    gte(assistanceRecords.settlementDate, f.from),
    lt(assistanceRecords.settlementDate, f.endExclusive),
  );
}

const sums = {
  personTimes: sql<number>`count(*)`.mapWith(Number),
  people: sql<number>`count(distinct ${assistanceRecords.personId})`.mapWith(Number),
  assistanceFen: sql<number>`coalesce(sum(${assistanceRecords.assistanceFen}), 0)`.mapWith(Number),
  inpatientFen:
    sql<number>`coalesce(sum(${assistanceRecords.assistanceFen}) filter (where ${assistanceRecords.medType} = 'inpatient'), 0)`.mapWith(
      Number,
    ),
  outpatientFen:
    sql<number>`coalesce(sum(${assistanceRecords.assistanceFen}) filter (where ${assistanceRecords.medType} = 'outpatient'), 0)`.mapWith(
      Number,
    ),
  inpatientTimes: sql<number>`count(*) filter (where ${assistanceRecords.medType} = 'inpatient')`.mapWith(Number),
  outpatientTimes: sql<number>`count(*) filter (where ${assistanceRecords.medType} = 'outpatient')`.mapWith(Number),
  inpatientPeople:
    sql<number>`count(distinct ${assistanceRecords.personId}) filter (where ${assistanceRecords.medType} = 'inpatient')`.mapWith(
      Number,
    ),
  outpatientPeople:
    sql<number>`count(distinct ${assistanceRecords.personId}) filter (where ${assistanceRecords.medType} = 'outpatient')`.mapWith(
      Number,
    ),
  /** People with a standing record flagged as passing the annual cap. */
  peopleOverCap:
    sql<number>`count(distinct ${assistanceRecords.personId}) filter (where ${assistanceRecords.capExceeded})`.mapWith(
      Number,
    ),
};

/** 医疗救助 by month, category and town, and in total (see `standing`). */
export async function assistanceAggregates(db: Executor, scope: AreaScope, f: AssistanceFilter) {
  const where = standing(scope, f);
  const [months, categories, byTown, [totals]] = await Promise.all([
    db
      .select({
        month: sql<number>`extract(month from ${assistanceRecords.settlementDate})::int`.mapWith(Number),
        ...sums,
      })
      .from(assistanceRecords)
      .where(where)
      .groupBy(sql`1`),
    db
      .select({ category: assistanceRecords.category, ...sums })
      .from(assistanceRecords)
      .where(where)
      .groupBy(assistanceRecords.category),
    db
      .select({ townCode: assistanceRecords.townCode, townName: towns.name, ...sums })
      .from(assistanceRecords)
      .innerJoin(towns, eq(towns.code, assistanceRecords.townCode))
      .where(where)
      .groupBy(assistanceRecords.townCode, towns.name),
    db.select(sums).from(assistanceRecords).where(where),
  ]);
  return { months, categories, towns: byTown, totals };
}
