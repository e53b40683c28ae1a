import { fundOverviewOp } from '@/lib/operations/subsidy-funds';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(fundOverviewOp);
