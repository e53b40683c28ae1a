import { dashboardExportOp } from '@/lib/operations/dashboard-export';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** One dashboard panel's data (?panel=coverage&year=…&townCode=…&monthFrom=…&monthTo=…) as .xlsx. */
export async function GET(request: Request) {
  const result = await invoke(dashboardExportOp, Object.fromEntries(new URL(request.url).searchParams));
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, result.data.fileName, result.data.asciiFileName);
}
