import { dashboardListCoverageOp } from '@/lib/operations/dashboard-lists';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(dashboardListCoverageOp);
