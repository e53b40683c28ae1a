import type { OperationResult } from './operation';

/**
 * Uploaded files are shown as a sandboxed document (an opaque origin, no scripts, no forms): a file
 * that is not what it claims cannot act as the portal. The same value as next.config.js's rule for
 * the evidence routes (which Next applies first).
 */
export const EVIDENCE_CSP = "sandbox; frame-ancestors 'none'";

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
      'content-security-policy': EVIDENCE_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
