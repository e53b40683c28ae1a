import { exportBatchOp } from '@/lib/operations/subsidy-exports';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** A batch as .xlsx for the finance bureau (ID numbers masked); `?part=adjustments` keeps the adjustment lines. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = await invoke(exportBatchOp, { ...query, id: (await params).id });
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, result.data.fileName, 'subsidy-batch.xlsx');
}
