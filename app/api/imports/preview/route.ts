import { handleImportUpload } from '@/lib/server/upload-route';

/** Stores an uploaded file (raw body; `kind`, `fileName` in the query) or re-reads a stored one (`uploadId`, the user's `header`), and answers with its preview. */
export const POST = (request: Request) => handleImportUpload(request, null, null);
