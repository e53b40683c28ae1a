'use server';

import { revokeCertificationOp } from '@/lib/operations/certifications';
import { drawSpotCheckOp, recordVerdictOp } from '@/lib/operations/spot-checks';
import { invoke } from '@/lib/server/invoke';

export async function revokeCertificationAction(input: unknown) {
  return invoke(revokeCertificationOp, input);
}

export async function drawSpotCheckAction(input: unknown) {
  return invoke(drawSpotCheckOp, input);
}

export async function recordVerdictAction(input: unknown) {
  return invoke(recordVerdictOp, input);
}
