import { forbidden, redirect } from 'next/navigation';
import { can, type Permission } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';
import { currentUser } from './session';

/** For server pages: the signed-in user holding `permission`; otherwise /login or a 403 page. */
export async function requirePagePermission(permission: Permission): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/login');
  if (!can(user, permission)) forbidden();
  return user;
}
