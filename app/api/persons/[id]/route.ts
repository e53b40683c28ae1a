import { getPerson } from '@/lib/operations/persons';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(getPerson);
