import { startListImport } from '@/lib/operations/imports';
import { handleImportUpload } from '@/lib/server/upload-route';

/** Import of a poverty list (source, listDate, year in the query): `uploadId` (or the file as the body) and the confirmed `header`; without `header`, the preview. */
export const POST = (request: Request) => handleImportUpload(request, 'list', startListImport);
