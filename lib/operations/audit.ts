import { searchAudit } from '@/db/queries/audit';
import { auditQuerySchema } from '@/lib/schemas/audit';
import { defineOperation } from '@/lib/server/operation';

/** Audit log search for supervisors and admins: the whole log, filtered and paged. */
export const searchAuditOp = defineOperation({
  name: 'audit.search',
  permission: 'audit.read',
  kind: 'read',
  input: auditQuerySchema,
  handler: ({ db }, q) => searchAudit(db, { ...q, username: q.username || undefined }),
});

/** Every audit operation, for the role-matrix test. */
export const auditOperations = [searchAuditOp];
