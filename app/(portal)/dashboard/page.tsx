import { forbidden } from 'next/navigation';
import { Dashboard } from '@/components/dashboard/Dashboard';
import { getDb } from '@/db';
import { listTownsInScope } from '@/db/queries/towns';
import { areaScopeOf } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

/** 统计分析: supervisors' and admins' landing page; agency staff see their district, town staff their town. */
export default async function DashboardPage() {
  const user = await requirePagePermission('dashboard.read');
  const scope = areaScopeOf(user);
  if (!scope) forbidden();
  const towns = (await listTownsInScope(getDb(), scope)).map((t) => ({ code: t.code, name: t.name }));
  const ownTown = scope.level === 'town' ? (towns.find((t) => t.code === scope.townCode) ?? null) : null;
  return <Dashboard towns={towns} ownTown={ownTown} />;
}
