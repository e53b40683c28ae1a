import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { clientIp } from '@/lib/server/client-ip';
import { attemptLogin } from '@/lib/server/login';

export const SESSION_IDLE_SECONDS = 8 * 60 * 60;

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
        });
        if (!result.ok) throw new Error(result.message);
        return { id: String(result.userId), name: result.displayName };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    async session({ session, token }) {
      if (session.user) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
