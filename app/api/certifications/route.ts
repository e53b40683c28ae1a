import { listCertificationsOp } from '@/lib/operations/certifications';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(listCertificationsOp);
