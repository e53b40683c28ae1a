import { exportCertificationsOp } from '@/lib/operations/certifications';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** The certification list (same filters as /api/certifications) as 慢特病认定.xlsx. */
export async function GET(request: Request) {
  const result = await invoke(exportCertificationsOp, Object.fromEntries(new URL(request.url).searchParams));
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, '慢特病认定.xlsx', 'certifications.xlsx');
}
