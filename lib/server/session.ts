import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/db';
import { userForToken } from '@/lib/auth/session-state';
import { decodeSessionToken, sessionCookieName, touchedSessionCookie } from '@/lib/auth/session-token';
import type { SessionUser } from '@/lib/auth/types';
import { clientIp } from '@/lib/server/client-ip';
import { rethrowUnavailable } from '@/lib/server/pg-errors';
import { activityRefreshDue, nowSeconds } from '@/lib/domain/session-policy';

/**
 * The signed-in user, reloaded from the database (so disabling or a role change applies at once);
 * null when the session token is refused (lib/auth/session-state.ts). A route handler also moves
 * the token's idle clock (pages and server actions have it moved by proxy.ts).
 * Once per server render: the layout, the page and the page's operations share one answer (React's
 * `cache` lasts one request; route handlers and server actions call it once anyway).
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  const value = jar.get(sessionCookieName())?.value;
  const token = value ? await decodeSessionToken(value) : null;
  if (!token) return null;
  const now = nowSeconds();
  // The database away: a DatabaseUnavailableError, which a page shows through app/error.tsx.
  const user = await userForToken(getDb(), token, now).catch(rethrowUnavailable);
  if (user && activityRefreshDue(token, now) && !(await headers()).has('next-action')) {
    try {
      const cookie = await touchedSessionCookie(token, now);
      jar.set(cookie.name, cookie.value, cookie.options);
    } catch {
      // A server component cannot write cookies; its page request was counted by proxy.ts.
    }
  }
  return user;
});

/** The client address for the audit log (lib/server/client-ip.ts: X-Forwarded-For only from TRUSTED_PROXIES). */
export async function requestIp(): Promise<string | null> {
  return clientIp(await headers());
}
