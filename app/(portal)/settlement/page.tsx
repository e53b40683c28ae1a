import { SettlementView } from '@/components/settlement/SettlementView';
import { can } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

/** 一站式结算: find a person by ID number, enter or pick a stay, see the six layers, save; the stays in scope. */
export default async function SettlementPage() {
  const user = await requirePagePermission('settlement.read');
  return <SettlementView canWrite={can(user, 'settlement.write')} />;
}
