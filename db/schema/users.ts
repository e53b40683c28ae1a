import { boolean, integer, pgEnum, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { districts, towns } from './areas';
import { hospitals } from './hospitals';

export const roleEnum = pgEnum('role', ['admin', 'agency_staff', 'supervisor', 'hospital_staff']);

/** Portal accounts. Scope: districtCode and/or townCode for agency staff, hospitalId for hospital staff. */
export const users = pgTable('users', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  username: varchar({ length: 50 }).notNull().unique(),
  displayName: varchar({ length: 50 }).notNull(),
  passwordHash: varchar({ length: 200 }).notNull(),
  role: roleEnum().notNull(),
  districtCode: varchar({ length: 6 }).references(() => districts.code),
  townCode: varchar({ length: 9 }).references(() => towns.code),
  hospitalId: integer().references(() => hospitals.id),
  disabled: boolean().notNull().default(false),
  failedAttempts: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  lastLoginAt: timestamp({ withTimezone: true }),
  /** Raised to end every session of the account (password change or reset, role or scope change, disabling, sign-out). */
  sessionVersion: integer().notNull().default(0),
  /** Set by an admin's password reset and for the first admin from INITIAL_ADMIN_PASSWORD: change it before anything else. */
  mustChangePassword: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type UserRow = typeof users.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
