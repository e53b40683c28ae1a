import { diseaseHistoryOp } from '@/lib/operations/catalog';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(diseaseHistoryOp);
