import { forbidden } from 'next/navigation';
import { RosterOverview } from '@/components/subsidies/RosterOverview';
import { getDb } from '@/db';
import { listTownsInScope } from '@/db/queries/towns';
import { areaScopeOf, can } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function SubsidiesPage() {
  const user = await requirePagePermission('subsidy.read');
  const scope = areaScopeOf(user);
  if (!scope) forbidden();
  const towns = await listTownsInScope(getDb(), scope);
  return <RosterOverview towns={towns} canPrepare={can(user, 'subsidy.prepare')} scopeLevel={scope.level} />;
}
