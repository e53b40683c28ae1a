'use server';

import {
  settlementCancelOp,
  settlementCorrectOp,
  settlementPersonOp,
  settlementPreviewOp,
  settlementSaveOp,
} from '@/lib/operations/settlement';
import { invoke } from '@/lib/server/invoke';

export async function settlementPersonAction(input: unknown) {
  return invoke(settlementPersonOp, input);
}

export async function settlementPreviewAction(input: unknown) {
  return invoke(settlementPreviewOp, input);
}

export async function settlementSaveAction(input: unknown) {
  return invoke(settlementSaveOp, input);
}

export async function settlementCorrectAction(input: unknown) {
  return invoke(settlementCorrectOp, input);
}

export async function settlementCancelAction(input: unknown) {
  return invoke(settlementCancelOp, input);
}
