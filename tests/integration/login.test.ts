import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { attemptLogin } from '@/db/queries/login';
import { auditLog, users } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed';
import { createTestDb, type TestDb } from './helpers';

let t: TestDb;
before(async () => {
  t = await createTestDb({ people: 10 });
});
after(() => t.close());

const now = new Date('2026-11-22T08:00:00Z');
const login = (username: string, password: string, at = now) =>
  attemptLogin(t.db, { username, password, ip: '127.0.0.1', now: at });

test('the demo password logs in and writes auth.login', async () => {
  const r = await login('admin', DEMO_PASSWORD);
  assert.equal(r.ok, true);
  const rows = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.username, 'admin'), eq(auditLog.action, 'auth.login')));
  assert.equal(rows.length, 1);
});

test('passwords are stored as argon2id hashes', async () => {
  const [u] = await t.db.select().from(users).where(eq(users.username, 'staff'));
  assert.match(u.passwordHash, /^\$argon2id\$/);
});

test('five wrong passwords lock the account for 15 minutes, even for the right password', async () => {
  for (let i = 0; i < 4; i++) assert.equal((await login('supervisor', 'nope')).ok, false);
  const fifth = await login('supervisor', 'nope');
  assert.ok(!fifth.ok && fifth.message.includes('锁定'));
  const locked = await login('supervisor', DEMO_PASSWORD, new Date(now.getTime() + 14 * 60_000));
  assert.ok(!locked.ok && locked.message.includes('锁定'));
  const later = await login('supervisor', DEMO_PASSWORD, new Date(now.getTime() + 16 * 60_000));
  assert.equal(later.ok, true);
  const lockRows = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.username, 'supervisor'), eq(auditLog.action, 'auth.locked')));
  assert.equal(lockRows.length, 1);
});

test('unknown users and disabled accounts are refused with a Chinese message', async () => {
  const unknown = await login('nobody', 'x');
  assert.ok(!unknown.ok && unknown.message === '用户名或密码错误');
  await t.db.update(users).set({ disabled: true }).where(eq(users.username, 'hospital_mental'));
  const disabled = await login('hospital_mental', DEMO_PASSWORD);
  assert.ok(!disabled.ok && disabled.message.includes('停用'));
});
