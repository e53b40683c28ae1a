import { areaScopeOf } from '@/lib/auth/permissions';
import type { AreaScope, SessionUser } from '@/lib/auth/types';
import { forbidden } from '@/lib/server/operation';

/** The caller's area scope; users without one (hospital staff) are refused. */
export function requireAreaScope(user: SessionUser): AreaScope {
  const scope = areaScopeOf(user);
  if (!scope) throw forbidden();
  return scope;
}
