import { pgTable, varchar } from 'drizzle-orm/pg-core';

/** 区县 within the pooling area (统筹区). */
export const districts = pgTable('districts', {
  code: varchar({ length: 6 }).primaryKey(),
  name: varchar({ length: 50 }).notNull(),
});

/** 镇/街道 — the unit that town-scoped staff work in. */
export const towns = pgTable('towns', {
  code: varchar({ length: 9 }).primaryKey(),
  name: varchar({ length: 50 }).notNull(),
  districtCode: varchar({ length: 6 })
    .notNull()
    .references(() => districts.code),
});

export type District = typeof districts.$inferSelect;
export type Town = typeof towns.$inferSelect;
