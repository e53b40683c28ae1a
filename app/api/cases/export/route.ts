import { exportCasesOp } from '@/lib/operations/case-export';
import { invoke } from '@/lib/server/invoke';

/** The worklist (same filters as /api/cases) as 销号任务.xlsx. */
export async function GET(request: Request) {
  const result = await invoke(exportCasesOp, Object.fromEntries(new URL(request.url).searchParams));
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return new Response(new Uint8Array(result.data.content), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="cases.xlsx"; filename*=UTF-8''${encodeURIComponent('销号任务.xlsx')}`,
      'x-total-count': String(result.data.total),
      'cache-control': 'private, no-store',
    },
  });
}
