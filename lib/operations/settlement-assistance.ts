/**
 * A saved stay's 医疗救助 (layer 4) and 再救助 (layer 6) stand as ONE assistance record of source
 * 'settlement' (one 住院 人次 on the dashboard), settlement id STL-<stay id> (STL-<id>-<n> after a
 * reversal). When the stay's amounts change the record is updated; when they fall to 0 or the stay
 * is cancelled the record is reversed like any other (a reversal row, neither counts). The person's
 * annual assistance cap is re-checked (flagged, never cut).
 */
import type { Executor } from '@/db';
import {
  categoriesOf,
  insertRecords,
  markReversed,
  recheckCaps,
  recordsByIds,
  updateRecord,
} from '@/db/queries/assistance-writes';
import { hospitalById, stayRecordCount, updateStay } from '@/db/queries/settlement';
import type { SettlementStayRow } from '@/db/schema';
import { formatYuan } from '@/lib/domain/money';

/** What the stay pays as medical assistance: layers 4 + 6 of a saved stay, 0 once cancelled. */
export const assistanceOfStay = (s: SettlementStayRow) =>
  s.status === 'saved' ? s.assistanceFen + s.reAssistanceFen : 0;

const noteOf = (s: SettlementStayRow) =>
  `一站式结算：医疗救助 ${formatYuan(s.assistanceFen)} 元，再救助 ${formatYuan(s.reAssistanceFen)} 元`;

export async function syncStayAssistance(db: Executor, userId: number, stay: SettlementStayRow, hospitalName: string) {
  const desired = assistanceOfStay(stay);
  const [current] = stay.assistanceRecordId ? await recordsByIds(db, [stay.assistanceRecordId]) : [];
  const standing = current && current.kind === 'settlement' && current.reversedById == null ? current : null;
  if (standing && desired > 0) {
    if (standing.assistanceFen !== desired || standing.note !== noteOf(stay))
      await updateRecord(db, standing.id, { assistanceFen: desired, note: noteOf(stay), updatedBy: userId });
  } else if (standing && desired === 0) {
    const n = await stayRecordCount(db, stay.id);
    const reversalSid = `STL-${stay.id}-R${n}`;
    const ids = await insertRecords(db, [
      {
        ...recordBase(stay, standing.institutionCode, standing.institutionName, standing.category, userId),
        settlementId: reversalSid,
        kind: 'reversal',
        initSettlementId: standing.settlementId,
        totalFen: -standing.totalFen,
        policyRangeFen: -standing.policyRangeFen,
        assistanceFen: -standing.assistanceFen,
        note: stay.status === 'cancelled' ? `一站式结算撤销：${stay.cancelReason ?? ''}` : '一站式结算重算后无救助',
      },
    ]);
    await markReversed(db, [{ originalId: standing.id, reversalId: ids.get(reversalSid)! }]);
    await updateStay(db, stay.id, { assistanceRecordId: null });
  } else if (!standing && desired > 0) {
    const n = await stayRecordCount(db, stay.id);
    const sid = n === 0 ? `STL-${stay.id}` : `STL-${stay.id}-${n}`;
    const hospital = await hospitalById(db, stay.hospitalId);
    const category = (await categoriesOf(db, [{ personId: stay.personId, year: stay.year }])).of(
      stay.personId,
      stay.year,
    );
    const ids = await insertRecords(db, [
      {
        ...recordBase(stay, hospital?.code ?? null, hospital?.name ?? hospitalName, category, userId),
        settlementId: sid,
        totalFen: stay.totalFen,
        policyRangeFen: stay.policyRangeFen,
        assistanceFen: desired,
        note: noteOf(stay),
      },
    ]);
    await updateStay(db, stay.id, { assistanceRecordId: ids.get(sid)! });
  } else {
    return;
  }
  await recheckCaps(db, [{ personId: stay.personId, year: stay.year }]);
}

function recordBase(
  stay: SettlementStayRow,
  institutionCode: string | null,
  institutionName: string,
  category: string | null,
  userId: number,
) {
  return {
    personId: stay.personId,
    townCode: stay.townCode,
    category,
    year: stay.year,
    settlementDate: stay.settlementDate,
    medType: 'inpatient' as const,
    institutionCode,
    institutionName,
    source: 'settlement' as const,
    createdBy: userId,
    updatedBy: userId,
  };
}
