/**
 * The import upload routes (preview, registry, lists): session and permission before a byte is
 * stored; the raw file is the request body (stored in Postgres, owned by the user), or `uploadId`
 * names one the preview stored. Without a confirmed `header` an import route answers with the
 * preview — never with an import.
 */
import type { z } from 'zod';
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';
import type { ImportKind } from '@/lib/domain/header-recognition';
import { storeUpload, UploadTooLargeError } from '@/lib/import/upload-store';
import { previewImportOp } from '@/lib/operations/imports';
import { invoke } from './invoke';
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './pg-errors';
import { PASSWORD_CHANGE_REQUIRED, type Operation } from './operation';
import { currentUser } from './session';

const fail = (status: number, error: string) => Response.json({ error }, { status });

/** The POST handler of an upload route running `op` (the preview operation, or an import). */
export function uploadRoute(op: Operation<z.ZodType, unknown>, kind: ImportKind | null) {
  return (request: Request) =>
    handleImportUpload(request, kind, op === previewImportOp ? null : op).catch((err: unknown) => {
      // The database away (the session, the upload): 503 with the one Chinese message; nothing was stored.
      if (isDatabaseUnavailable(err)) return fail(503, DB_UNAVAILABLE_MESSAGE);
      throw err;
    });
}

async function handleImportUpload(
  request: Request,
  kind: ImportKind | null,
  importOp: Operation<z.ZodType, unknown> | null,
): Promise<Response> {
  const user: SessionUser | null = await currentUser();
  if (!user) return fail(401, '未登录或登录已过期，请重新登录');
  if (user.mustChangePassword) return fail(403, PASSWORD_CHANGE_REQUIRED);
  if (!can(user, 'matching.import')) return fail(403, '无权访问：您的角色不能导入文件');
  const query = Object.fromEntries(new URL(request.url).searchParams);
  let uploadId = query.uploadId;
  if (!uploadId) {
    const fileName = (query.fileName ?? '').trim();
    if (!fileName) return fail(400, '缺少文件名');
    try {
      uploadId = (await storeUpload(getDb(), { userId: user.id }, fileName, request.body)).uploadId;
    } catch (err) {
      if (err instanceof UploadTooLargeError) return fail(413, err.message);
      if (isDatabaseUnavailable(err)) return fail(503, DB_UNAVAILABLE_MESSAGE);
      return fail(400, err instanceof Error && /文件名/.test(err.message) ? err.message : '文件上传中断，请重试');
    }
  }
  const args = { ...query, kind: kind ?? query.kind, uploadId };
  const op = importOp && query.header ? importOp : previewImportOp;
  const result = await invoke<z.ZodType, unknown>(op, args);
  if (!result.ok) return Response.json({ error: result.error, uploadId }, { status: result.status });
  return Response.json(op === previewImportOp ? { ...(result.data as object), needsConfirmation: true } : result.data);
}
