import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Db, Executor } from '../index';
import { users } from '../schema';
import { writeAudit, type AuditActor } from './audit';
import { afterFailedAttempt, afterSuccessfulLogin, isLocked } from '@/lib/domain/lockout';

/**
 * The login's reads and writes. None of them hashes: the password is verified between
 * findLoginUser and the record functions, with no transaction open and no row locked.
 */
export interface LoginUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  passwordHash: string;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
}

/** Why a login was refused: kept in the audit row's `after`, never told to the caller. */
export type LoginRefusal = 'unknown_user' | 'wrong_password' | 'locked' | 'disabled' | 'rate_limited' | 'changed';

export async function findLoginUser(db: Executor, username: string): Promise<LoginUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      passwordHash: users.passwordHash,
      disabled: users.disabled,
      failedAttempts: users.failedAttempts,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where(eq(users.username, username));
  return row ?? null;
}

const actorOf = (user: LoginUser, ip: string | null): AuditActor => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  ip,
});

/**
 * A refused attempt that changes no counter: audited with the reason. `user` null (unknown name,
 * rate limit before any lookup): the typed username, no user id.
 */
export async function auditLoginRefused(
  db: Executor,
  attempt: { username: string; ip: string | null; user: LoginUser | null },
  reason: LoginRefusal,
): Promise<void> {
  const { user, ip } = attempt;
  const actor = user
    ? actorOf(user, ip)
    : { userId: null, username: attempt.username.slice(0, 50), role: 'unknown', ip };
  await writeAudit(db, actor, {
    action: 'auth.login_failed',
    entityType: 'user',
    entityId: user?.id,
    after: { reason },
  });
}

/**
 * The right password: clears the count and stamps the login in one short transaction, only if the
 * account is still as it was verified (same hash, enabled, not locked meanwhile). False otherwise.
 */
export async function recordLoginSuccess(db: Db, user: LoginUser, ip: string | null, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ ...afterSuccessfulLogin(), lastLoginAt: now })
      .where(
        and(
          eq(users.id, user.id),
          eq(users.passwordHash, user.passwordHash),
          eq(users.disabled, false),
          or(isNull(users.lockedUntil), lte(users.lockedUntil, now)),
        ),
      )
      .returning({ id: users.id });
    if (!row) {
      await auditLoginRefused(tx, { username: user.username, ip, user }, 'changed');
      return false;
    }
    await writeAudit(tx, actorOf(user, ip), { action: 'auth.login', entityType: 'user', entityId: user.id });
    return true;
  });
}

/**
 * A wrong password: one more failure under the lockout rule, in a short transaction that locks the
 * row only to count (concurrent failures each count once; the fifth locks). While the account is
 * locked nothing is counted.
 */
export async function recordLoginFailure(db: Db, user: LoginUser, ip: string | null, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [state] = await tx
      .select({ failedAttempts: users.failedAttempts, lockedUntil: users.lockedUntil })
      .from(users)
      .where(eq(users.id, user.id))
      .for('update');
    if (!state || isLocked(state, now)) {
      await auditLoginRefused(tx, { username: user.username, ip, user }, 'locked');
      return;
    }
    const next = afterFailedAttempt(state, now);
    await tx
      .update(users)
      .set({ failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil })
      .where(eq(users.id, user.id));
    await writeAudit(tx, actorOf(user, ip), {
      action: next.locked ? 'auth.locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      after: { reason: 'wrong_password', failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil },
    });
  });
}
