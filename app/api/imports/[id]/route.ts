import { getImportStatus } from '@/lib/operations/matching';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(getImportStatus);
