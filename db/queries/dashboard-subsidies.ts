import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { subsidyBatches, subsidyLines, subsidyRefunds, towns } from '../schema';
import { batchVisible } from './subsidy-batches';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

/**
 * What approved batches of the year pay, per town and category of the lines (lines carry their
 * person's town): people (distinct, by their roster or addition line) and 元 (every line, signed
 * changes included).
 */
export function approvedSubsidies(db: Executor, scope: AreaScope, year: number, townCode: string | undefined) {
  return db
    .select({
      townCode: subsidyLines.townCode,
      townName: towns.name,
      category: subsidyLines.category,
      people:
        sql<number>`count(distinct ${subsidyLines.personId}) filter (where ${subsidyLines.kind} <> 'change')`.mapWith(
          Number,
        ),
      amountFen: sql<number>`coalesce(sum(${subsidyLines.amountFen}), 0)`.mapWith(Number),
      refundFen:
        sql<number>`coalesce(sum(${subsidyLines.amountFen}) filter (where ${subsidyLines.settlement} = 'refund'), 0)`.mapWith(
          Number,
        ),
      fundFen:
        sql<number>`coalesce(sum(${subsidyLines.amountFen}) filter (where ${subsidyLines.settlement} = 'fund'), 0)`.mapWith(
          Number,
        ),
    })
    .from(subsidyLines)
    .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
    .innerJoin(towns, eq(towns.code, subsidyLines.townCode))
    .where(
      and(
        eq(subsidyBatches.status, 'approved'),
        eq(subsidyLines.year, year),
        batchVisible(scope),
        townScopeCondition(subsidyLines.townCode, scope),
        townCode ? eq(subsidyLines.townCode, townCode) : undefined,
      ),
    )
    .groupBy(subsidyLines.townCode, towns.name, subsidyLines.category);
}

/** Distinct people paid by approved batches of the year in the scope (a person on lines of two categories counts once). */
export async function approvedSubsidyPeople(
  db: Executor,
  scope: AreaScope,
  year: number,
  townCode: string | undefined,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${subsidyLines.personId})`.mapWith(Number) })
    .from(subsidyLines)
    .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
    .where(
      and(
        eq(subsidyBatches.status, 'approved'),
        eq(subsidyLines.year, year),
        sql`${subsidyLines.kind} <> 'change'`,
        batchVisible(scope),
        townScopeCondition(subsidyLines.townCode, scope),
        townCode ? eq(subsidyLines.townCode, townCode) : undefined,
      ),
    );
  return row.n;
}

/** Refunds of the year in the scope by status: count and 元 (the refund list's rows for the same year and status). */
export function refundsByStatus(db: Executor, scope: AreaScope, year: number, townCode: string | undefined) {
  return db
    .select({
      status: subsidyRefunds.status,
      count: sql<number>`count(*)`.mapWith(Number),
      amountFen: sql<number>`coalesce(sum(${subsidyRefunds.amountFen}), 0)`.mapWith(Number),
    })
    .from(subsidyRefunds)
    .where(
      and(
        eq(subsidyRefunds.year, year),
        townScopeCondition(subsidyRefunds.townCode, scope),
        townCode ? eq(subsidyRefunds.townCode, townCode) : undefined,
      ),
    )
    .groupBy(subsidyRefunds.status);
}
