import { approvedLinesOp } from '@/lib/operations/subsidy-approved-lines';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(approvedLinesOp);
