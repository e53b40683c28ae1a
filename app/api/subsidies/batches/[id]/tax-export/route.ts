import { exportTaxOp } from '@/lib/operations/subsidy-exports';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** A batch as the tax bureau's collection list, with whole ID numbers (audited). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const result = await invoke(exportTaxOp, { id: (await params).id });
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, result.data.fileName, 'subsidy-tax.xlsx');
}
