import { z } from 'zod';
import { previewTable } from '@/lib/import/preview';
import { TableReadError } from '@/lib/import/read-table';
import { findUpload } from '@/lib/import/upload';
import { defineOperation, OperationError } from '@/lib/server/operation';

/** The preview step: first rows of an uploaded file and the recognized header, for manual mapping. */
export const previewImportOp = defineOperation({
  name: 'imports.preview',
  permission: 'matching.import',
  kind: 'read',
  input: z.object({ uploadId: z.string(), fileName: z.string().min(1).max(255), kind: z.enum(['list', 'registry']) }),
  async handler(_ctx, { uploadId, fileName, kind }) {
    const upload = findUpload(uploadId);
    if (!upload) throw new OperationError(404, '上传的文件已失效，请重新选择文件');
    const required = kind === 'list' ? (['name', 'idNumber'] as const) : (['name', 'idNumber', 'scheme'] as const);
    const preview = await previewTable({ path: upload.filePath, fileName }, [...required]).catch((err) => {
      if (err instanceof TableReadError) throw new OperationError(400, err.message);
      throw err;
    });
    return { uploadId, sha256: upload.sha256, size: upload.size, required, preview };
  },
});
