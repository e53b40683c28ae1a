import { exportRefundsOp } from '@/lib/operations/subsidy-exports';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** The refund records (same filters as /api/subsidies/refunds) as 退费记录.xlsx. */
export async function GET(request: Request) {
  const result = await invoke(exportRefundsOp, Object.fromEntries(new URL(request.url).searchParams));
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, result.data.fileName, 'refunds.xlsx');
}
