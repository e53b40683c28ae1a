import { exportAssistanceOp } from '@/lib/operations/assistance';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** The 医疗救助 list with its filters (all matching rows) as .xlsx; audited. */
export async function GET(request: Request) {
  const result = await invoke(exportAssistanceOp, Object.fromEntries(new URL(request.url).searchParams));
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, result.data.fileName, result.data.asciiName);
}
