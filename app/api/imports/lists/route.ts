import { can } from '@/lib/auth/permissions';
import { findUpload, saveUpload, UploadTooLargeError } from '@/lib/import/upload';
import { startListImport } from '@/lib/operations/matching';
import { listUploadSchema } from '@/lib/schemas/matching';
import { invoke } from '@/lib/server/invoke';
import { zodErrorMessage } from '@/lib/schemas/errors';
import { currentUser } from '@/lib/server/session';

/**
 * Import of a poverty-list file: the raw file is the request body (or `uploadId` names a file the
 * preview step stored, with an optional hand-made `manualHeader`); the list's facts are in the
 * query string. Session and permission are checked before a byte is stored.
 */
export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return Response.json({ error: '未登录或登录已过期，请重新登录' }, { status: 401 });
  if (!can(user, 'matching.import')) return Response.json({ error: '无权访问：您的角色不能导入名单' }, { status: 403 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = listUploadSchema.safeParse(query);
  if (!parsed.success) return Response.json({ error: zodErrorMessage(parsed.error) }, { status: 400 });
  let upload;
  if (query.uploadId) {
    // The file was stored by the preview step.
    upload = findUpload(query.uploadId);
    if (!upload) return Response.json({ error: '上传的文件已失效，请重新选择文件' }, { status: 404 });
  } else {
    try {
      upload = await saveUpload(request.body);
    } catch (err) {
      const tooLarge = err instanceof UploadTooLargeError;
      return Response.json({ error: tooLarge ? err.message : '文件上传中断，请重试' }, { status: tooLarge ? 413 : 400 });
    }
  }
  const result = await invoke(startListImport, { ...parsed.data, manualHeader: query.manualHeader, filePath: upload.filePath, sha256: upload.sha256 });
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return Response.json(result.data);
}
