'use server';

import { addContributionVersionOp, addRuleVersionOp } from '@/lib/operations/subsidy-standards';
import { invoke } from '@/lib/server/invoke';

export async function addContributionVersionAction(input: unknown) {
  return invoke(addContributionVersionOp, input);
}

export async function addRuleVersionAction(input: unknown) {
  return invoke(addRuleVersionOp, input);
}
