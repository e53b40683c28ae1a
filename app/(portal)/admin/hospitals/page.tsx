import { HospitalList } from '@/components/catalog/HospitalList';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function HospitalsPage() {
  await requirePagePermission('catalog.manage');
  return <HospitalList />;
}
