import { forbidden } from 'next/navigation';
import { RefundList } from '@/components/subsidies/RefundList';
import { getDb } from '@/db';
import { listTownsInScope } from '@/db/queries/towns';
import { areaScopeOf, can } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function RefundsPage() {
  const user = await requirePagePermission('subsidy.read');
  const scope = areaScopeOf(user);
  if (!scope) forbidden();
  const towns = await listTownsInScope(getDb(), scope);
  return <RefundList canUpdate={can(user, 'subsidy.prepare')} towns={towns} />;
}
