import { ListsOverview } from '@/components/matching/ListsOverview';
import { can } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function ListsPage() {
  const user = await requirePagePermission('matching.read');
  return <ListsOverview canImport={can(user, 'matching.import')} />;
}
