'use server';

import { workstationFile, workstationLookup } from '@/lib/operations/workstation';
import { workstationDecide } from '@/lib/operations/workstation-decide';
import { workstationUploadEvidence } from '@/lib/operations/workstation-evidence';
import { invoke } from '@/lib/server/invoke';

export async function lookupAction(input: unknown) {
  return invoke(workstationLookup, input);
}

export async function fileApplicationAction(input: unknown) {
  return invoke(workstationFile, input);
}

/** FormData with `certificationId` and `file`. */
export async function uploadCertEvidenceAction(form: FormData) {
  return invoke(workstationUploadEvidence, { certificationId: form.get('certificationId'), file: form.get('file') });
}

export async function decideAction(input: unknown) {
  return invoke(workstationDecide, input);
}
