'use server';

import { revealIdNumber, saveEnrollment } from '@/lib/operations/persons';
import { invoke } from '@/lib/server/invoke';

export async function revealIdNumberAction(input: unknown) {
  return invoke(revealIdNumber, input);
}

export async function saveEnrollmentAction(input: unknown) {
  return invoke(saveEnrollment, input);
}
