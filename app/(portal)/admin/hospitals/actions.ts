'use server';

import {
  cancelDelegationOp,
  createHospitalOp,
  endDelegationOp,
  grantDelegationOp,
  setHospitalActiveOp,
  updateHospitalOp,
} from '@/lib/operations/hospitals';
import { invoke } from '@/lib/server/invoke';

export async function createHospitalAction(input: unknown) {
  return invoke(createHospitalOp, input);
}

export async function updateHospitalAction(input: unknown) {
  return invoke(updateHospitalOp, input);
}

export async function setHospitalActiveAction(input: unknown) {
  return invoke(setHospitalActiveOp, input);
}

export async function grantDelegationAction(input: unknown) {
  return invoke(grantDelegationOp, input);
}

export async function endDelegationAction(input: unknown) {
  return invoke(endDelegationOp, input);
}

export async function cancelDelegationAction(input: unknown) {
  return invoke(cancelDelegationOp, input);
}
