'use server';

import { approveBatchOp, generateRosterOp, returnBatchOp, submitBatchOp } from '@/lib/operations/subsidy-batches';
import { allocateFundOp, updateRefundOp } from '@/lib/operations/subsidy-funds';
import { invoke } from '@/lib/server/invoke';

export async function generateRosterAction(input: unknown) {
  return invoke(generateRosterOp, input);
}

export async function submitBatchAction(input: unknown) {
  return invoke(submitBatchOp, input);
}

export async function approveBatchAction(input: unknown) {
  return invoke(approveBatchOp, input);
}

export async function returnBatchAction(input: unknown) {
  return invoke(returnBatchOp, input);
}

export async function updateRefundAction(input: unknown) {
  return invoke(updateRefundOp, input);
}

export async function allocateFundAction(input: unknown) {
  return invoke(allocateFundOp, input);
}
