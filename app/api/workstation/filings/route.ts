import { workstationFilings } from '@/lib/operations/workstation';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(workstationFilings);
