'use server';

import { createAssistanceOp, reverseAssistanceOp, updateAssistanceOp } from '@/lib/operations/assistance-writes';
import { invoke } from '@/lib/server/invoke';

export async function createAssistanceAction(input: unknown) {
  return invoke(createAssistanceOp, input);
}

export async function updateAssistanceAction(input: unknown) {
  return invoke(updateAssistanceOp, input);
}

export async function reverseAssistanceAction(input: unknown) {
  return invoke(reverseAssistanceOp, input);
}
