import { getRowSuggestions } from '@/lib/operations/matching';
import { routeHandler } from '@/lib/server/invoke';

export const GET = routeHandler(getRowSuggestions);
