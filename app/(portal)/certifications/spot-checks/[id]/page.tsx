import { notFound } from 'next/navigation';
import { SpotCheckDetail } from '@/components/certifications/SpotCheckDetail';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function SpotCheckPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission('spotcheck.manage');
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <SpotCheckDetail id={id} />;
}
