import { ListDetail } from '@/components/matching/ListDetail';
import type { ListOverview } from '@/components/matching/types';
import { getDb } from '@/db';
import { towns } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { getListOverview } from '@/lib/operations/matching';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

export default async function ListPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('matching.read');
  const overview = unwrapForPage(await invoke(getListOverview, { id: (await params).id }));
  const townRows = await getDb().select({ code: towns.code, name: towns.name }).from(towns);
  return (
    <ListDetail
      initialOverview={JSON.parse(JSON.stringify(overview)) as ListOverview}
      townNames={Object.fromEntries(townRows.map((t) => [t.code, t.name]))}
      canWork={can(user, 'case.work')}
    />
  );
}
