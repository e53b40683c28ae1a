import { TargetsTable } from '@/components/targets/TargetsTable';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function TargetsPage() {
  await requirePagePermission('policy.manage');
  return <TargetsTable />;
}
