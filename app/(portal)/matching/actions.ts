'use server';

import { assignCasesOp, closeCaseOp, reopenCaseOp, updateCaseOp, uploadEvidenceOp } from '@/lib/operations/cases';
import { confirmSuggestion, rejectSuggestion } from '@/lib/operations/matching';
import { invoke } from '@/lib/server/invoke';

export async function confirmSuggestionAction(input: unknown) {
  return invoke(confirmSuggestion, input);
}

export async function rejectSuggestionAction(input: unknown) {
  return invoke(rejectSuggestion, input);
}

export async function assignCasesAction(input: unknown) {
  return invoke(assignCasesOp, input);
}

export async function updateCaseAction(input: unknown) {
  return invoke(updateCaseOp, input);
}

export async function closeCaseAction(input: unknown) {
  return invoke(closeCaseOp, input);
}

export async function reopenCaseAction(input: unknown) {
  return invoke(reopenCaseOp, input);
}

/** FormData with `caseId` and `file`. */
export async function uploadEvidenceAction(form: FormData) {
  return invoke(uploadEvidenceOp, { caseId: form.get('caseId'), file: form.get('file') });
}
