/**
 * The import entry points: the preview of a stored upload (recognized columns, questions, the
 * first rows as they will be stored) and the two imports, which run only with a header the user
 * confirmed and nothing left undecided in it. The upload is the caller's own (others get 404).
 */
import { z } from 'zod';
import type { Db } from '@/db';
import { allTowns } from '@/db/queries/towns';
import { can, scopeOf } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import type { ImportKind } from '@/lib/domain/header-recognition';
import type { PovertySource } from '@/lib/domain/list-row';
import { assistanceSample } from '@/lib/import/assistance-row';
import { startPovertyListImport } from '@/lib/import/list-import';
import { previewTable, type ImportPreview } from '@/lib/import/preview';
import { listSample, registrySample, type Towns } from '@/lib/import/preview-samples';
import { TableReadError } from '@/lib/import/read-table';
import { startRegistryImport } from '@/lib/import/registry-import';
import { importableTownCodes } from '@/lib/import/registry-row';
import { startFromUpload } from '@/lib/import/upload-job';
import { deleteUpload, findUpload, withUploadFile, type StoredUpload } from '@/lib/import/upload-store';
import { confirmedHeaderSchema, defaultYearField, importKindField, uploadIdField } from '@/lib/schemas/imports';
import { listUploadSchema, POVERTY_SOURCE_KEYS } from '@/lib/schemas/matching';
import { defineOperation, forbidden, OperationError } from '@/lib/server/operation';

async function townsOf(db: Db, user: SessionUser): Promise<Towns> {
  const rows = await allTowns(db);
  return {
    townsByName: new Map(rows.map((t) => [t.name, t.code])),
    townCodes: new Set(rows.map((t) => t.code)),
    townCodesInScope: importableTownCodes(user, rows),
    nameOf: new Map(rows.map((t) => [t.code, t.name])),
  };
}

export async function ownUpload(db: Db, user: SessionUser, uploadId: string): Promise<StoredUpload> {
  const upload = await findUpload(db, uploadId, user.id);
  if (!upload) throw new OperationError(404, '上传的文件不存在或已失效，请重新选择文件');
  return upload;
}

/** The registry export covers the whole district: a town-scoped account may not overwrite other towns' people. */
function assertMayImportRegistry(user: SessionUser) {
  if (scopeOf(user).level === 'town') throw new OperationError(403, '无权访问：镇街经办人员不能导入全区参保登记数据');
}

interface PreviewArgs {
  kind: ImportKind;
  header?: ConfirmedHeader;
  defaultYear?: number;
  source?: PovertySource;
}

export async function previewFile(
  db: Db,
  user: SessionUser,
  filePath: string,
  upload: StoredUpload,
  args: PreviewArgs,
): Promise<ImportPreview> {
  const towns = await townsOf(db, user);
  const shapeSample =
    args.kind === 'registry'
      ? registrySample(towns, args.defaultYear)
      : args.kind === 'assistance'
        ? assistanceSample()
        : listSample(towns, args.source ?? 'fupin');
  return previewTable(
    { path: filePath, fileName: upload.fileName },
    { kind: args.kind, shapeSample, confirmed: args.header, defaultYear: args.defaultYear },
  ).catch((err) => {
    if (err instanceof TableReadError) throw new UnreadableUploadError(err.message);
    throw err;
  });
}

/** The stored file cannot be read at all (empty, not a table, a zip bomb, …): no header or mapping can change that. */
export class UnreadableUploadError extends OperationError {
  constructor(message: string) {
    super(400, message);
  }
}

/** The preview of an upload (with the user's header and mapping, once they changed it). */
export const previewImportOp = defineOperation({
  name: 'imports.preview',
  permission: 'matching.import',
  kind: 'read',
  input: z.object({
    uploadId: uploadIdField,
    kind: importKindField,
    header: confirmedHeaderSchema.optional(),
    defaultYear: defaultYearField,
    source: z.enum(POVERTY_SOURCE_KEYS).optional(),
  }),
  async handler({ user, database }, input) {
    if (input.kind === 'registry') assertMayImportRegistry(user);
    if (input.kind === 'assistance' && !can(user, 'assistance.write')) throw forbidden();
    const upload = await ownUpload(database, user, input.uploadId);
    const preview = await withUploadFile(database, upload, (filePath) =>
      previewFile(database, user, filePath, upload, input),
    ).catch(async (err: unknown) => {
      // A file that cannot be read is of no further use: refused, it leaves nothing behind.
      if (err instanceof UnreadableUploadError) await deleteUpload(database, upload.uploadId);
      throw err;
    });
    return { uploadId: upload.uploadId, fileName: upload.fileName, size: upload.size, preview };
  },
});

/** Refuses a confirmed header that leaves something undecided (400 with every problem). */
export function assertDecided(preview: ImportPreview) {
  if (preview.problems.length > 0) throw new OperationError(400, `列对应关系还需确认：${preview.problems.join('；')}`);
}

/** Starts importing a stored registry export with the confirmed header; poll imports.status. */
export const startRegistryImportOp = defineOperation({
  name: 'registry.import',
  permission: 'matching.import',
  kind: 'job',
  input: z.object({ uploadId: uploadIdField, header: confirmedHeaderSchema, defaultYear: defaultYearField }),
  async handler({ user, database, ip }, { uploadId, header, defaultYear }) {
    assertMayImportRegistry(user);
    const upload = await ownUpload(database, user, uploadId);
    return startFromUpload(database, upload, async (filePath) => {
      assertDecided(await previewFile(database, user, filePath, upload, { kind: 'registry', header, defaultYear }));
      return startRegistryImport(database, {
        filePath,
        fileName: upload.fileName,
        sha256: upload.sha256,
        header,
        defaultYear,
        user,
        ip,
      });
    });
  },
});

/** Starts importing a stored list file with the confirmed header; poll imports.status. */
export const startListImport = defineOperation({
  name: 'lists.import',
  permission: 'matching.import',
  kind: 'job',
  input: listUploadSchema.omit({ fileName: true }).extend({ uploadId: uploadIdField, header: confirmedHeaderSchema }),
  async handler({ user, database, ip }, { uploadId, header, ...list }) {
    const upload = await ownUpload(database, user, uploadId);
    return startFromUpload(database, upload, async (filePath) => {
      assertDecided(await previewFile(database, user, filePath, upload, { kind: 'list', header, source: list.source }));
      return startPovertyListImport(database, {
        ...list,
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
