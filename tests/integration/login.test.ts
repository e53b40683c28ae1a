import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { createDb } from '@/db';
import { auditLog, users } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed';
import { LOGIN_FAILED } from '@/lib/auth/login-messages';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { unlockUserOp } from '@/lib/operations/users';
import { attemptLogin, type LoginDeps } from '@/lib/server/login';
import { createLoginRateLimiter } from '@/lib/server/login-rate-limit';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
before(async () => {
  t = await createTestDb({ people: 10 });
});
after(() => t.close());

const PASSWORD = 'Right#2026a';
const now = new Date('2026-11-22T08:00:00Z');
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

interface LoginOptions extends LoginDeps {
  at?: Date;
  ip?: string | null;
}
/** Each call gets its own rate limiter unless one is passed: only the rate-limit test shares one. */
const login = (username: string, password: string, o: LoginOptions = {}) =>
  attemptLogin(
    t.db,
    { username, password, ip: o.ip === undefined ? '127.0.0.1' : o.ip, now: o.at ?? now },
    { verify: o.verify, limiter: o.limiter ?? createLoginRateLimiter() },
  );

let serial = 0;
async function makeUser(prefix: string, values: Partial<typeof users.$inferInsert> = {}) {
  const username = `${prefix}_${++serial}`;
  const [u] = await t.db
    .insert(users)
    .values({
      username,
      displayName: username,
      role: 'supervisor',
      passwordHash: await hashPassword(PASSWORD),
      ...values,
    })
    .returning();
  return u;
}

/** A verifier that counts its calls and the hashes it was given. */
function countingVerifier() {
  const hashes: string[] = [];
  const verify = async (hash: string, password: string) => {
    hashes.push(hash);
    return verifyPassword(hash, password);
  };
  return { verify, hashes };
}

const auditRows = (username: string) =>
  t.db.select().from(auditLog).where(eq(auditLog.username, username)).orderBy(asc(auditLog.id));
const reasonOf = (row: { after: unknown }) => (row.after as { reason?: string } | null)?.reason;

test('the right password logs in and writes auth.login with the address', async () => {
  const u = await makeUser('ok');
  const r = await login(u.username, PASSWORD, { ip: '203.0.113.7' });
  assert.deepEqual(r, { ok: true, userId: u.id, displayName: u.displayName });
  const rows = await auditRows(u.username);
  assert.deepEqual(
    rows.map((a) => [a.action, a.userId, a.ip]),
    [['auth.login', u.id, '203.0.113.7']],
  );
  assert.equal((await login('admin', DEMO_PASSWORD)).ok, true);
});

test('passwords are stored as argon2id hashes', async () => {
  const [u] = await t.db.select().from(users).where(eq(users.username, 'staff'));
  assert.match(u.passwordHash, /^\$argon2id\$/);
});

test('unknown user, wrong password, locked and disabled account: one message, each audited', async () => {
  const wrong = await makeUser('wrong');
  const locked = await makeUser('locked', { lockedUntil: minutes(10) });
  const disabled = await makeUser('disabled', { disabled: true });
  const attempts = [
    ['nobody_at_all', PASSWORD, 'unknown_user'],
    [wrong.username, 'nope', 'wrong_password'],
    [locked.username, PASSWORD, 'locked'], // even the right password
    [locked.username, 'nope', 'locked'],
    [disabled.username, PASSWORD, 'disabled'],
    [disabled.username, 'nope', 'disabled'],
  ] as const;
  for (const [username, password] of attempts) {
    const r = await login(username, password);
    assert.deepEqual(r, { ok: false, message: LOGIN_FAILED }, `${username} / ${password}`);
  }
  for (const [username, , reason] of attempts) {
    const rows = (await auditRows(username)).filter((a) => reasonOf(a) === reason);
    assert.ok(rows.length >= 1, `${username}: an audit row with reason ${reason}`);
    assert.ok(rows.every((a) => a.action === 'auth.login_failed' && a.ip === '127.0.0.1'));
  }
  // The unknown name is recorded as typed, with no user id.
  const [unknown] = await auditRows('nobody_at_all');
  assert.equal(unknown.userId, null);
  assert.equal(unknown.entityId, null);
  // Refusals of locked and disabled accounts change no counter.
  const [l] = await t.db.select().from(users).where(eq(users.id, locked.id));
  assert.deepEqual([l.failedAttempts, l.lockedUntil?.getTime()], [0, minutes(10).getTime()]);
});

test('every path performs exactly one argon2 verification, unknown names against a hash like the real ones', async () => {
  const wrong = await makeUser('timing');
  const locked = await makeUser('timing_locked', { lockedUntil: minutes(10) });
  const disabled = await makeUser('timing_disabled', { disabled: true });
  const paths: [string, string][] = [
    ['nobody_timing', PASSWORD],
    [wrong.username, 'nope'],
    [locked.username, PASSWORD],
    [disabled.username, PASSWORD],
    [wrong.username, PASSWORD], // success
  ];
  const paramsOf = (hash: string) => hash.split('$').slice(0, 4).join('$'); // $argon2id$v=19$m=…,t=…,p=…
  for (const [username, password] of paths) {
    const { verify, hashes } = countingVerifier();
    await login(username, password, { verify });
    assert.equal(hashes.length, 1, `${username}: one verification`);
    assert.equal(paramsOf(hashes[0]), paramsOf(wrong.passwordHash), `${username}: same argon2 cost`);
  }
  const { verify, hashes } = countingVerifier();
  assert.equal((await login('', 'x', { verify })).ok, false);
  assert.equal(hashes.length, 0);
});

test('five wrong passwords lock the account for 15 minutes, even for the right password', async () => {
  const u = await makeUser('lockout');
  for (let i = 0; i < 5; i++) assert.deepEqual(await login(u.username, 'nope'), { ok: false, message: LOGIN_FAILED });
  const [state] = await t.db.select().from(users).where(eq(users.id, u.id));
  assert.equal(state.lockedUntil?.getTime(), minutes(15).getTime());
  assert.equal((await login(u.username, PASSWORD, { at: minutes(14) })).ok, false);
  assert.equal((await login(u.username, PASSWORD, { at: minutes(16) })).ok, true);
  const actions = (await auditRows(u.username)).map((a) => a.action);
  assert.deepEqual(actions, [...Array(4).fill('auth.login_failed'), 'auth.locked', 'auth.login_failed', 'auth.login']);
});

/**
 * A verifier that lets no login through until `n` of them are verifying at the same time; then,
 * before releasing them, it checks from another connection that the user's row is not locked.
 * With a pool of 5 connections (tests/integration/helpers.ts), 10 logins can only all be verifying
 * at once if none holds a connection — let alone a transaction — while it hashes.
 */
function barrierVerifier(n: number, userId: number, probe: TestDb['db']) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  const lockedDuringHash: string[] = [];
  const verify = async (hash: string, password: string) => {
    if (++arrived === n) {
      try {
        await probe.transaction((tx) => tx.execute(sql`select id from users where id = ${userId} for update nowait`));
      } catch (err) {
        lockedDuringHash.push(String((err as { cause?: Error }).cause?.message ?? err));
      }
      release();
    }
    const timeout = new Promise<void>((_, reject) =>
      setTimeout(() => reject(new Error(`only ${arrived} of ${n} logins were verifying at once`)), 10_000).unref(),
    );
    await Promise.race([all, timeout]);
    return verifyPassword(hash, password);
  };
  return { verify, lockedDuringHash, arrived: () => arrived };
}

test('10 concurrent logins of one user hash at the same time, holding no connection or row lock', async () => {
  const probe = createDb(t.url, { max: 1 });
  try {
    const right = await makeUser('concurrent_ok');
    const ok = barrierVerifier(10, right.id, probe.db);
    const results = await Promise.all(Array.from({ length: 10 }, () => login(right.username, PASSWORD, ok)));
    assert.equal(ok.arrived(), 10);
    assert.deepEqual(ok.lockedDuringHash, []);
    assert.ok(results.every((r) => r.ok));
    assert.equal((await auditRows(right.username)).filter((a) => a.action === 'auth.login').length, 10);

    // Ten wrong passwords at once: each failure counted once, the fifth locks, the rest find it locked.
    const wrong = await makeUser('concurrent_wrong');
    const bad = barrierVerifier(10, wrong.id, probe.db);
    const failures = await Promise.all(Array.from({ length: 10 }, () => login(wrong.username, 'nope', bad)));
    assert.deepEqual(bad.lockedDuringHash, []);
    assert.ok(failures.every((r) => !r.ok && r.message === LOGIN_FAILED));
    const rows = await auditRows(wrong.username);
    assert.equal(rows.length, 10);
    assert.equal(rows.filter((a) => a.action === 'auth.locked').length, 1);
    assert.equal(rows.filter((a) => reasonOf(a) === 'locked').length, 5);
    const [state] = await t.db.select().from(users).where(eq(users.id, wrong.id));
    assert.equal(state.lockedUntil?.getTime(), minutes(15).getTime());
  } finally {
    await probe.close();
  }
});

test('20 failed attempts in 5 minutes from one address: refused, even the right password, with the same message', async () => {
  const limiter = createLoginRateLimiter();
  const u = await makeUser('ratelimited');
  const ip = '198.51.100.20';
  for (let i = 0; i < 20; i++) {
    const r = await login(`nobody_rate_${i}`, 'guess', { ip, limiter, at: new Date(now.getTime() + i * 1000) });
    assert.equal(r.ok, false);
  }
  const { verify, hashes } = countingVerifier();
  const refused = await login(u.username, PASSWORD, { ip, limiter, verify, at: minutes(1) });
  assert.deepEqual(refused, { ok: false, message: LOGIN_FAILED });
  assert.equal(hashes.length, 0, 'a refused address costs no hashing');
  const [row] = await auditRows(u.username);
  assert.deepEqual([row.action, reasonOf(row), row.ip, row.userId], ['auth.login_failed', 'rate_limited', ip, null]);
  // Another address is not affected; the account itself is not locked.
  assert.equal((await login(u.username, PASSWORD, { ip: '198.51.100.21', limiter, at: minutes(1) })).ok, true);
  // Five minutes after the first failures the address may try again.
  assert.equal((await login(u.username, PASSWORD, { ip, limiter, at: minutes(5.5) })).ok, true);
});

test('an admin lifts another admin’s lockout (audited); the password stays', async () => {
  const other = await makeUser('admin_locked', { role: 'admin' });
  for (let i = 0; i < 5; i++) await login(other.username, 'nope');
  assert.equal((await login(other.username, PASSWORD, { at: minutes(1) })).ok, false);
  const admin = await sessionUser(t.db, 'admin');
  const result = await unlockUserOp.run(admin, { id: other.id }, { db: t.db, ip: '127.0.0.1' });
  assert.ok(result.ok, JSON.stringify(result));
  const [state] = await t.db.select().from(users).where(eq(users.id, other.id));
  assert.deepEqual([state.failedAttempts, state.lockedUntil, state.passwordHash], [0, null, other.passwordHash]);
  const [audit] = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'user.unlock'), eq(auditLog.entityId, String(other.id)), gt(auditLog.id, 0)));
  assert.equal(audit.userId, admin.id);
  assert.equal((audit.before as { lockedUntil: string }).lockedUntil, minutes(15).toISOString());
  assert.equal((await login(other.username, PASSWORD, { at: minutes(2) })).ok, true);
  // Not for anyone but an admin.
  const staff = await sessionUser(t.db, 'staff');
  const refused = await unlockUserOp.run(staff, { id: other.id }, { db: t.db });
  assert.ok(!refused.ok && refused.status === 403);
});
