import { SpotCheckList } from '@/components/certifications/SpotCheckList';
import { certificationFilterOptionsOp } from '@/lib/operations/certifications';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

export default async function SpotChecksPage() {
  await requirePagePermission('spotcheck.manage');
  const { hospitals } = unwrapForPage(await invoke(certificationFilterOptionsOp, {}));
  return <SpotCheckList hospitals={hospitals} />;
}
