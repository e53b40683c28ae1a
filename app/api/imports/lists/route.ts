import { startListImport } from '@/lib/operations/imports';
import { uploadRoute } from '@/lib/server/upload-route';

/** Import of a poverty list (source, listDate, year in the query): `uploadId` (or the file as the body) and the confirmed `header`; without `header`, the preview. */
export const POST = uploadRoute(startListImport, 'list');
