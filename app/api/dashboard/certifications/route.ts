import { dashboardCertificationsOp } from '@/lib/operations/dashboard-certifications';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(dashboardCertificationsOp);
