import { listAssignableStaff } from '@/lib/operations/case-staff';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(listAssignableStaff);
