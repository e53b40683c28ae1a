import { personSubsidyOp } from '@/lib/operations/subsidy-person';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(personSubsidyOp);
