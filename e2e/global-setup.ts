import { createDb } from '../db';
import { users } from '../db/schema';
import { hashPassword } from '../lib/auth/password';

export const LOCKOUT_USER = 'e2e_lockout';

/** Refuses any non-local database, then adds the e2e fixtures idempotently. */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL 未设置：请用 npm test 运行端到端测试');
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
    throw new Error(`拒绝在非本机数据库上运行端到端测试：${host}`);
  const { db, close } = createDb(url, { max: 1 });
  try {
    await db
      .insert(users)
      .values({
        username: LOCKOUT_USER,
        displayName: '锁定测试账户',
        role: 'supervisor',
        passwordHash: await hashPassword('Lockout#2026'),
      })
      .onConflictDoNothing();
  } finally {
    await close();
  }
}
