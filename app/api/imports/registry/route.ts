import { can } from '@/lib/auth/permissions';
import { removeUpload, saveUpload, UploadTooLargeError } from '@/lib/import/upload';
import { registryUploadSchema, startRegistryImportOp } from '@/lib/operations/registry';
import { invoke } from '@/lib/server/invoke';
import { zodErrorMessage } from '@/lib/schemas/errors';
import { currentUser } from '@/lib/server/session';

/**
 * Upload of a registry export (参保登记数据, .xlsx or .csv): the raw file is the request body;
 * `fileName` and the optional `defaultYear` are in the query string. Session and permission are
 * checked before a byte is stored.
 */
export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return Response.json({ error: '未登录或登录已过期，请重新登录' }, { status: 401 });
  if (!can(user, 'matching.import')) return Response.json({ error: '无权访问：您的角色不能导入参保登记数据' }, { status: 403 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = registryUploadSchema.safeParse(query);
  if (!parsed.success) return Response.json({ error: zodErrorMessage(parsed.error) }, { status: 400 });
  let upload;
  try {
    upload = await saveUpload(request.body);
  } catch (err) {
    const tooLarge = err instanceof UploadTooLargeError;
    return Response.json({ error: tooLarge ? err.message : '文件上传中断，请重试' }, { status: tooLarge ? 413 : 400 });
  }
  const result = await invoke(startRegistryImportOp, { ...parsed.data, filePath: upload.filePath, sha256: upload.sha256 });
  if (!result.ok) {
    removeUpload(upload.filePath);
    return Response.json({ error: result.error }, { status: result.status });
  }
  return Response.json(result.data);
}
