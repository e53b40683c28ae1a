import { getImportErrorReport } from '@/lib/operations/imports-report';
import { invoke } from '@/lib/server/invoke';
import { xlsxResponse } from '@/lib/server/xlsx';

/** The error report of a list import (skipped and 待核实 rows with their reasons) as .xlsx. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const result = await invoke(getImportErrorReport, await params);
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return xlsxResponse(result.data.content, result.data.fileName, result.data.asciiName);
}
