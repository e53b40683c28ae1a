import { z } from 'zod';
import { getWorkstationHome } from '@/db/queries/workstation';
import { scopeOf } from '@/lib/auth/permissions';
import { defineOperation, forbidden, notFound } from '@/lib/server/operation';

export const workstationHome = defineOperation({
  name: 'workstation.home',
  permission: 'workstation.use',
  kind: 'read',
  input: z.object({}),
  async handler({ user, db }) {
    const scope = scopeOf(user);
    if (scope.level !== 'hospital') throw forbidden();
    const home = await getWorkstationHome(db, scope, new Date().toISOString().slice(0, 10));
    if (!home) throw notFound('医院');
    return home;
  },
});
