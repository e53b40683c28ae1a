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
  smallint,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { towns } from './areas';
import { assistanceRecords } from './assistance';
import { hospitals } from './hospitals';
import { people } from './registry';
import { users } from './users';
import type { SettlementPolicy } from '@/lib/domain/settlement-policy';
import type { LayerResult, YearToDate } from '@/lib/domain/settlement';

export const settlementStayStatusEnum = pgEnum('settlement_stay_status', ['saved', 'cancelled']);

/**
 * 一站式结算 policy of a year (六重保障: every threshold, rate and cap), as versions: a change is a new
 * version of the year, never an edit (the database refuses UPDATE and DELETE). The highest version of
 * a year is in force; each saved stay records the version it was settled under.
 */
export const settlementPolicies = pgTable(
  'settlement_policies',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    version: smallint().notNull(),
    params: jsonb().$type<SettlementPolicy>().notNull(),
    /** 文号 or source of the values. */
    docRef: varchar({ length: 200 }).notNull(),
    note: varchar({ length: 300 }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('settlement_policies_year_version_uq').on(t.year, t.version)],
);

/**
 * A saved hospital stay of a person settled through the six layers. The person's saved stays of a
 * calendar year, in (settlement_date, id) order, are each other's year to date; correcting or
 * cancelling one settles the later ones again (their amounts and detail are rewritten, audited).
 * A correction cancels the original and saves a new stay pointing to it (corrected_from_id).
 * The stay's 医疗救助 + 再救助 (layers 4 and 6) stand as one assistance record (source 'settlement').
 */
export const settlementStays = pgTable(
  'settlement_stays',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** The person's town when the stay was saved (agency scope). */
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    /** The treating hospital (hospital scope). */
    hospitalId: integer()
      .notNull()
      .references(() => hospitals.id),
    year: smallint().notNull(),
    settlementDate: date({ mode: 'string' }).notNull(),
    admissionDate: date({ mode: 'string' }),
    /** T and C (fen); N = T − C. */
    totalFen: bigint({ mode: 'number' }).notNull(),
    policyRangeFen: bigint({ mode: 'number' }).notNull(),
    /** 1/2/3 一级/二级/三级 and 1/2 一档/二档, as settled. */
    level: smallint().notNull(),
    tier: smallint().notNull(),
    /** 转诊转院 / 异地急诊. */
    referral: boolean().notNull(),
    status: settlementStayStatusEnum().notNull().default('saved'),
    policyId: integer()
      .notNull()
      .references(() => settlementPolicies.id),
    /** Layer amounts (fen) and the person's share, as last settled. */
    basicFen: bigint({ mode: 'number' }).notNull(),
    criticalFen: bigint({ mode: 'number' }).notNull(),
    hospitalWaiverFen: bigint({ mode: 'number' }).notNull(),
    assistanceFen: bigint({ mode: 'number' }).notNull(),
    commercialFen: bigint({ mode: 'number' }).notNull(),
    reAssistanceFen: bigint({ mode: 'number' }).notNull(),
    personFen: bigint({ mode: 'number' }).notNull(),
    /** Every layer's figures and the year to date before/after, for the page and the 结算单. */
    detail: jsonb()
      .$type<{ layers: LayerResult[]; ytdBefore: YearToDate; ytdAfter: YearToDate; referralShareFen: number }>()
      .notNull(),
    /** The stay this one corrects (that one is cancelled). */
    correctedFromId: bigint({ mode: 'number' }),
    /** The imported settlement record (SETL_ID) the figures were taken from, if any. */
    sourceSettlementId: varchar({ length: 40 }),
    /** The standing assistance record of layers 4 + 6, if they paid anything. */
    assistanceRecordId: bigint({ mode: 'number' }).references(() => assistanceRecords.id),
    note: varchar({ length: 300 }),
    cancelReason: varchar({ length: 300 }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('settlement_stays_person_year_idx').on(t.personId, t.year, t.settlementDate, t.id),
    index('settlement_stays_hospital_idx').on(t.hospitalId, t.settlementDate),
    index('settlement_stays_town_idx').on(t.townCode, t.year),
    check('settlement_stays_amounts_ck', sql`${t.policyRangeFen} >= 0 and ${t.policyRangeFen} <= ${t.totalFen}`),
    check('settlement_stays_level_ck', sql`${t.level} between 1 and 3 and ${t.tier} between 1 and 2`),
    check(
      'settlement_stays_sum_ck',
      sql`${t.basicFen} + ${t.criticalFen} + ${t.hospitalWaiverFen} + ${t.assistanceFen} + ${t.commercialFen} + ${t.reAssistanceFen} + ${t.personFen} = ${t.totalFen}`,
    ),
  ],
);

export type SettlementPolicyRow = typeof settlementPolicies.$inferSelect;
export type SettlementStayRow = typeof settlementStays.$inferSelect;
export type NewSettlementStay = typeof settlementStays.$inferInsert;
