import { getSpotCheckOp } from '@/lib/operations/spot-checks';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(getSpotCheckOp);
