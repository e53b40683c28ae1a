import { AuditLog } from '@/components/audit/AuditLog';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function AuditPage() {
  await requirePagePermission('audit.read');
  return <AuditLog />;
}
