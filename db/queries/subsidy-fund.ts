/** The pre-allocated fiscal fund (财政预拨资金): an append-only ledger whose balance a trigger keeps (≥ 0 by CHECK). */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { districts, subsidyFundEntries, subsidyFunds, users } from '../schema';
import { districtScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';

export async function insertFundEntry(db: Executor, values: typeof subsidyFundEntries.$inferInsert) {
  const [row] = await db.insert(subsidyFundEntries).values(values).returning();
  return row;
}

export async function fundBalance(db: Executor, districtCode: string, year: number): Promise<number> {
  const [row] = await db
    .select({ balance: subsidyFunds.balanceFen })
    .from(subsidyFunds)
    .where(and(eq(subsidyFunds.districtCode, districtCode), eq(subsidyFunds.year, year)));
  return row?.balance ?? 0;
}

/** The funds of a year in the scope (by district), with what was allocated and used. */
export function fundsOfYear(db: Executor, scope: AreaScope, year: number) {
  return db
    .select({
      districtCode: districts.code,
      districtName: districts.name,
      balanceFen: sql<number>`coalesce(${subsidyFunds.balanceFen}, 0)`.mapWith(Number),
      allocatedFen:
        sql<number>`coalesce((select sum(amount_fen) from subsidy_fund_entries e where e.district_code = ${districts.code} and e.year = ${year} and e.kind = 'allocation'), 0)`.mapWith(
          Number,
        ),
      usedFen:
        sql<number>`coalesce((select -sum(amount_fen) from subsidy_fund_entries e where e.district_code = ${districts.code} and e.year = ${year} and e.kind = 'use'), 0)`.mapWith(
          Number,
        ),
    })
    .from(districts)
    .leftJoin(subsidyFunds, and(eq(subsidyFunds.districtCode, districts.code), eq(subsidyFunds.year, year)))
    .where(districtScopeCondition(districts.code, scope))
    .orderBy(districts.code);
}

/** The ledger of a year in the scope, newest first. */
export function fundEntries(db: Executor, scope: AreaScope, year: number) {
  return db
    .select({
      id: subsidyFundEntries.id,
      districtCode: subsidyFundEntries.districtCode,
      kind: subsidyFundEntries.kind,
      amountFen: subsidyFundEntries.amountFen,
      batchId: subsidyFundEntries.batchId,
      note: subsidyFundEntries.note,
      createdByName: users.displayName,
      createdAt: subsidyFundEntries.createdAt,
    })
    .from(subsidyFundEntries)
    .innerJoin(users, eq(users.id, subsidyFundEntries.createdBy))
    .where(and(eq(subsidyFundEntries.year, year), districtScopeCondition(subsidyFundEntries.districtCode, scope)))
    .orderBy(desc(subsidyFundEntries.id))
    .limit(500);
}
