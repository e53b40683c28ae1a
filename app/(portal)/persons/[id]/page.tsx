import { PersonDetailView } from '@/components/persons/PersonDetailView';
import { can } from '@/lib/auth/permissions';
import { getPerson } from '@/lib/operations/persons';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('person.read');
  const detail = unwrapForPage(await invoke(getPerson, { id: (await params).id }));
  return (
    <PersonDetailView
      detail={detail}
      canEditEnrollment={can(user, 'enrollment.write')}
      canReadCases={can(user, 'matching.read')}
      canRevealId={can(user, 'person.reveal_id')}
      canReadAudit={can(user, 'audit.read')}
      canReadSubsidy={can(user, 'subsidy.read')}
    />
  );
}
