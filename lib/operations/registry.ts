import { z } from 'zod';
import { blankToUndefined as blank } from '@/lib/schemas/fields';
import { startRegistryImport } from '@/lib/import/registry-import';
import { removeUpload } from '@/lib/import/upload';
import { scopeOf } from '@/lib/auth/permissions';
import { defineOperation, OperationError } from '@/lib/server/operation';


/** What the uploader states about a registry export (the file itself is streamed by the upload route). */
export const registryUploadSchema = z.object({
  fileName: z.string().trim().min(1, '缺少文件名').max(255, '文件名过长'),
  defaultYear: z.preprocess(
    blank,
    z.coerce.number({ message: '默认年度有误' }).int('默认年度有误').min(2000, '默认年度有误').max(2100, '默认年度有误').optional(),
  ),
});

/**
 * Starts importing an uploaded registry export (streamed to `filePath` by the upload route);
 * returns at once with the import's id — poll imports.status (GET /api/imports/{id}).
 */
export const startRegistryImportOp = defineOperation({
  name: 'registry.import',
  permission: 'matching.import',
  kind: 'job',
  input: registryUploadSchema.extend({ filePath: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  async handler({ user, database, ip }, input) {
    // The registry export covers the whole district: a town-scoped account may not overwrite other towns' people.
    if (scopeOf(user).level === 'town') throw new OperationError(403, '无权访问：镇街经办人员不能导入全区参保登记数据');
    const { importId, done } = await startRegistryImport(database, { ...input, user, ip });
    void done.finally(() => removeUpload(input.filePath));
    return { importId };
  },
});
