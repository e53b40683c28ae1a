import { exportCasesOp } from '@/lib/operations/case-export';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** The worklist (same filters as /api/cases) as 销号任务.xlsx. */
export async function GET(request: Request) {
  const result = await invoke(exportCasesOp, Object.fromEntries(new URL(request.url).searchParams));
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, '销号任务.xlsx', 'cases.xlsx');
}
