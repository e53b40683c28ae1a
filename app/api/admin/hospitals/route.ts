import { listHospitalsOp } from '@/lib/operations/hospitals';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(listHospitalsOp);
