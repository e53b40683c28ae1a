import { RegistryImport } from '@/components/matching/RegistryImport';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function RegistryImportPage() {
  await requirePagePermission('matching.import');
  return <RegistryImport />;
}
