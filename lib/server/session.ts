import { eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { authOptions } from '@/lib/auth/options';
import type { SessionUser } from '@/lib/auth/types';
import { clientIp } from '@/lib/server/client-ip';

/** The signed-in user, reloaded from the database (so disabling or a role change applies at once). */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = Number((session?.user as { id?: string } | undefined)?.id);
  if (!Number.isInteger(id)) return null;
  const [row] = await getDb()
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      districtCode: users.districtCode,
      townCode: users.townCode,
      hospitalId: users.hospitalId,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!row || row.disabled) return null;
  const { disabled: _disabled, ...user } = row;
  return user;
}

/** The client address for the audit log (lib/server/client-ip.ts: X-Forwarded-For only from TRUSTED_PROXIES). */
export async function requestIp(): Promise<string | null> {
  return clientIp(await headers());
}
