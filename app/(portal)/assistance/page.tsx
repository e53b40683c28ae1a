import { forbidden } from 'next/navigation';
import { AssistanceView } from '@/components/assistance/AssistanceView';
import { getDb } from '@/db';
import { listTownsInScope } from '@/db/queries/towns';
import { areaScopeOf, can } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

/** 医疗救助: the records (filters in the URL), their totals, the people over the annual cap, import and manual entry. */
export default async function AssistancePage() {
  const user = await requirePagePermission('assistance.read');
  const scope = areaScopeOf(user);
  if (!scope) forbidden();
  const towns = await listTownsInScope(getDb(), scope);
  return (
    <AssistanceView
      towns={towns.map((t) => ({ code: t.code, name: t.name }))}
      canWrite={can(user, 'assistance.write')}
    />
  );
}
