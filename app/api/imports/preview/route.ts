import { previewImportOp } from '@/lib/operations/imports';
import { uploadRoute } from '@/lib/server/upload-route';

/** Stores an uploaded file (raw body; `kind`, `fileName` in the query) or re-reads a stored one (`uploadId`, the user's `header`), and answers with its preview. */
export const POST = uploadRoute(previewImportOp, null);
