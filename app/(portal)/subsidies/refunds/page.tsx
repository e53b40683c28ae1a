import { RefundList } from '@/components/subsidies/RefundList';
import { can } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function RefundsPage() {
  const user = await requirePagePermission('subsidy.read');
  return <RefundList canUpdate={can(user, 'subsidy.prepare')} />;
}
