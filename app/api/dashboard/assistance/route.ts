import { dashboardAssistanceOp } from '@/lib/operations/dashboard-assistance';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(dashboardAssistanceOp);
