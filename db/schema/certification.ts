import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  uniqueIndex,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { towns } from './areas';
import { diseases, diseaseVersions, hospitals } from './hospitals';
import { people, schemeEnum } from './registry';
import { users } from './users';
import { evidenceFileColumns } from './evidence-columns';

export const certStatusEnum = pgEnum('cert_status', ['pending', 'approved', 'rejected', 'revoked']);
export const verdictEnum = pgEnum('spot_check_verdict', ['compliant', 'non_compliant']);

/**
 * 门诊慢特病认定: one application filed at a delegated hospital's workstation and its decision.
 * pending → approved | rejected (at the hospital) ; approved → revoked (at the agency).
 */
export const certifications = pgTable(
  'certifications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** The person's town when filed, for the agency's town filter and town scope. */
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    hospitalId: integer()
      .notNull()
      .references(() => hospitals.id),
    diseaseCode: varchar({ length: 16 })
      .notNull()
      .references(() => diseases.code),
    /** The catalog version the application was filed (and decided) under. */
    diseaseVersionId: integer()
      .notNull()
      .references(() => diseaseVersions.id),
    /** The person's scheme this year when filed. */
    scheme: schemeEnum().notNull(),
    icd10Code: varchar({ length: 16 }).notNull(),
    diagnosisText: varchar({ length: 200 }).notNull(),
    doctor: varchar({ length: 50 }).notNull(),
    diagnosisDate: date({ mode: 'string' }).notNull(),
    status: certStatusEnum().notNull().default('pending'),
    /** 认定结果告知单 number, given on approval: MT-<hospital code>-<year>-<serial>. */
    certificateNo: varchar({ length: 40 }).unique(),
    startDate: date({ mode: 'string' }),
    /** null: review-exempt (免复审), valid until revoked. */
    endDate: date({ mode: 'string' }),
    rejectReason: varchar({ length: 500 }),
    filedBy: integer()
      .notNull()
      .references(() => users.id),
    filedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: integer().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    revokeReason: varchar({ length: 500 }),
    revokedBy: integer().references(() => users.id),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('certifications_person_idx').on(t.personId, t.diseaseCode),
    // One pending application per person and disease at a hospital (a second filing is refused).
    uniqueIndex('certifications_one_pending_uq')
      .on(t.personId, t.diseaseCode, t.hospitalId)
      .where(sql`status = 'pending'`),
    index('certifications_hospital_filed_idx').on(t.hospitalId, t.filedAt),
    index('certifications_hospital_decided_idx').on(t.hospitalId, t.decidedAt),
    index('certifications_end_idx')
      .on(t.endDate)
      .where(sql`status = 'approved' and end_date is not null`),
    index('certifications_town_idx').on(t.townCode),
    check(
      'certifications_decision_consistent',
      sql`(status = 'pending' and decided_at is null)
        or (status = 'rejected' and decided_at is not null and reject_reason is not null)
        or (status in ('approved', 'revoked') and decided_at is not null and start_date is not null and certificate_no is not null)`,
    ),
    check(
      'certifications_revoked_has_reason',
      sql`status <> 'revoked' or (revoke_reason is not null and revoked_at is not null)`,
    ),
  ],
);

/** Evidence files of an application (PDF/JPG/PNG ≤ 10 MB), stored in Postgres like case evidence. */
export const certificationEvidence = pgTable(
  'certification_evidence',
  {
    ...evidenceFileColumns(),
    certificationId: integer()
      .notNull()
      .references(() => certifications.id),
  },
  (t) => [index('certification_evidence_cert_idx').on(t.certificationId)],
);

/** Per hospital and year, the last certificate serial handed out (row lock serializes approvals). */
export const certificateSerials = pgTable(
  'certificate_serials',
  {
    hospitalId: integer()
      .notNull()
      .references(() => hospitals.id),
    year: smallint().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.hospitalId, t.year] })],
);

/**
 * 抽查: a reproducible random draw of one hospital's decisions (decidedAt within the period).
 * Redraw = same population (hospital, period) + seed + algorithm.
 */
export const spotChecks = pgTable(
  'spot_checks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer()
      .notNull()
      .references(() => hospitals.id),
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    percent: smallint(),
    count: integer(),
    seed: varchar({ length: 100 }).notNull(),
    algorithm: varchar({ length: 60 }).notNull(),
    populationSize: integer().notNull(),
    note: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('spot_checks_hospital_idx').on(t.hospitalId, t.createdAt),
    check('spot_checks_one_spec', sql`(percent is null) <> (count is null)`),
  ],
);

/** One sampled decision and its verdict (合规/不合规 + note). */
export const spotCheckItems = pgTable(
  'spot_check_items',
  {
    spotCheckId: integer()
      .notNull()
      .references(() => spotChecks.id),
    certificationId: integer()
      .notNull()
      .references(() => certifications.id),
    verdict: verdictEnum(),
    note: varchar({ length: 500 }),
    decidedBy: integer().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.spotCheckId, t.certificationId] }),
    index('spot_check_items_cert_idx').on(t.certificationId),
  ],
);

export type Certification = typeof certifications.$inferSelect;
export type SpotCheck = typeof spotChecks.$inferSelect;
