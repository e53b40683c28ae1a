import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { districts, towns } from './areas';
import { people, tierEnum } from './registry';
import { users } from './users';
import type { RosterDiff } from '@/lib/domain/subsidy-roster';

export const subsidyRuleKindEnum = pgEnum('subsidy_rule_kind', ['full', 'fixed']);
export const ageGroupEnum = pgEnum('age_group', ['adult', 'minor', 'student']);
export const subsidyBatchStatusEnum = pgEnum('subsidy_batch_status', ['draft', 'submitted', 'returned', 'approved']);
/** roster: the year's first line of a person; addition: a person added after their town's roster was approved; change: a signed delta to a frozen line. */
export const subsidyLineKindEnum = pgEnum('subsidy_line_kind', ['roster', 'addition', 'change']);
/** How a line is paid: the fiscal subsidy pushed as a special payment bill, a refund to a person who paid, or the pre-allocated fund. */
export const subsidySettlementEnum = pgEnum('subsidy_settlement', ['subsidy', 'refund', 'fund']);
export const refundStatusEnum = pgEnum('refund_status', ['pending', 'refunded', 'failed']);
export const fundEntryKindEnum = pgEnum('fund_entry_kind', ['allocation', 'use']);

/**
 * The personal contribution of a year (个人缴费标准) by tier and age group, in fen, and the
 * collection window. A change is a new version (effective_from); versions are never edited.
 */
export const contributionStandards = pgTable(
  'contribution_standards',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    tier1AdultFen: integer().notNull(),
    tier1MinorFen: integer().notNull(),
    tier1StudentFen: integer().notNull(),
    tier2AdultFen: integer().notNull(),
    tier2MinorFen: integer().notNull(),
    tier2StudentFen: integer().notNull(),
    collectionFrom: date({ mode: 'string' }).notNull(),
    collectionTo: date({ mode: 'string' }).notNull(),
    /** 文号 of the policy document. */
    docRef: varchar({ length: 200 }).notNull(),
    /** Fields whose values are demo values the seeds do not give (shown as 示例). */
    exampleFields: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contribution_standards_year_from_uq').on(t.year, t.effectiveFrom),
    check(
      'contribution_standards_amounts_ck',
      sql`${t.tier1AdultFen} >= 0 and ${t.tier1MinorFen} >= 0 and ${t.tier1StudentFen} >= 0 and ${t.tier2AdultFen} >= 0 and ${t.tier2MinorFen} >= 0 and ${t.tier2StudentFen} >= 0`,
    ),
    check('contribution_standards_window_ck', sql`${t.collectionFrom} <= ${t.collectionTo}`),
  ],
);

/** Per year × category: `full` (the whole personal contribution) or `fixed` (an amount, capped at the contribution). Versions only. */
export const subsidyRules = pgTable(
  'subsidy_rules',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    category: varchar({ length: 30 }).notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    kind: subsidyRuleKindEnum().notNull(),
    amountFen: integer(),
    docRef: varchar({ length: 200 }).notNull(),
    /** The amount (or the rule itself) is a demo value the seeds do not give (示例). */
    isExample: boolean().notNull().default(false),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subsidy_rules_year_category_from_uq').on(t.year, t.category, t.effectiveFrom),
    check(
      'subsidy_rules_amount_ck',
      sql`(${t.kind} = 'full' and ${t.amountFen} is null) or (${t.kind} = 'fixed' and ${t.amountFen} > 0)`,
    ),
  ],
);

/**
 * A roster batch: prepared by agency staff for a year and a district (or one town), submitted,
 * then approved or returned by another user. An approved batch and its lines are frozen (triggers
 * in drizzle/0012); approver ≠ preparer is a CHECK.
 */
export const subsidyBatches = pgTable(
  'subsidy_batches',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    districtCode: varchar({ length: 6 })
      .notNull()
      .references(() => districts.code),
    /** null: the whole district. */
    townCode: varchar({ length: 9 }).references(() => towns.code),
    status: subsidyBatchStatusEnum().notNull().default('draft'),
    preparedBy: integer()
      .notNull()
      .references(() => users.id),
    generatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    approvedBy: integer().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
    returnedBy: integer().references(() => users.id),
    returnedAt: timestamp({ withTimezone: true }),
    returnNote: varchar({ length: 500 }),
    /** The difference from the roster this generation replaced or adjusted (lib/domain/subsidy-roster.ts). */
    diff: jsonb().$type<RosterDiff>(),
  },
  (t) => [
    index('subsidy_batches_year_idx').on(t.year, t.districtCode),
    check('subsidy_batches_four_eyes_ck', sql`${t.approvedBy} <> ${t.preparedBy}`),
    check(
      'subsidy_batches_approved_ck',
      sql`(${t.status} = 'approved') = (${t.approvedBy} is not null and ${t.approvedAt} is not null)`,
    ),
  ],
);

/** One line of a batch: a person's subsidy (roster / addition) or a signed change to a frozen line. */
export const subsidyLines = pgTable(
  'subsidy_lines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Checked once per statement by a trigger (drizzle/0016), not per row: batches are never deleted. */
    batchId: integer().notNull(),
    year: smallint().notNull(),
    kind: subsidyLineKindEnum().notNull(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    category: varchar({ length: 30 }).notNull(),
    /** The list source of the winning entry. */
    source: varchar({ length: 30 }).notNull(),
    tier: tierEnum().notNull(),
    ageGroup: ageGroupEnum().notNull(),
    contributionFen: integer().notNull(),
    /** roster/addition: the subsidy (> 0, ≤ contribution); change: the signed delta. */
    amountFen: integer().notNull(),
    /** What the person had paid themselves when the line was made. */
    paidFen: integer().notNull().default(0),
    settlement: subsidySettlementEnum().notNull().default('subsidy'),
    /** change: the frozen line it adjusts. */
    refLineId: integer(),
    /** The standard and rule versions used; checked once per statement (drizzle/0016): versions are never deleted. */
    standardId: integer(),
    ruleId: integer(),
  },
  (t) => [
    index('subsidy_lines_batch_idx').on(t.batchId, t.townCode),
    index('subsidy_lines_person_idx').on(t.personId, t.year),
    // One first line (roster or mid-year addition) per person and year, whatever the batch.
    uniqueIndex('subsidy_lines_one_base_uq')
      .on(t.year, t.personId)
      .where(sql`kind <> 'change'`),
    check(
      'subsidy_lines_amount_ck',
      sql`(${t.kind} = 'change' and ${t.refLineId} is not null and ${t.amountFen} <> 0) or (${t.kind} <> 'change' and ${t.refLineId} is null and ${t.amountFen} > 0 and ${t.amountFen} <= ${t.contributionFen})`,
    ),
  ],
);

/** A refund to a person added mid-year who had already paid (年中新增人员，已缴费的按规定标准返还本人). */
export const subsidyRefunds = pgTable(
  'subsidy_refunds',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    lineId: integer()
      .notNull()
      .unique()
      .references(() => subsidyLines.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    year: smallint().notNull(),
    amountFen: integer().notNull(),
    status: refundStatusEnum().notNull().default('pending'),
    /** Bank and account, masked (e.g. 农业银行 6228********1234): the portal keeps no full account number. */
    accountRef: varchar({ length: 80 }),
    statusDate: date({ mode: 'string' }),
    failReason: varchar({ length: 300 }),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('subsidy_refunds_year_town_idx').on(t.year, t.townCode, t.status),
    check('subsidy_refunds_amount_ck', sql`${t.amountFen} > 0`),
    check('subsidy_refunds_failed_ck', sql`${t.status} <> 'failed' or ${t.failReason} is not null`),
  ],
);

/** The pre-allocated fiscal fund (财政预拨资金) of a district and year: its balance never goes below zero. */
export const subsidyFunds = pgTable(
  'subsidy_funds',
  {
    districtCode: varchar({ length: 6 })
      .notNull()
      .references(() => districts.code),
    year: smallint().notNull(),
    balanceFen: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.districtCode, t.year] }),
    check('subsidy_funds_balance_ck', sql`${t.balanceFen} >= 0`),
  ],
);

/** The fund's ledger, append-only: allocations in (> 0), uses out (< 0); a trigger keeps subsidy_funds.balance. */
export const subsidyFundEntries = pgTable(
  'subsidy_fund_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtCode: varchar({ length: 6 })
      .notNull()
      .references(() => districts.code),
    year: smallint().notNull(),
    kind: fundEntryKindEnum().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    batchId: integer().references(() => subsidyBatches.id),
    note: varchar({ length: 300 }),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('subsidy_fund_entries_year_idx').on(t.districtCode, t.year, t.createdAt),
    check(
      'subsidy_fund_entries_sign_ck',
      sql`(${t.kind} = 'allocation' and ${t.amountFen} > 0) or (${t.kind} = 'use' and ${t.amountFen} < 0 and ${t.batchId} is not null)`,
    ),
  ],
);

export type ContributionStandard = typeof contributionStandards.$inferSelect;
export type SubsidyRuleRow = typeof subsidyRules.$inferSelect;
export type SubsidyBatch = typeof subsidyBatches.$inferSelect;
export type SubsidyLine = typeof subsidyLines.$inferSelect;
export type SubsidyRefund = typeof subsidyRefunds.$inferSelect;
export type SubsidyBatchStatus = (typeof subsidyBatchStatusEnum.enumValues)[number];
export type RefundStatus = (typeof refundStatusEnum.enumValues)[number];
