import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { PortalShell } from '@/components/common/PortalShell';
import { getDb } from '@/db';
import { scopeLabel } from '@/db/queries/scope-label';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { menuFor } from '@/lib/menu';
import { currentUser } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/login');
  return (
    <PortalShell
      menu={menuFor(user)}
      user={{
        displayName: user.displayName,
        roleLabel: ROLE_LABELS[user.role],
        scope: await scopeLabel(getDb(), user),
      }}
    >
      {children}
    </PortalShell>
  );
}
