import { dashboardCoverageOp } from '@/lib/operations/dashboard-coverage';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(dashboardCoverageOp);
