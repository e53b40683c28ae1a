import { searchAuditOp } from '@/lib/operations/audit';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(searchAuditOp);
