import { getCaseOp } from '@/lib/operations/cases';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(getCaseOp);
