import { searchAudit } from '@/db/queries/audit';
import { remaskLegacy } from '@/lib/domain/id-masking';
import { auditQuerySchema } from '@/lib/schemas/audit';
import { defineOperation } from '@/lib/server/operation';

/**
 * Audit log search for supervisors and admins: the whole log, filtered and paged. Rows are
 * append-only, so masks written in the earlier format (area + 8 '*' + last 4) are re-masked as shown.
 */
export const searchAuditOp = defineOperation({
  name: 'audit.search',
  permission: 'audit.read',
  kind: 'read',
  input: auditQuerySchema,
  async handler({ db }, q) {
    const page = await searchAudit(db, { ...q, username: q.username || undefined });
    return {
      ...page,
      data: page.data.map((r) => ({ ...r, before: remaskLegacy(r.before), after: remaskLegacy(r.after) })),
    };
  },
});

/** Every audit operation, for the role-matrix test. */
export const auditOperations = [searchAuditOp];
