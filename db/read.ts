import { withReplicas } from 'drizzle-orm/pg-core';
import { createDb, getDb, type Db } from './index';

/**
 * The read client of the dashboards: with DATABASE_READ_URL set, drizzle's withReplicas over the
 * primary (DATABASE_URL) and that server — selects go to the replica, anything else (and `$primary`)
 * to the primary; without it, the primary itself.
 */
export function createReadDb(primary: Db, replicaUrl: string | undefined): { db: Db; close: () => Promise<void> } {
  if (!replicaUrl) return { db: primary, close: async () => {} };
  const replica = createDb(replicaUrl);
  return { db: withReplicas(primary, [replica.db]), close: replica.close };
}

const globalForRead = globalThis as unknown as { portalReadDb?: Db };

/** The application's one read client for dashboard reads (see README, "Dashboards: read path"). */
export function getReadDb(): Db {
  if (!globalForRead.portalReadDb) globalForRead.portalReadDb = createReadDb(getDb(), process.env.DATABASE_READ_URL).db;
  return globalForRead.portalReadDb;
}
