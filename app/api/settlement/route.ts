import { settlementListOp } from '@/lib/operations/settlement-read';
import { routeHandler } from '@/lib/server/invoke';

/** 一站式结算 stays in the caller's scope: filters year, status, name, hospitalId; page, pageSize. */
export const GET = routeHandler(settlementListOp);
