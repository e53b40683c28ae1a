import { StatementView } from '@/components/settlement/StatementView';
import { settlementGetOp } from '@/lib/operations/settlement-read';
import { invoke } from '@/lib/server/invoke';
import { requirePagePermission } from '@/lib/server/page-guard';
import { unwrapForPage } from '@/lib/server/page-result';

/** 一单式结算单 of one stay: one printable page. */
export default async function StatementPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission('settlement.read');
  const statement = unwrapForPage(await invoke(settlementGetOp, { id: (await params).id }));
  return <StatementView statement={JSON.parse(JSON.stringify(statement))} />;
}
