import { integer, pgTable, primaryKey, smallint, varchar } from 'drizzle-orm/pg-core';
import { towns } from './areas';

/**
 * Exact registry totals per town (and per town and year), kept by statement-level triggers on
 * people and enrollments (migration 0004), so list totals over a whole district need no count(*)
 * over a million rows. registry_counts_rebuild() recomputes them from scratch.
 */
export const townPeopleCounts = pgTable('town_people_counts', {
  townCode: varchar({ length: 9 })
    .primaryKey()
    .references(() => towns.code),
  people: integer().notNull().default(0),
});

/** People with an active resident / employee enrollment in a year, and with both (重复参保). */
export const townYearCoverage = pgTable(
  'town_year_coverage',
  {
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    year: smallint().notNull(),
    resident: integer().notNull().default(0),
    employee: integer().notNull().default(0),
    bothSchemes: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.townCode, t.year] })],
);
