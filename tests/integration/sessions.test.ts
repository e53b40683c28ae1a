/**
 * Findings 10 and 14: sessions end with a password reset or change, a role or scope change,
 * disabling and sign-out; they have an absolute lifetime and an idle clock that polling does not
 * move; users change their own password, and must after an admin's reset or as the first admin.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { JWT } from 'next-auth/jwt';
import type { Db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { auditLog, users } from '@/db/schema';
import { DEMO_PASSWORD, seedInitialAdmin, seedReference } from '@/db/seed';
import { createDb } from '@/db';
import { authOptions } from '@/lib/auth/options';
import { verifyPassword } from '@/lib/auth/password';
import { userForToken } from '@/lib/auth/session-state';
import type { SessionUser } from '@/lib/auth/types';
import { nowSeconds, SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from '@/lib/domain/session-policy';
import { listPersons } from '@/lib/operations/persons';
import {
  changeOwnPasswordOp,
  createUserOp,
  resetPasswordOp,
  setUserDisabledOp,
  updateUserOp,
} from '@/lib/operations/users';
import { dropDatabase, ensureDatabase, serverUrlOf } from '@/scripts/embedded-db';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
let admin: SessionUser;
const run = <I>(
  op: { run: (u: SessionUser | null, i: unknown, o: { db: Db }) => Promise<I> },
  u: SessionUser,
  i: unknown,
) => op.run(u, i, { db: t.db });

before(async () => {
  t = await createTestDb({ people: 10 });
  // The auth callbacks use the application's shared client (getDb): point it at this database.
  (globalThis as unknown as { portalDb?: Db }).portalDb = t.db;
  admin = await sessionUser(t.db, 'admin');
});
after(async () => {
  (globalThis as unknown as { portalDb?: Db }).portalDb = undefined;
  await t.close();
});

type JwtParams = Parameters<NonNullable<NonNullable<typeof authOptions.callbacks>['jwt']>>[0];
const jwt = async (params: Partial<JwtParams>): Promise<JWT> => authOptions.callbacks!.jwt!(params as JwtParams);

/** What next-auth's credentials callback does once `authorize` accepted the password. */
async function signIn(username: string): Promise<JWT> {
  const [u] = await t.db.select().from(users).where(eq(users.username, username));
  return jwt({ token: { name: u.displayName }, user: { id: String(u.id), name: u.displayName }, trigger: 'signIn' });
}

/** Both checks: the session endpoint (jwt callback) and every server request (currentUser). */
async function accepted(token: JWT): Promise<boolean> {
  const byRequest = (await userForToken(t.db, token, nowSeconds())) !== null;
  const byEndpoint = await jwt({ token }).then(
    () => true,
    (err: Error) => (assert.match(err.message, /会话已失效/), false),
  );
  assert.equal(byEndpoint, byRequest, 'the session endpoint and currentUser disagree');
  return byRequest;
}

async function newUser(username: string, values: Record<string, unknown> = { role: 'supervisor' }) {
  const created = await run(createUserOp, admin, {
    username,
    displayName: username,
    password: 'First#2026a',
    ...values,
  });
  assert.ok(created.ok, created.ok ? '' : created.error);
  return created.data;
}

describe('a token issued before … is refused', () => {
  test('an admin password reset', async () => {
    const token = await signIn('staff');
    assert.equal(await accepted(token), true);
    const staff = await sessionUser(t.db, 'staff');
    assert.ok((await run(resetPasswordOp, admin, { id: staff.id, newPassword: 'Reset#2026a' })).ok);
    assert.equal(await accepted(token), false);
    assert.equal(await accepted(await signIn('staff')), true, 'a new login works');
  });

  test('a role or scope change (a change of the name alone keeps the session)', async () => {
    const u = await newUser('sess_role');
    const token = await signIn('sess_role');
    const rename = await run(updateUserOp, admin, { id: u.id, displayName: '改名', role: 'supervisor' });
    assert.ok(rename.ok);
    assert.equal(await accepted(token), true);
    const promote = await run(updateUserOp, admin, {
      id: u.id,
      displayName: '改名',
      role: 'agency_staff',
      districtCode: '371003',
    });
    assert.ok(promote.ok);
    assert.equal(await accepted(token), false);
    const fresh = await signIn('sess_role');
    const narrow = await run(updateUserOp, admin, {
      id: u.id,
      displayName: '改名',
      role: 'agency_staff',
      districtCode: '371003',
      townCode: '371003001',
    });
    assert.ok(narrow.ok);
    assert.equal(await accepted(fresh), false, 'a narrower scope ends the session too');
  });

  test('disabling (enabling again does not bring the old session back)', async () => {
    const u = await newUser('sess_disabled');
    const token = await signIn('sess_disabled');
    assert.ok((await run(setUserDisabledOp, admin, { id: u.id, disabled: true })).ok);
    assert.equal(await accepted(token), false);
    assert.ok((await run(setUserDisabledOp, admin, { id: u.id, disabled: false })).ok);
    assert.equal(await accepted(token), false);
  });

  test('a sign-out, on every device; a stale token signing out ends nothing', async () => {
    await newUser('sess_signout');
    const laptop = await signIn('sess_signout');
    const desk = await signIn('sess_signout');
    await authOptions.events!.signOut!({ token: laptop, session: undefined as never });
    assert.equal(await accepted(laptop), false);
    assert.equal(await accepted(desk), false);
    const again = await signIn('sess_signout');
    await authOptions.events!.signOut!({ token: desk, session: undefined as never });
    assert.equal(await accepted(again), true);
  });
});

describe('lifetime', () => {
  test('12 hours after login a token is refused, however recently used', async () => {
    const token = await signIn('supervisor');
    const now = nowSeconds();
    const busy = { ...token, loginAt: now - SESSION_ABSOLUTE_SECONDS + 60, lastActive: now - 10 };
    assert.equal(await accepted(busy), true);
    assert.equal(await accepted({ ...busy, loginAt: now - SESSION_ABSOLUTE_SECONDS - 1 }), false);
  });

  test('8 hours without use a token is refused; the session endpoint does not move the idle clock', async () => {
    const token = await signIn('supervisor');
    const now = nowSeconds();
    const quiet = { ...token, loginAt: now - 3600 * 9, lastActive: now - SESSION_IDLE_SECONDS + 60 };
    const polled = await jwt({ token: quiet });
    assert.equal(polled.lastActive, quiet.lastActive, 'polling /api/auth/session left lastActive alone');
    assert.equal(await accepted({ ...quiet, lastActive: now - SESSION_IDLE_SECONDS - 1 }), false);
  });

  test('a token from before the session claims is refused', async () => {
    const [u] = await t.db.select().from(users).where(eq(users.username, 'supervisor'));
    assert.equal(await accepted({ sub: String(u.id), name: u.displayName }), false);
  });
});

const auditRows = (userId: number, action: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.userId, userId), eq(auditLog.action, action)));

describe('changing one’s own password', () => {
  test('needs the old password, follows the policy, is audited and ends the sessions', async () => {
    const created = await newUser('sess_own');
    const me = await sessionUser(t.db, 'sess_own');
    const token = await signIn('sess_own');
    const wrong = await run(changeOwnPasswordOp, me, { oldPassword: 'Wrong#2026a', newPassword: 'Second#2026b' });
    assert.ok(!wrong.ok && wrong.status === 400 && wrong.error === '原密码不正确');
    const weak = await run(changeOwnPasswordOp, me, { oldPassword: 'First#2026a', newPassword: 'short1' });
    assert.ok(!weak.ok && weak.status === 400 && /至少 8 位/.test(weak.error));
    const letters = await run(changeOwnPasswordOp, me, { oldPassword: 'First#2026a', newPassword: 'onlyletters' });
    assert.ok(!letters.ok && /字母和数字/.test(letters.error));
    const same = await run(changeOwnPasswordOp, me, { oldPassword: 'First#2026a', newPassword: 'First#2026a' });
    assert.ok(!same.ok && /不能与原密码相同/.test(same.error));
    assert.equal((await auditRows(created.id, 'user.change_password')).length, 0);
    assert.equal(await accepted(token), true, 'refused attempts change nothing');

    const ok = await run(changeOwnPasswordOp, me, { oldPassword: 'First#2026a', newPassword: 'Second#2026b' });
    assert.ok(ok.ok, ok.ok ? '' : ok.error);
    const [row] = await t.db.select().from(users).where(eq(users.id, created.id));
    assert.equal(await verifyPassword(row.passwordHash, 'Second#2026b'), true);
    assert.equal(await verifyPassword(row.passwordHash, 'First#2026a'), false);
    const [audit] = await auditRows(created.id, 'user.change_password');
    assert.ok(audit, 'the change is audited');
    assert.equal(JSON.stringify(audit).includes(row.passwordHash), false, 'no hash in the audit log');
    assert.equal(await accepted(token), false, 'the sessions from before the change end');
  });

  test('every demo role may change its own password', async () => {
    const hospital = await sessionUser(t.db, 'hospital');
    const r = await run(changeOwnPasswordOp, hospital, { oldPassword: DEMO_PASSWORD, newPassword: 'Hospital#2026x' });
    assert.ok(r.ok, r.ok ? '' : r.error);
  });
});

describe('forced change after an admin reset', () => {
  test('blocks every other operation (403, saying so) until the password is changed', async () => {
    const u = await newUser('sess_forced', { role: 'agency_staff', districtCode: '371003' });
    const before = await userForToken(t.db, await signIn('sess_forced'), nowSeconds());
    assert.equal(before?.mustChangePassword, false);
    assert.ok((await listPersons.run(before, {}, { db: t.db })).ok);

    assert.ok((await run(resetPasswordOp, admin, { id: u.id, newPassword: 'Reset#2026a' })).ok);
    const [reset] = await auditRows(admin.id, 'user.reset_password').then((rows) =>
      rows.filter((r) => r.entityId === String(u.id)),
    );
    assert.deepEqual((reset.after as { mustChangePassword: boolean }).mustChangePassword, true);
    const forced = await userForToken(t.db, await signIn('sess_forced'), nowSeconds());
    assert.equal(forced?.mustChangePassword, true);
    const blocked = await listPersons.run(forced, {}, { db: t.db });
    assert.ok(!blocked.ok && blocked.status === 403 && /请先修改密码/.test(blocked.error));

    const changed = await run(changeOwnPasswordOp, forced!, { oldPassword: 'Reset#2026a', newPassword: 'Mine#2026ab' });
    assert.ok(changed.ok, changed.ok ? '' : changed.error);
    const after = await userForToken(t.db, await signIn('sess_forced'), nowSeconds());
    assert.equal(after?.mustChangePassword, false);
    assert.ok((await listPersons.run(after, {}, { db: t.db })).ok);
  });

  test('the first admin from INITIAL_ADMIN_PASSWORD: the policy applies, and the password must be changed', async () => {
    const server = serverUrlOf(t.url);
    const name = `test_initial_admin_${Date.now()}`;
    const url = await ensureDatabase(server, name);
    const own = createDb(url, { max: 2 });
    try {
      await migrateDatabase(url);
      await seedReference(own.db);
      await assert.rejects(seedInitialAdmin(own.db, 'password'), /INITIAL_ADMIN_PASSWORD 不符合密码规则/);
      assert.equal((await own.db.select().from(users)).length, 0);
      await seedInitialAdmin(own.db, 'Initial#2026a');
      const [first] = await own.db.select().from(users);
      assert.equal(first.username, 'admin');
      assert.equal(first.mustChangePassword, true);
    } finally {
      await own.close();
      await dropDatabase(server, name);
    }
  });

  test('demo accounts are not forced', async () => {
    const rows = await t.db.select().from(users).where(eq(users.username, 'town_staff'));
    assert.equal(rows[0].mustChangePassword, false);
  });
});
