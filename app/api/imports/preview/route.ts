import { can } from '@/lib/auth/permissions';
import { removeUpload, saveUpload, UploadTooLargeError } from '@/lib/import/upload';
import { previewImportOp } from '@/lib/operations/import-preview';
import { invoke } from '@/lib/server/invoke';
import { currentUser } from '@/lib/server/session';

/** Stores an uploaded file (raw body) and answers with its preview and an uploadId to import it by. */
export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return Response.json({ error: '未登录或登录已过期，请重新登录' }, { status: 401 });
  if (!can(user, 'matching.import')) return Response.json({ error: '无权访问：您的角色不能导入文件' }, { status: 403 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  let upload;
  try {
    upload = await saveUpload(request.body);
  } catch (err) {
    const tooLarge = err instanceof UploadTooLargeError;
    return Response.json({ error: tooLarge ? err.message : '文件上传中断，请重试' }, { status: tooLarge ? 413 : 400 });
  }
  const result = await invoke(previewImportOp, { ...query, uploadId: upload.uploadId });
  if (!result.ok) {
    removeUpload(upload.filePath);
    return Response.json({ error: result.error }, { status: result.status });
  }
  return Response.json(result.data);
}
