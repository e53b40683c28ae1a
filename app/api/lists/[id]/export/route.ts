import { exportListRows } from '@/lib/operations/imports-report';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** All rows of a list matching the query string's filters (matchClass, townCode, name) as .xlsx. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = await invoke(exportListRows, { ...query, ...(await params) });
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, result.data.fileName, result.data.asciiName);
}
