'use server';

import { addDiseaseVersionOp, createDiseaseOp } from '@/lib/operations/catalog';
import { invoke } from '@/lib/server/invoke';

export async function createDiseaseAction(input: unknown) {
  return invoke(createDiseaseOp, input);
}

export async function addDiseaseVersionAction(input: unknown) {
  return invoke(addDiseaseVersionOp, input);
}
