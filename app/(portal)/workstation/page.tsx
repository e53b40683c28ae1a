import { Workstation } from '@/components/workstation/Workstation';
import { workstationHome } from '@/lib/operations/workstation';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

export default async function WorkstationPage() {
  await requirePagePermission('workstation.use');
  return <Workstation home={unwrapForPage(await invoke(workstationHome, {}))} />;
}
