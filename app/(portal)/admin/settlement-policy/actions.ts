'use server';

import { settlementPreviewPolicyOp, settlementSavePolicyOp } from '@/lib/operations/settlement-policy';
import { invoke } from '@/lib/server/invoke';

export async function previewPolicyAction(input: unknown) {
  return invoke(settlementPreviewPolicyOp, input);
}

export async function savePolicyAction(input: unknown) {
  return invoke(settlementSavePolicyOp, input);
}
