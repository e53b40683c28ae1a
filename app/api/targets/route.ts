import { listTargetsOp } from '@/lib/operations/population-targets';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(listTargetsOp);
