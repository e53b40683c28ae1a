'use server';

import { saveTargetOp } from '@/lib/operations/population-targets';
import { invoke } from '@/lib/server/invoke';

export async function saveTargetAction(input: unknown) {
  return invoke(saveTargetOp, input);
}
