import { startRegistryImportOp } from '@/lib/operations/imports';
import { handleImportUpload } from '@/lib/server/upload-route';

/** Import of a registry export: `uploadId` (or the file as the body) and the confirmed `header`; without `header`, the preview. */
export const POST = (request: Request) => handleImportUpload(request, 'registry', startRegistryImportOp);
