import { PolicyEditor } from '@/components/settlement/PolicyEditor';
import { settlementPoliciesOp } from '@/lib/operations/settlement-policy';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

/** 一站式结算 policy by year (admin): every parameter, a preview of the year's saved stays, a new version. */
export default async function SettlementPolicyPage() {
  await requirePagePermission('policy.manage');
  const versions = unwrapForPage(await invoke(settlementPoliciesOp, {}));
  return <PolicyEditor versions={JSON.parse(JSON.stringify(versions))} />;
}
