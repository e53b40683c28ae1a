import { eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { authOptions } from '@/lib/auth/options';
import type { SessionUser } from '@/lib/auth/types';

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

export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null;
}
