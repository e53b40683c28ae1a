import { listPersons } from '@/lib/operations/persons';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(listPersons);
