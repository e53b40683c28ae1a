import { assistanceCapReportOp } from '@/lib/operations/assistance';
import { routeHandler } from '@/lib/server/invoke';

/** People whose 医疗救助 of the year passes the annual cap (year, townCode). */
export const GET = routeHandler(assistanceCapReportOp);
