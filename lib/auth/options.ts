import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { clientIp } from '@/lib/server/client-ip';
import { attemptLogin } from '@/lib/server/login';
import { isDatabaseUnavailable, rethrowUnavailable } from '@/lib/server/pg-errors';
import { endSessionsOnSignOut } from '@/db/queries/sessions';
import { claimsAtLogin, userForToken } from '@/lib/auth/session-state';
import { nowSeconds, SESSION_IDLE_SECONDS, sessionTimeRefusal } from '@/lib/domain/session-policy';

export { SESSION_IDLE_SECONDS };

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS, updateAge: 0 },
  jwt: { maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: '账号密码',
      credentials: {
        username: { label: '用户名', type: 'text' },
        password: { label: '密码', type: 'password' },
      },
      async authorize(credentials, req) {
        const result = await attemptLogin(getDb(), {
          username: String(credentials?.username ?? '').trim(),
          password: String(credentials?.password ?? ''),
          ip: clientIp((req?.headers ?? {}) as Record<string, string | undefined>),
          now: new Date(),
        }).catch(rethrowUnavailable); // the login form shows the thrown message: the Chinese one, not the driver's
        if (!result.ok) throw new Error(result.message);
        return { id: String(result.userId), name: result.displayName };
      },
    }),
  ],
  callbacks: {
    // At login the token gets the session claims (version, login time, last use); every later read
    // (the session endpoint) checks it against the account and passes it on unchanged, so polling
    // never moves its idle clock (real requests do: lib/server/session.ts, proxy.ts).
    async jwt({ token, user }) {
      const now = nowSeconds();
      if (user) return { ...token, sub: user.id, ...(await claimsAtLogin(getDb(), Number(user.id), now)) };
      // The database away: the token stands unchecked for now (next-auth would clear the cookie on a
      // throw, signing everyone out); every page and operation checks it against the database itself.
      const holder = await userForToken(getDb(), token, now).catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) return 'unchecked' as const;
        throw err;
      });
      if (!holder) throw new Error('会话已失效，请重新登录');
      return token;
    },
    async session({ session, token }) {
      if (session.user) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
  events: {
    // Signing out ends every session of the account, on other devices too (not for a dead token).
    async signOut({ token }) {
      const id = Number(token?.sub);
      if (!Number.isInteger(id) || typeof token.sv !== 'number' || sessionTimeRefusal(token, nowSeconds())) return;
      await endSessionsOnSignOut(getDb(), id, token.sv);
    },
  },
};
