import { getEvidenceOp } from '@/lib/operations/cases';
import { invoke } from '@/lib/server/invoke';

/** Streams one evidence file of a case in the caller's scope. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const result = await invoke(getEvidenceOp, await params);
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  const file = result.data;
  return new Response(new Uint8Array(file.content), {
    headers: {
      'content-type': file.mimeType,
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
