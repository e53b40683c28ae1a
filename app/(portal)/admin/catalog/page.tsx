import { CatalogList } from '@/components/catalog/CatalogList';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function CatalogPage() {
  await requirePagePermission('catalog.manage');
  return <CatalogList />;
}
