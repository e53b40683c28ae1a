import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { touchedSessionCookie } from '@/lib/auth/session-token';
import { activityRefreshDue, nowSeconds } from '@/lib/domain/session-policy';

/**
 * Optimistic redirect to /login for pages when there is no session cookie. This is convenience,
 * not security: every page, action and route checks the session and permission on the server.
 * A real page request or server action (not a prefetch) also moves the session's idle clock.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (!token) {
    const url = new URL('/login', request.url);
    url.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  const response = NextResponse.next();
  const now = nowSeconds();
  if (!request.headers.has('next-router-prefetch') && activityRefreshDue(token, now)) {
    const cookie = await touchedSessionCookie(token, now);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
  }
  return response;
}

export const config = {
  matcher: ['/((?!api|login|_next|favicon.ico).*)'],
};
