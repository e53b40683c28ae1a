import { startAssistanceImportOp } from '@/lib/operations/assistance-import';
import { uploadRoute } from '@/lib/server/upload-route';

/** Import of a 医疗救助 settlement export: `uploadId` (or the file as the body) and the confirmed `header`; without `header`, the preview. */
export const POST = uploadRoute(startAssistanceImportOp, 'assistance');
