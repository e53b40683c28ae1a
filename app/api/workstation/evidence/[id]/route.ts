import { workstationEvidence } from '@/lib/operations/workstation-evidence';
import { evidenceResponse } from '@/lib/server/evidence-response';
import { invoke } from '@/lib/server/invoke';

/** One evidence file of an application of the caller's hospital. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return evidenceResponse(await invoke(workstationEvidence, await params));
}
