import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: what every query function takes. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** The one place that creates database clients. */
export function createDb(url: string, options: { max?: number } = {}): { db: Db; close: () => Promise<void> } {
  const client = postgres(url, {
    max: options.max ?? 10,
    // Fail fast when the server is away (pg_ctl stop, restart, network): a call answers within
    // seconds with lib/server/pg-errors.ts's Chinese message instead of waiting the default 30 s.
    connect_timeout: 5,
    // Between failed connection attempts the driver waits 3^attempts / 100 s, up to 20 s (shared by the
    // pool): during an outage every call would wait longer, and after it the first calls too. At most 1 s.
    backoff: (attempts: number) => Math.min(0.025 * 2 ** attempts, 1),
    onnotice: () => {},
    // Parallel plans are slower and unpredictable on a 2-core server; a string: postgres.js drops a numeric 0.
    connection: { max_parallel_workers_per_gather: '0' },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return { db, close: () => client.end({ timeout: 5 }) };
}

/** The postgres.js client under a createDb handle (drizzle sets `$client`; the Db type omits it): for COPY and ANALYZE. */
export const rawClient = (db: Db): Sql => (db as Db & { $client: Sql }).$client;

const globalForDb = globalThis as unknown as { portalDb?: Db };

/** The application's shared client, from DATABASE_URL (set by scripts/start.ts for the embedded database). */
export function getDb(): Db {
  if (!globalForDb.portalDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL 未设置：请用 npm start 启动（会自动启动内置数据库）');
    globalForDb.portalDb = createDb(url).db;
  }
  return globalForDb.portalDb;
}
