import { decode, encode, type JWT } from 'next-auth/jwt';
import { SESSION_IDLE_SECONDS } from '@/lib/domain/session-policy';

declare module 'next-auth/jwt' {
  /** The session claims (lib/domain/session-policy.ts), set at login. */
  interface JWT {
    sv?: number;
    loginAt?: number;
    lastActive?: number;
  }
}

const secret = () => process.env.NEXTAUTH_SECRET ?? '';
/** As next-auth's getToken decides it: the __Secure- cookie when the portal is served over https. */
const secureCookie = () => process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;

export function sessionCookieName(): string {
  return secureCookie() ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** The token in a session cookie's value, or null when it does not decrypt. */
export async function decodeSessionToken(value: string): Promise<JWT | null> {
  try {
    return await decode({ token: value, secret: secret() });
  } catch {
    return null;
  }
}

/** The session cookie with the token's idle clock moved to `now` (written for real requests only). */
export async function touchedSessionCookie(token: JWT, now: number) {
  const value = await encode({ token: { ...token, lastActive: now }, secret: secret(), maxAge: SESSION_IDLE_SECONDS });
  return {
    name: sessionCookieName(),
    value,
    options: {
      httpOnly: true,
      sameSite: 'lax' as const,
      path: '/',
      secure: secureCookie(),
      expires: new Date((now + SESSION_IDLE_SECONDS) * 1000),
    },
  };
}
