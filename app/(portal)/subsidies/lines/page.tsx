import { forbidden } from 'next/navigation';
import { ApprovedLines } from '@/components/subsidies/ApprovedLines';
import { getDb } from '@/db';
import { listTownsInScope } from '@/db/queries/towns';
import { areaScopeOf } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function ApprovedLinesPage() {
  const user = await requirePagePermission('subsidy.read');
  const scope = areaScopeOf(user);
  if (!scope) forbidden();
  const towns = await listTownsInScope(getDb(), scope);
  return <ApprovedLines towns={towns} />;
}
