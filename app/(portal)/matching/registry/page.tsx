import { forbidden } from 'next/navigation';
import { RegistryImport } from '@/components/matching/RegistryImport';
import { scopeOf } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function RegistryImportPage() {
  const user = await requirePagePermission('matching.import');
  // The export covers the whole district; town-scoped staff may not import it (the operation refuses too).
  if (scopeOf(user).level === 'town') forbidden();
  return <RegistryImport />;
}
