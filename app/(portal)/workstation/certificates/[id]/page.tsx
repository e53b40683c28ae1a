import { CertificateView } from '@/components/workstation/CertificateView';
import { workstationCertificate } from '@/lib/operations/workstation';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission('workstation.use');
  return (
    <CertificateView certificate={unwrapForPage(await invoke(workstationCertificate, { id: (await params).id }))} />
  );
}
