import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { towns } from './areas';
import { imports } from './matching';
import { people } from './registry';
import { users } from './users';

export const medTypeEnum = pgEnum('med_type', ['inpatient', 'outpatient']);
/** settlement: a settlement (结算); reversal: a row of the export that cancels an earlier settlement (INIT_SETL_ID / 退费结算标志). */
export const assistanceKindEnum = pgEnum('assistance_kind', ['settlement', 'reversal']);
export const assistanceSourceEnum = pgEnum('assistance_source', ['import', 'manual', 'settlement']);

/**
 * 医疗救助 records: one settlement's medical assistance (MAF_PAY of SETL_D), imported from the
 * settlement export (idempotent by SETL_ID), entered by staff, or saved by the one-stop settlement.
 * A reversal row cancels its original (the original's reversed_by is set; neither counts), it never
 * adds to it. A record that takes the person's year past the annual cap (seed 004: 住院 and 门诊
 * together at most 5万元) is kept whole and flagged (cap_exceeded), never cut.
 * 人次 counts settlements that stand (not reversed, not reversals); 人数 distinct people.
 */
export const assistanceRecords = pgTable(
  'assistance_records',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** SETL_ID (结算ID); manual entries get 'MAN-<n>'. */
    settlementId: varchar({ length: 40 }).notNull().unique(),
    kind: assistanceKindEnum().notNull().default('settlement'),
    /** A reversal's original (INIT_SETL_ID, 原结算ID). */
    initSettlementId: varchar({ length: 40 }),
    /** Set on an original when a reversal cancels it. */
    reversedById: bigint({ mode: 'number' }),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** The person's town when the record was made (scope, town charts). */
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    /** 人员类别 of the year from the lists naming the person (the most favourable), null when not listed. */
    category: varchar({ length: 30 }),
    year: smallint().notNull(),
    settlementDate: date({ mode: 'string' }).notNull(),
    medType: medTypeEnum().notNull(),
    institutionCode: varchar({ length: 30 }),
    institutionName: varchar({ length: 100 }).notNull(),
    /** MEDFEE_SUMAMT 医疗费总额, INSCP_AMT 符合范围金额, MAF_PAY 医疗救助基金支出 — fen. */
    totalFen: bigint({ mode: 'number' }).notNull(),
    policyRangeFen: bigint({ mode: 'number' }).notNull(),
    assistanceFen: bigint({ mode: 'number' }).notNull(),
    /** The person's year-to-date assistance with this record passed the annual cap: flagged and reported. */
    capExceeded: boolean().notNull().default(false),
    source: assistanceSourceEnum().notNull().default('import'),
    importId: integer().references(() => imports.id),
    note: varchar({ length: 300 }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assistance_records_year_town_idx').on(t.year, t.townCode, t.settlementDate),
    index('assistance_records_person_year_idx').on(t.personId, t.year),
    index('assistance_records_init_idx').on(t.initSettlementId),
    check('assistance_records_amounts_ck', sql`${t.policyRangeFen} <= ${t.totalFen} or ${t.kind} = 'reversal'`),
    check('assistance_records_reversal_ck', sql`(${t.kind} = 'reversal') = (${t.initSettlementId} is not null)`),
  ],
);

/** Per year × town: the denominators of the coverage figures (admin). */
export const populationTargets = pgTable(
  'population_targets',
  {
    year: smallint().notNull(),
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    /** 常住人口 */
    residentPopulation: integer().notNull(),
    /** 参保任务数 (insured target) */
    insuredTarget: integer().notNull(),
    /** 扩面任务数 (expansion target) */
    expansionTarget: integer().notNull(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.townCode] }),
    check(
      'population_targets_positive_ck',
      sql`${t.residentPopulation} >= 0 and ${t.insuredTarget} >= 0 and ${t.expansionTarget} >= 0`,
    ),
  ],
);

export type AssistanceRecord = typeof assistanceRecords.$inferSelect;
export type NewAssistanceRecord = typeof assistanceRecords.$inferInsert;
export type PopulationTarget = typeof populationTargets.$inferSelect;
export type MedType = (typeof medTypeEnum.enumValues)[number];
