import { settlementGetOp } from '@/lib/operations/settlement-read';
import { routeHandler } from '@/lib/server/invoke';

/** One 一站式结算 stay in the caller's scope, with every layer's figures. */
export const GET = routeHandler(settlementGetOp);
