import { startRegistryImportOp } from '@/lib/operations/imports';
import { uploadRoute } from '@/lib/server/upload-route';

/** Import of a registry export: `uploadId` (or the file as the body) and the confirmed `header`; without `header`, the preview. */
export const POST = uploadRoute(startRegistryImportOp, 'registry');
