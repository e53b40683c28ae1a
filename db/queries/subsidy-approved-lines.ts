/** The lines of every approved batch of a year in a scope: the list behind the dashboard's 缴费资助 figures. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { people, subsidyBatches, subsidyLines, towns } from '../schema';
import { batchVisible } from './subsidy-batches';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';
import type { ApprovedLinesQuery } from '@/lib/schemas/subsidies';

/**
 * One page of the approved lines (town, category, kind and settlement filters) with the person, and
 * the totals of all of them: lines, people (distinct, by their roster or addition line, as the
 * dashboard counts them) and 元 (every line, signed changes included).
 */
export async function listApprovedLines(db: Executor, scope: AreaScope, q: ApprovedLinesQuery) {
  const where = and(
    eq(subsidyBatches.status, 'approved'),
    eq(subsidyLines.year, q.year),
    batchVisible(scope),
    townScopeCondition(subsidyLines.townCode, scope),
    q.townCode ? eq(subsidyLines.townCode, q.townCode) : undefined,
    q.category ? eq(subsidyLines.category, q.category) : undefined,
    q.kind ? eq(subsidyLines.kind, q.kind) : undefined,
    q.settlement ? eq(subsidyLines.settlement, q.settlement) : undefined,
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: subsidyLines.id,
        batchId: subsidyLines.batchId,
        kind: subsidyLines.kind,
        personId: subsidyLines.personId,
        name: people.name,
        idNumber: people.idNumber,
        birthDate: people.birthDate,
        townCode: subsidyLines.townCode,
        townName: towns.name,
        category: subsidyLines.category,
        tier: subsidyLines.tier,
        ageGroup: subsidyLines.ageGroup,
        contributionFen: subsidyLines.contributionFen,
        amountFen: subsidyLines.amountFen,
        paidFen: subsidyLines.paidFen,
        settlement: subsidyLines.settlement,
        approvedAt: subsidyBatches.approvedAt,
      })
      .from(subsidyLines)
      .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
      .innerJoin(people, eq(people.id, subsidyLines.personId))
      .innerJoin(towns, eq(towns.code, subsidyLines.townCode))
      .where(where)
      .orderBy(asc(subsidyLines.townCode), asc(people.name), asc(subsidyLines.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({
        total: sql<number>`count(*)`.mapWith(Number),
        people:
          sql<number>`count(distinct ${subsidyLines.personId}) filter (where ${subsidyLines.kind} <> 'change')`.mapWith(
            Number,
          ),
        amountFen: sql<number>`coalesce(sum(${subsidyLines.amountFen}), 0)`.mapWith(Number),
      })
      .from(subsidyLines)
      .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
      .where(where),
  ]);
  return { rows, ...totals };
}
