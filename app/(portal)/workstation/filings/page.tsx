import { FilingsTable } from '@/components/workstation/FilingsTable';
import { workstationHome } from '@/lib/operations/workstation';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

export default async function FilingsPage() {
  await requirePagePermission('workstation.use');
  const { delegated } = unwrapForPage(await invoke(workstationHome, {}));
  return <FilingsTable diseases={delegated.map((d) => ({ code: d.code, name: d.name }))} />;
}
