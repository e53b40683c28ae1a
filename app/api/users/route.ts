import { listUsersOp } from '@/lib/operations/users';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(listUsersOp);
