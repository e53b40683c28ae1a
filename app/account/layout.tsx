import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { PortalShell } from '@/components/common/PortalShell';
import { portalShellProps } from '@/lib/server/portal-shell';
import { currentUser } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

/** The signed-in user's own account pages, in the portal frame (also reachable while a password change is due). */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/login');
  return <PortalShell {...await portalShellProps(user)}>{children}</PortalShell>;
}
