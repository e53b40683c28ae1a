import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { PortalShell } from '@/components/common/PortalShell';
import { portalShellProps } from '@/lib/server/portal-shell';
import { currentUser } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/login');
  // After an admin's reset, or for the first admin: nothing but 修改密码 until the password is changed.
  if (user.mustChangePassword) redirect('/account/password');
  return <PortalShell {...await portalShellProps(user)}>{children}</PortalShell>;
}
