import { CertificationList } from '@/components/certifications/CertificationList';
import { can } from '@/lib/auth/permissions';
import { certificationFilterOptionsOp } from '@/lib/operations/certifications';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

export default async function CertificationsPage() {
  const user = await requirePagePermission('certification.read');
  const options = unwrapForPage(await invoke(certificationFilterOptionsOp, {}));
  return <CertificationList options={options} canRevoke={can(user, 'certification.revoke')} />;
}
