import { PersonList } from '@/components/persons/PersonList';
import { getDb } from '@/db';
import { listTownsInScope } from '@/db/queries/towns';
import { areaScopeOf } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';
import { forbidden } from 'next/navigation';

export default async function PersonsPage() {
  const user = await requirePagePermission('person.list');
  const scope = areaScopeOf(user);
  if (!scope) forbidden();
  const towns = await listTownsInScope(getDb(), scope);
  return <PersonList towns={towns} />;
}
