/**
 * Session lifetime rules (pure). A session token carries, from login on, the account's session
 * version (`sv`), the login time (`loginAt`) and the time of its last real use (`lastActive`), all
 * in seconds. A token is refused when the account's version has moved on (password changed or reset,
 * role or scope changed, account disabled, signed out), 12 hours after login whatever happens, and
 * after 8 hours without real use — polling `/api/auth/session` does not count as use.
 */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/** `lastActive` is rewritten at most this often (not a cookie write on every request). */
export const ACTIVITY_RESOLUTION_SECONDS = 5 * 60;

export interface SessionClaims {
  sv?: unknown;
  loginAt?: unknown;
  lastActive?: unknown;
}

export type SessionRefusal = 'incomplete' | 'expired' | 'idle' | 'revoked';

export const nowSeconds = (at: Date = new Date()) => Math.floor(at.getTime() / 1000);

const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The claims a token gets at login. */
export function loginClaims(sessionVersion: number, now: number) {
  return { sv: sessionVersion, loginAt: now, lastActive: now };
}

/** Why the token's times alone refuse it (a token from before these claims is refused too), or null. */
export function sessionTimeRefusal(claims: SessionClaims, now: number): Exclude<SessionRefusal, 'revoked'> | null {
  if (!isSeconds(claims.sv) || !isSeconds(claims.loginAt) || !isSeconds(claims.lastActive)) return 'incomplete';
  if (now - claims.loginAt >= SESSION_ABSOLUTE_SECONDS) return 'expired';
  if (now - claims.lastActive >= SESSION_IDLE_SECONDS) return 'idle';
  return null;
}

/** Why the token is refused for an account now at `sessionVersion`, or null when it is good. */
export function sessionRefusal(claims: SessionClaims, sessionVersion: number, now: number): SessionRefusal | null {
  const byTime = sessionTimeRefusal(claims, now);
  if (byTime) return byTime;
  return claims.sv === sessionVersion ? null : 'revoked';
}

/** Whether a real request should move the token's idle clock (a good token whose `lastActive` is stale). */
export function activityRefreshDue(claims: SessionClaims, now: number): boolean {
  return sessionTimeRefusal(claims, now) === null && now - (claims.lastActive as number) >= ACTIVITY_RESOLUTION_SECONDS;
}
