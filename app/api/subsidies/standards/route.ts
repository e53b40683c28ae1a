import { listSubsidyStandardsOp } from '@/lib/operations/subsidy-standards';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(listSubsidyStandardsOp);
