import { dashboardSubsidiesOp } from '@/lib/operations/dashboard-subsidies';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(dashboardSubsidiesOp);
