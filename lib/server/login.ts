/**
 * The credentials login (next-auth's `authorize`): the address's rate limit, the account read
 * without a lock, exactly one argon2 verification whatever the account's state (unknown names are
 * verified against DUMMY_HASH), then a short transaction that records the outcome. Every attempt
 * is audited; every failure gets LOGIN_FAILED.
 */
import type { Db } from '@/db';
import {
  auditLoginRefused,
  findLoginUser,
  recordLoginFailure,
  recordLoginSuccess,
  type LoginRefusal,
  type LoginUser,
} from '@/db/queries/login';
import { LOGIN_EMPTY, LOGIN_FAILED } from '@/lib/auth/login-messages';
import { verifyPassword } from '@/lib/auth/password';
import { isLocked } from '@/lib/domain/lockout';
import { loginRateLimiter, type LoginRateLimiter } from './login-rate-limit';

export type LoginResult = { ok: true; userId: number; displayName: string } | { ok: false; message: string };

/** A real argon2id hash with the same parameters as hashPassword's, of a password nobody knows. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$IZdQpBF8+XVy2lD2a9T2SQ$aDq7cE5GWYO9KgyVY/EEa+OQkDTHbcHJBUQr9J/iN1I';

export interface LoginDeps {
  verify?: (passwordHash: string, password: string) => Promise<boolean>;
  limiter?: LoginRateLimiter;
}

function refusalOf(user: LoginUser | null, passwordMatches: boolean, now: Date): LoginRefusal | null {
  if (!user) return 'unknown_user';
  if (user.disabled) return 'disabled';
  if (isLocked(user, now)) return 'locked';
  return passwordMatches ? null : 'wrong_password';
}

export async function attemptLogin(
  db: Db,
  input: { username: string; password: string; ip: string | null; now: Date },
  deps: LoginDeps = {},
): Promise<LoginResult> {
  const { username, password, ip, now } = input;
  const { verify = verifyPassword, limiter = loginRateLimiter() } = deps;
  if (!username || !password) return { ok: false, message: LOGIN_EMPTY };
  const failed = { ok: false, message: LOGIN_FAILED } as const;
  if (limiter.isLimited(ip, now.getTime())) {
    await auditLoginRefused(db, { username, ip, user: null }, 'rate_limited');
    return failed;
  }
  const user = await findLoginUser(db, username);
  const passwordMatches = await verify(user?.passwordHash ?? DUMMY_HASH, password);
  const refusal = refusalOf(user, passwordMatches, now);
  if (user && !refusal && (await recordLoginSuccess(db, user, ip, now))) {
    return { ok: true, userId: user.id, displayName: user.displayName };
  }
  if (user && refusal === 'wrong_password') await recordLoginFailure(db, user, ip, now);
  else if (refusal) await auditLoginRefused(db, { username, ip, user }, refusal);
  limiter.recordFailure(ip, now.getTime());
  return failed;
}
