import { subsidyOverviewOp } from '@/lib/operations/subsidy-rosters';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(subsidyOverviewOp);
