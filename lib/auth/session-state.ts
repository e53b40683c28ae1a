import type { Executor } from '@/db';
import { findSessionUser } from '@/db/queries/sessions';
import { loginClaims, sessionRefusal, type SessionClaims } from '@/lib/domain/session-policy';
import type { SessionUser } from './types';

/** The session claims a token gets at login, with the account's current session version. */
export async function claimsAtLogin(db: Executor, userId: number, now: number) {
  const row = await findSessionUser(db, userId);
  if (!row) throw new Error('账户不存在');
  return loginClaims(row.sessionVersion, now);
}

/**
 * The token's user, reloaded from the database; null when the account is gone or disabled, or the
 * token is refused: of an older session version, past the absolute lifetime, or idle too long.
 */
export async function userForToken(
  db: Executor,
  token: SessionClaims & { sub?: string },
  now: number,
): Promise<SessionUser | null> {
  const id = Number(token.sub);
  if (!Number.isInteger(id)) return null;
  const row = await findSessionUser(db, id);
  if (!row || row.disabled || sessionRefusal(token, row.sessionVersion, now)) return null;
  const { disabled: _disabled, sessionVersion: _version, ...user } = row;
  return user;
}
