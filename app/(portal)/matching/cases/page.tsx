import { forbidden } from 'next/navigation';
import { CaseWorklist } from '@/components/cases/CaseWorklist';
import { getDb } from '@/db';
import { listTownsInScope } from '@/db/queries/towns';
import { areaScopeOf, can } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function CasesPage() {
  const user = await requirePagePermission('matching.read');
  const scope = areaScopeOf(user);
  if (!scope) forbidden();
  const towns = await listTownsInScope(getDb(), scope);
  return <CaseWorklist towns={towns} canWork={can(user, 'case.work')} />;
}
