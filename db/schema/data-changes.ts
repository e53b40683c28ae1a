import { sql } from 'drizzle-orm';
import { customType, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';

/** Postgres xid8 (a transaction id that never wraps), as text. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * Which transactions changed which data domain ('registry', 'assistance', …): one row per writing
 * transaction and domain, written by statement-level triggers on the domain's tables (migration
 * 0020) in the writer's own transaction — so a row is visible exactly when the change is. The
 * dashboard's result cache (lib/server/read-cache.ts) compares these with the snapshot a cached
 * result was computed in: a domain changed since then ⇔ a row here visible now but not in that
 * snapshot. Old rows are pruned; `data_change_horizon` says below which transaction id they are gone.
 */
export const dataChanges = pgTable(
  'data_changes',
  {
    domain: varchar({ length: 20 }).notNull(),
    xid: xid8().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.domain, t.xid] })],
);

/** One row: data_changes rows of transactions below `xid` have been pruned (a cached snapshot older than it is stale). */
export const dataChangeHorizon = pgTable('data_change_horizon', {
  id: varchar({ length: 1 }).primaryKey().default('x'),
  xid: xid8()
    .notNull()
    .default(sql`'0'::xid8`),
});
