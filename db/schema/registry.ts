import { sql } from 'drizzle-orm';
import {
  char,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { towns } from './areas';

export const schemeEnum = pgEnum('scheme', ['resident', 'employee']);
export const tierEnum = pgEnum('tier', ['tier1', 'tier2']);
export const enrollmentStatusEnum = pgEnum('enrollment_status', ['active', 'suspended', 'terminated']);

/** 户 — a household registered in a town. */
export const households = pgTable('households', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  householdNo: varchar({ length: 30 }).notNull().unique(),
  townCode: varchar({ length: 9 })
    .notNull()
    .references(() => towns.code),
  village: varchar({ length: 50 }),
  address: varchar({ length: 200 }),
});

/** A person of the registry; gender and birth date derive from the ID number. */
export const people = pgTable(
  'people',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    idNumber: char({ length: 18 }).notNull().unique(),
    name: varchar({ length: 50 }).notNull(),
    gender: char({ length: 1 }).notNull(),
    birthDate: date({ mode: 'string' }).notNull(),
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    village: varchar({ length: 50 }),
    householdId: integer().references(() => households.id),
    relationToHead: varchar({ length: 20 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('people_town_name_idx').on(t.townCode, t.name, t.id),
    index('people_name_idx').on(t.name, t.id),
    // The person list's surname search (db/queries/persons.ts): under the C collation LIKE 'prefix%' is a
    // range of this index, walked in the list's order; the town is here so the count needs no heap.
    index('people_name_c_idx').on(sql`${t.name} collate "C"`, t.townCode, t.id),
    index('people_birth_date_idx').on(t.birthDate, t.id),
    index('people_household_idx').on(t.householdId),
  ],
);

/** One person's enrollment (参保) in one scheme for one year. */
export const enrollments = pgTable(
  'enrollments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    year: smallint().notNull(),
    scheme: schemeEnum().notNull(),
    tier: tierEnum(),
    status: enrollmentStatusEnum().notNull().default('active'),
    paidFen: integer().notNull().default(0),
    paidDate: date({ mode: 'string' }),
    source: varchar({ length: 20 }).notNull().default('manual'),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrollments_person_year_scheme_uq').on(t.personId, t.year, t.scheme),
    index('enrollments_year_person_idx')
      .on(t.year, t.personId)
      .where(sql`${t.status} = 'active'`),
  ],
);

export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;
export type Household = typeof households.$inferSelect;
export type Enrollment = typeof enrollments.$inferSelect;
export type NewEnrollment = typeof enrollments.$inferInsert;
export type Scheme = (typeof schemeEnum.enumValues)[number];
export type Tier = (typeof tierEnum.enumValues)[number];
export type EnrollmentStatus = (typeof enrollmentStatusEnum.enumValues)[number];
