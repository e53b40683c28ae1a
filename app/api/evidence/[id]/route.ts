import { getEvidenceOp } from '@/lib/operations/cases';
import { evidenceResponse } from '@/lib/server/evidence-response';
import { invoke } from '@/lib/server/invoke';

/** Streams one evidence file of a case in the caller's scope. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return evidenceResponse(await invoke(getEvidenceOp, await params));
}
