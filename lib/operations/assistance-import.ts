/**
 * The 医疗救助 import job: a stored upload of the settlement export with the header the user
 * confirmed in the preview (imports.preview with kind 'assistance'); nothing left undecided. Poll
 * imports.status; the error report is imports.errorReport.
 */
import { z } from 'zod';
import { startAssistanceImport } from '@/lib/import/assistance-import';
import { startFromUpload } from '@/lib/import/upload-job';
import { confirmedHeaderSchema, uploadIdField } from '@/lib/schemas/imports';
import { defineOperation } from '@/lib/server/operation';
import { requireAreaScope } from './guards';
import { assertDecided, ownUpload, previewFile } from './imports';

export const startAssistanceImportOp = defineOperation({
  name: 'assistance.import',
  permission: 'assistance.write',
  kind: 'job',
  input: z.object({ uploadId: uploadIdField, header: confirmedHeaderSchema }),
  async handler({ user, database, ip }, { uploadId, header }) {
    requireAreaScope(user);
    const upload = await ownUpload(database, user, uploadId);
    return startFromUpload(database, upload, async (filePath) => {
      assertDecided(await previewFile(database, user, filePath, upload, { kind: 'assistance', header }));
      return startAssistanceImport(database, {
        filePath,
        fileName: upload.fileName,
        sha256: upload.sha256,
        header,
        user,
        ip,
      });
    });
  },
});
