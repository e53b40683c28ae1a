import { eq } from 'drizzle-orm';
import type { Db } from '../index';
import { users } from '../schema';
import { writeAudit } from './audit';
import { verifyPassword } from '@/lib/auth/password';
import { afterFailedAttempt, afterSuccessfulLogin, isLocked, LOCK_MINUTES, minutesLeft } from '@/lib/domain/lockout';

export type LoginResult = { ok: true; userId: number; displayName: string } | { ok: false; message: string };

const WRONG = '用户名或密码错误';

/** Checks a password, applies the lockout rule and writes the audit row. */
export async function attemptLogin(
  db: Db,
  input: { username: string; password: string; ip: string | null; now: Date },
): Promise<LoginResult> {
  const { username, password, ip, now } = input;
  if (!username || !password) return { ok: false, message: '请输入用户名和密码' };
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.username, username)).for('update');
    if (!user) {
      await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$u6K8qNnKrW5W5Ehx1hXPqz3s8Fj0yUeJ', password);
      return { ok: false, message: WRONG };
    }
    const actor = { userId: user.id, username: user.username, role: user.role, ip };
    if (user.disabled) return { ok: false, message: '账户已停用，请联系系统管理员' };
    if (isLocked(user, now)) {
      return { ok: false, message: `连续输错密码，账户已锁定，请 ${minutesLeft(user, now)} 分钟后再试` };
    }
    if (await verifyPassword(user.passwordHash, password)) {
      await tx
        .update(users)
        .set({ ...afterSuccessfulLogin(), lastLoginAt: now })
        .where(eq(users.id, user.id));
      await writeAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
      return { ok: true, userId: user.id, displayName: user.displayName };
    }
    const next = afterFailedAttempt(user, now);
    await tx
      .update(users)
      .set({ failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil })
      .where(eq(users.id, user.id));
    await writeAudit(tx, actor, {
      action: next.locked ? 'auth.locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      after: { failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil },
    });
    if (next.locked) return { ok: false, message: `连续 5 次输错密码，账户已锁定 ${LOCK_MINUTES} 分钟` };
    return { ok: false, message: `${WRONG}（还可尝试 ${5 - next.failedAttempts} 次）` };
  });
}
