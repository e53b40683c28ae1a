import { notFound } from 'next/navigation';
import { HospitalDelegations } from '@/components/catalog/HospitalDelegations';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function HospitalPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission('catalog.manage');
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <HospitalDelegations hospitalId={id} />;
}
