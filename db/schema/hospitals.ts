import {
  boolean,
  date,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { districts } from './areas';

export const hospitalLevelEnum = pgEnum('hospital_level', ['level1', 'level2', 'level3']);
export const diseaseKindEnum = pgEnum('disease_kind', ['chronic', 'special']);

/** 定点医疗机构; code is H + 6-digit area + 5-digit serial. */
export const hospitals = pgTable('hospitals', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: varchar({ length: 12 }).notNull().unique(),
  name: varchar({ length: 100 }).notNull(),
  level: hospitalLevelEnum().notNull(),
  districtCode: varchar({ length: 6 })
    .notNull()
    .references(() => districts.code),
  active: boolean().notNull().default(true),
});

/** 门诊慢特病 catalog entry: the code is its identity; everything else lives in dated versions. */
export const diseases = pgTable('diseases', {
  code: varchar({ length: 16 }).primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A version of a catalog entry (门慢 = chronic, 门特 = special), in force from `effectiveFrom` until
 * the next version's date. A change is a new row, never an update, so a past decision can always be
 * traced to the rules it was made under.
 */
export const diseaseVersions = pgTable(
  'disease_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    diseaseCode: varchar({ length: 16 })
      .notNull()
      .references(() => diseases.code),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    name: varchar({ length: 100 }).notNull(),
    kind: diseaseKindEnum().notNull(),
    forResident: boolean().notNull(),
    forEmployee: boolean().notNull(),
    reviewExempt: boolean().notNull().default(false),
    validityMonths: integer(),
    entryCriteria: text(),
    requiredEvidence: text(),
    active: boolean().notNull().default(true),
    createdBy: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('disease_versions_code_from_idx').on(t.diseaseCode, t.effectiveFrom)],
);

/** Which diseases a hospital may certify, and since when. */
export const hospitalDiseases = pgTable(
  'hospital_diseases',
  {
    hospitalId: integer()
      .notNull()
      .references(() => hospitals.id),
    diseaseCode: varchar({ length: 16 })
      .notNull()
      .references(() => diseases.code),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.hospitalId, t.diseaseCode, t.validFrom] })],
);

export type Hospital = typeof hospitals.$inferSelect;
export type DiseaseVersion = typeof diseaseVersions.$inferSelect;
