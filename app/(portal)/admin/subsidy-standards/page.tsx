import { StandardsView } from '@/components/subsidies/StandardsView';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function SubsidyStandardsPage() {
  await requirePagePermission('policy.manage');
  return <StandardsView />;
}
