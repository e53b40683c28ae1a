import { listAssistanceOp } from '@/lib/operations/assistance';
import { routeHandler } from '@/lib/server/invoke';

/** 医疗救助 list: filters year, townCode, monthFrom, monthTo, medType, category, capExceeded, name; page, pageSize; totals over all matching rows. */
export const GET = routeHandler(listAssistanceOp);
