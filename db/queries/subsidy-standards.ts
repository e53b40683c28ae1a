import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { contributionStandards, subsidyRules, users, type ContributionStandard } from '../schema';
import type { PersonCategory } from '@/lib/domain/list-row';
import type { Contributions } from '@/lib/domain/subsidy';
import type { YearStandards } from '@/lib/domain/subsidy-roster';

/** Every version of the contribution standards, newest year first, with who made it. */
export function allContributionVersions(db: Executor) {
  return db
    .select({ standard: contributionStandards, createdByName: users.displayName })
    .from(contributionStandards)
    .leftJoin(users, eq(users.id, contributionStandards.createdBy))
    .orderBy(desc(contributionStandards.year), desc(contributionStandards.effectiveFrom));
}

/** Every version of every subsidy rule, newest year first. */
export function allRuleVersions(db: Executor) {
  return db
    .select({ rule: subsidyRules, createdByName: users.displayName })
    .from(subsidyRules)
    .leftJoin(users, eq(users.id, subsidyRules.createdBy))
    .orderBy(desc(subsidyRules.year), asc(subsidyRules.category), desc(subsidyRules.effectiveFrom));
}

export async function insertContributionVersion(db: Executor, values: typeof contributionStandards.$inferInsert) {
  const [row] = await db.insert(contributionStandards).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function insertRuleVersion(db: Executor, values: typeof subsidyRules.$inferInsert) {
  const [row] = await db.insert(subsidyRules).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Serializes changes of one year's standards (two admins adding a version at once). */
export async function lockStandardsYear(db: Executor, year: number): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('subsidy-standards'), ${year})`);
}

export function contributionsOf(s: ContributionStandard): Contributions {
  return {
    tier1: { adult: s.tier1AdultFen, minor: s.tier1MinorFen, student: s.tier1StudentFen },
    tier2: { adult: s.tier2AdultFen, minor: s.tier2MinorFen, student: s.tier2StudentFen },
  };
}

/** The contribution standard of a year in force on a day (the latest version from on or before it). */
export async function contributionOn(db: Executor, year: number, on: string): Promise<ContributionStandard | null> {
  const [row] = await db
    .select()
    .from(contributionStandards)
    .where(and(eq(contributionStandards.year, year), lte(contributionStandards.effectiveFrom, on)))
    .orderBy(desc(contributionStandards.effectiveFrom))
    .limit(1);
  return row ?? null;
}

/** The rules of a year in force on a day: per category, the latest version from on or before it. */
export async function rulesOn(db: Executor, year: number, on: string) {
  return db
    .selectDistinctOn([subsidyRules.category])
    .from(subsidyRules)
    .where(and(eq(subsidyRules.year, year), lte(subsidyRules.effectiveFrom, on)))
    .orderBy(asc(subsidyRules.category), desc(subsidyRules.effectiveFrom));
}

/** A year's standards in force on a day, as the domain takes them; null when the year has no contribution standard. */
export async function yearStandardsOn(db: Executor, year: number, on: string): Promise<YearStandards | null> {
  const standard = await contributionOn(db, year, on);
  if (!standard) return null;
  const rules = await rulesOn(db, year, on);
  return {
    standardId: standard.id,
    contributions: contributionsOf(standard),
    rules: rules.map((r) =>
      r.kind === 'full'
        ? { category: r.category as PersonCategory, kind: 'full' as const, ruleId: r.id }
        : { category: r.category as PersonCategory, kind: 'fixed' as const, amountFen: r.amountFen!, ruleId: r.id },
    ),
  };
}
