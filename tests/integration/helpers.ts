/**
 * Integration-test database: a fresh, uniquely named database on the server named by DATABASE_URL,
 * migrated and seeded with demo data, dropped when the test file ends.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createDb, type Db } from '@/db';
import { users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import type { SessionUser } from '@/lib/auth/types';
import { dropDatabase, ensureDatabase, serverUrlOf } from '@/scripts/embedded-db';
import { migrateDatabase } from '@/db/migrate';

export interface TestDb {
  db: Db;
  url: string;
  close: () => Promise<void>;
}

/** `serverUrl`: a server of the test's own (tests/integration/pg-cluster.ts) instead of DATABASE_URL's. */
export async function createTestDb(options: { people?: number; serverUrl?: string } = {}): Promise<TestDb> {
  const base = options.serverUrl ?? process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL 未设置：请用 npm test 运行集成测试');
  const host = new URL(base).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
    throw new Error(`拒绝在非本机数据库上运行测试：${host}`);
  const server = serverUrlOf(base);
  const name = `test_${Date.now()}_${crypto.randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server, name);
  await migrateDatabase(url);
  const { db, close } = createDb(url, { max: 5 });
  await seedDemo(db, { people: options.people ?? 400 });
  return {
    db,
    url,
    close: async () => {
      await close();
      await dropDatabase(server, name);
    },
  };
}

/** The seeded demo user as guards see it. */
export async function sessionUser(db: Db, username: string): Promise<SessionUser> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    districtCode: u.districtCode,
    townCode: u.townCode,
    hospitalId: u.hospitalId,
  };
}

export const DEMO_USERNAMES = ['admin', 'staff', 'town_staff', 'supervisor', 'hospital', 'hospital_mental'] as const;

/** Asserts that a database call fails with a message (drizzle wraps the driver's error in `cause`). */
export async function rejectsAtDatabase(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    const text = `${e.message} ${e.cause?.message ?? ''}`;
    if (!pattern.test(text)) throw new Error(`expected ${pattern}, got: ${text}`);
    return;
  }
  throw new Error('expected the database to refuse the statement');
}
