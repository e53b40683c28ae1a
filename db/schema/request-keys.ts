import { index, integer, jsonb, pgTable, serial, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Idempotency keys of writes (lib/server/request-key.ts): one row per user intent — a form
 * submission or a confirm click — with the answer it got. A second request with the same key
 * (a double click, a browser retry) waits on the unique index until the first commits and is
 * answered from here instead of running again. Pruned after 24 hours.
 */
export const requestKeys = pgTable(
  'request_keys',
  {
    id: serial().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: varchar({ length: 100 }).notNull(),
    operation: varchar({ length: 64 }).notNull(),
    /** The answer's data, encoded by lib/domain/replay-json.ts; null while a job is still starting. */
    result: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('request_keys_user_key_idx').on(t.userId, t.key),
    index('request_keys_created_at_idx').on(t.createdAt),
  ],
);

export type RequestKey = typeof requestKeys.$inferSelect;
