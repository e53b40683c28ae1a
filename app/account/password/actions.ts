'use server';

import { changeOwnPasswordOp } from '@/lib/operations/users';
import { invoke } from '@/lib/server/invoke';

export async function changeOwnPasswordAction(input: unknown) {
  return invoke(changeOwnPasswordOp, input);
}
