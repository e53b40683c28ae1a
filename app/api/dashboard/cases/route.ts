import { dashboardCasesOp } from '@/lib/operations/dashboard-cases';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(dashboardCasesOp);
