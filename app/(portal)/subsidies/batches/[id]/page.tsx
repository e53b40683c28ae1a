import { forbidden, notFound } from 'next/navigation';
import { BatchDetail } from '@/components/subsidies/BatchDetail';
import { getDb } from '@/db';
import { listTownsInScope } from '@/db/queries/towns';
import { listDistricts } from '@/db/queries/users';
import { areaScopeOf, can } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function SubsidyBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('subsidy.read');
  const scope = areaScopeOf(user);
  if (!scope) forbidden();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const [towns, districts] = await Promise.all([listTownsInScope(getDb(), scope), listDistricts(getDb())]);
  return (
    <BatchDetail
      id={id}
      towns={towns}
      districts={districts}
      canPrepare={can(user, 'subsidy.prepare')}
      canApprove={can(user, 'subsidy.approve')}
      scopeLevel={scope.level}
    />
  );
}
