import { getDb } from '@/db';
import { scopeLabel } from '@/db/queries/scope-label';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';
import { menuFor } from '@/lib/menu';

/** The portal frame's menu and header for a user (no menu while a password change is due). */
export async function portalShellProps(user: SessionUser) {
  return {
    menu: user.mustChangePassword ? [] : menuFor(user),
    user: {
      displayName: user.displayName,
      roleLabel: ROLE_LABELS[user.role],
      scope: await scopeLabel(getDb(), user),
    },
  };
}
