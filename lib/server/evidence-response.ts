import type { OperationResult } from './operation';

/** An evidence file shown inline (PDF/JPG/PNG by content), or the operation's failure as JSON. */
export function evidenceResponse(
  result: OperationResult<{ content: Buffer; mimeType: string; fileName: string }>,
): Response {
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
