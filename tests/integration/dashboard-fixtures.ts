/**
 * Dashboard fixtures: the subsidy tests' mid-year district (two 特困 list versions, an approved
 * roster, batch C approved → refunds), a 扶贫 list, 销号 cases opened and closed over the months,
 * certifications at two hospitals (one spot-checked), 医疗救助 records (one reversed, one past the cap) and the
 * population targets of two towns — and `drillTotal`, which opens a drill-down target's list
 * through its own operation with exactly the drill's URL query.
 */
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { assistanceRecords, cases, spotCheckItems, spotChecks } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import type { Drill } from '@/lib/domain/dashboard-period';
import { listAssistanceOp } from '@/lib/operations/assistance';
import { listCasesOp } from '@/lib/operations/cases';
import { listCertificationsOp } from '@/lib/operations/certifications';
import { listListRows } from '@/lib/operations/matching';
import { listPersons } from '@/lib/operations/persons';
import { saveTargetOp } from '@/lib/operations/population-targets';
import { approveBatchOp } from '@/lib/operations/subsidy-batches';
import { listRefundsOp } from '@/lib/operations/subsidy-funds';
import { approvedLinesOp } from '@/lib/operations/subsidy-approved-lines';
import { hospitalIdOf, insertCertification } from './certification-fixtures';
import { callAs, HUANSHAN, importList, LONGSHAN, midYearState, newPerson, TIANFU, YEAR } from './subsidies-fixtures';

export { HUANSHAN, LONGSHAN, TIANFU, YEAR };
const at = (month: number, day = 10) => new Date(`${YEAR}-${String(month).padStart(2, '0')}-${day}T10:00:00+08:00`);
let settlement = 0;

async function assistance(
  db: Db,
  personId: number,
  townCode: string,
  o: { month: number; medType: 'inpatient' | 'outpatient'; fen: number; category?: string | null; cap?: boolean },
) {
  settlement += 1;
  const [row] = await db
    .insert(assistanceRecords)
    .values({
      settlementId: `DASH-${settlement}`,
      personId,
      townCode,
      category: o.category === undefined ? 'tekun' : o.category,
      year: YEAR,
      settlementDate: `${YEAR}-${String(o.month).padStart(2, '0')}-15`,
      medType: o.medType,
      institutionName: '威海市中心医院',
      totalFen: o.fen * 4,
      policyRangeFen: o.fen * 3,
      assistanceFen: o.fen,
      capExceeded: o.cap ?? false,
    })
    .returning();
  return row;
}

export async function dashboardFixtures(db: Db) {
  const state = await midYearState(db, { unpaid: true });
  const { ok } = callAs(db);
  const { people: p } = state;
  await ok(approveBatchOp, state.supervisor, { id: state.batchC });
  await importList(db, state.staff, 'fupin', `${YEAR}-03-01`, [
    { person: p.a1, category: '脱贫户' },
    { person: p.b3, category: '脱贫户' },
    { person: p.c1, category: '脱贫户' },
  ]);
  // 销号 cases over the months (the list imports opened today's): closed in spring, one overdue since January.
  for (const [town, opened, closed] of [
    [LONGSHAN, 2, 4],
    [LONGSHAN, 3, null],
    [TIANFU, 1, 5],
    [HUANSHAN, 6, 6],
  ] as const) {
    const person = await newPerson(db, town);
    await db.insert(cases).values({
      personId: person.id,
      year: YEAR,
      townCode: town,
      kind: 'not_enrolled',
      status: closed ? 'closed' : 'open',
      dueDate: `${YEAR}-0${opened}-28`,
      openedAt: at(opened),
      closedAt: closed ? at(closed, 20) : null,
      closeReason: closed ? 'deceased' : null,
    });
  }
  // Certifications at two hospitals in two towns, filed in March and September.
  const central = await hospitalIdOf(db, 'H37100300001');
  const mental = await hospitalIdOf(db, 'H37100300006');
  const certs: number[] = [];
  for (const [person, hospitalId, disease, status, month] of [
    [p.a1, central, 'M01600', 'approved', 3],
    [p.a3, central, 'M01600', 'rejected', 9],
    [p.b1, central, 'M01600', 'pending', 9],
    [p.b3, mental, 'M02101', 'approved', 3],
  ] as const)
    certs.push(
      (
        await insertCertification(db, {
          personId: person.id,
          hospitalId,
          diseaseCode: disease,
          status,
          filedAt: at(month),
          minutes: 60 * 24 * 3,
        })
      ).id,
    );
  // A spot check of the central hospital's two decisions: one compliant, one not.
  const [spot] = await db
    .insert(spotChecks)
    .values({
      hospitalId: central,
      periodFrom: `${YEAR}-01-01`,
      periodTo: `${YEAR}-12-31`,
      count: 2,
      seed: 'dashboard',
      algorithm: 'test',
      populationSize: 2,
      createdBy: state.supervisor.id,
    })
    .returning();
  await db.insert(spotCheckItems).values(
    (['compliant', 'non_compliant'] as const).map((verdict, i) => ({
      spotCheckId: spot.id,
      certificationId: certs[i],
      verdict,
      decidedBy: state.supervisor.id,
      decidedAt: at(10),
    })),
  );
  // 医疗救助: 住院 and 门诊 in several months; one settlement reversed; one record past the cap; one person on no list.
  await assistance(db, p.a1.id, LONGSHAN, { month: 2, medType: 'inpatient', fen: 800_000 });
  await assistance(db, p.a1.id, LONGSHAN, { month: 5, medType: 'outpatient', fen: 12_000, cap: true });
  await assistance(db, p.a3.id, LONGSHAN, { month: 5, medType: 'outpatient', fen: 9_000, category: null });
  await assistance(db, p.b1.id, TIANFU, { month: 2, medType: 'outpatient', fen: 15_000 });
  await assistance(db, p.b3.id, TIANFU, { month: 8, medType: 'inpatient', fen: 420_000 });
  const reversed = await assistance(db, p.c1.id, HUANSHAN, { month: 8, medType: 'inpatient', fen: 300_000 });
  settlement += 1;
  const [reversal] = await db
    .insert(assistanceRecords)
    .values({
      settlementId: `DASH-${settlement}`,
      kind: 'reversal',
      initSettlementId: reversed.settlementId,
      personId: reversed.personId,
      townCode: reversed.townCode,
      category: reversed.category,
      year: YEAR,
      settlementDate: `${YEAR}-09-01`,
      medType: reversed.medType,
      institutionName: reversed.institutionName,
      totalFen: -reversed.totalFen,
      policyRangeFen: -reversed.policyRangeFen,
      assistanceFen: -reversed.assistanceFen,
    })
    .returning();
  await db.update(assistanceRecords).set({ reversedById: reversal.id }).where(eq(assistanceRecords.id, reversed.id));
  // Population and targets of two towns (环山路街道 left blank).
  for (const [townCode, residentPopulation, insuredTarget, expansionTarget] of [
    [LONGSHAN, 120, 110, 5],
    [TIANFU, 90, 85, 4],
  ] as const)
    await ok(saveTargetOp, state.admin, { year: YEAR, townCode, residentPopulation, insuredTarget, expansionTarget });
  return state;
}

/** The number a drill target's list shows, by opening it through its own operation with the drill's query. */
export async function drillTotal(
  db: Db,
  user: SessionUser,
  drill: Drill,
  pick: 'total' | 'personTimes' | 'people' | 'assistanceFen' | 'amountFen' | 'refundCount' | 'refundFen' = 'total',
): Promise<number> {
  const { ok } = callAs(db);
  const q = { ...drill.query, page: 1, pageSize: 1 };
  if (drill.path === '/persons') return (await ok(listPersons, user, q)).total;
  if (drill.path === '/matching/cases') return (await ok(listCasesOp, user, q)).total;
  if (drill.path === '/certifications') return (await ok(listCertificationsOp, user, q)).total;
  if (drill.path.startsWith('/matching/lists/'))
    return (await ok(listListRows, user, { ...q, id: drill.path.split('/').pop() })).total;
  if (drill.path === '/assistance') {
    const r = await ok(listAssistanceOp, user, q);
    return Number(r[pick as 'personTimes' | 'people' | 'assistanceFen' | 'total']);
  }
  if (drill.path === '/subsidies/lines') {
    const r = await ok(approvedLinesOp, user, q);
    return r[pick as 'total' | 'people' | 'amountFen'];
  }
  if (drill.path === '/subsidies/refunds') {
    const { data } = await ok(listRefundsOp, user, drill.query);
    return pick === 'refundFen' ? data.reduce((s, r) => s + r.amountFen, 0) : data.length;
  }
  assert.fail(`no list for ${drill.path}`);
}
