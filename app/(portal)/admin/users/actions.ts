'use server';

import { createUserOp, resetPasswordOp, setUserDisabledOp, unlockUserOp, updateUserOp } from '@/lib/operations/users';
import { invoke } from '@/lib/server/invoke';

export async function createUserAction(input: unknown) {
  return invoke(createUserOp, input);
}

export async function updateUserAction(input: unknown) {
  return invoke(updateUserOp, input);
}

export async function resetPasswordAction(input: unknown) {
  return invoke(resetPasswordOp, input);
}

export async function setUserDisabledAction(input: unknown) {
  return invoke(setUserDisabledOp, input);
}

export async function unlockUserAction(input: unknown) {
  return invoke(unlockUserOp, input);
}
