/**
 * 一站式结算 stored: saving a stay before later ones, correcting and cancelling keep every later
 * stay's year to date right (each stored stay equals the domain's settlement of the year's saved
 * stays in order), the preview writes nothing, layers 4 + 6 stand as one assistance record per stay
 * (reversed when the stay is cancelled), audit rows; and scope — a hospital sees only its own stays,
 * a town's staff only their town's people.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { assistanceRecords, auditLog, people, settlementStays } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { LAYER_KEYS } from '@/lib/domain/settlement';
import { WENDENG_2019_POLICY, policyForYear } from '@/lib/domain/settlement-policy';
import { settlePersonYear } from '@/lib/domain/settlement-year';
import {
  settlementCancelOp,
  settlementCorrectOp,
  settlementPersonOp,
  settlementPreviewOp,
  settlementSaveOp,
} from '@/lib/operations/settlement';
import { settlementGetOp, settlementListOp } from '@/lib/operations/settlement-read';
import { settlementPreviewPolicyOp, settlementSavePolicyOp } from '@/lib/operations/settlement-policy';
import { hospitalIdOf } from './certification-fixtures';
import { createTestDb, rejectsAtDatabase, sessionUser, type TestDb } from './helpers';

let t: TestDb;
const YEAR = new Date().getFullYear();
const POLICY = policyForYear(WENDENG_2019_POLICY, YEAR);
let a: typeof people.$inferSelect; // 龙山路街道
let b: typeof people.$inferSelect; // another town
let central = 0; // 威海市中心医院 (the hospital user's)
let mental = 0; // 文登区精神卫生中心 (hospital_mental's)

before(async () => {
  t = await createTestDb({ people: 200 });
  [a] = await t.db.select().from(people).where(eq(people.townCode, '371003001')).orderBy(asc(people.id)).limit(1);
  [b] = await t.db.select().from(people).where(eq(people.townCode, '371003002')).orderBy(asc(people.id)).limit(1);
  central = await hospitalIdOf(t.db, 'H37100300001');
  mental = await hospitalIdOf(t.db, 'H37100300006');
});
after(() => t.close());

async function run<T>(
  op: { run: (u: SessionUser | null, raw: unknown, o: { db: Db; ip: string }) => Promise<T> },
  username: string,
  input: unknown,
): Promise<T> {
  return op.run(await sessionUser(t.db, username), input, { db: t.db, ip: '127.0.0.1' });
}
function ok<T>(r: { ok: true; data: T } | { ok: false; status: number; error: string }): T {
  if (!r.ok) assert.fail(`${r.status} ${r.error}`);
  return r.data;
}

const stay = (idNumber: string, date: string, total: string, policyRange: string, hospitalId = central) => ({
  idNumber,
  hospitalId,
  settlementDate: `${YEAR}-${date}`,
  total,
  policyRange,
  level: 3,
  tier: 1,
  referral: false,
});

const savedOf = (personId: number) =>
  t.db
    .select()
    .from(settlementStays)
    .where(and(eq(settlementStays.personId, personId), eq(settlementStays.status, 'saved')))
    .orderBy(asc(settlementStays.settlementDate), asc(settlementStays.id));

/** Every saved stay of the person's year equals the domain's settlement of those stays in order. */
async function assertYearConsistent(personId: number) {
  const rows = await savedOf(personId);
  const expected = settlePersonYear(
    POLICY,
    rows.map((r) => ({
      seq: r.id,
      totalFen: r.totalFen,
      policyRangeFen: r.policyRangeFen,
      level: r.level as 1 | 2 | 3,
      tier: r.tier as 1 | 2,
      referral: r.referral,
      date: r.settlementDate,
    })),
  );
  rows.forEach((r, i) => {
    const e = expected[i].result;
    assert.deepEqual(
      [
        r.basicFen,
        r.criticalFen,
        r.hospitalWaiverFen,
        r.assistanceFen,
        r.commercialFen,
        r.reAssistanceFen,
        r.personFen,
      ],
      [...LAYER_KEYS.map((k) => e.amounts[k]), e.personFen],
      `stay ${r.id} amounts`,
    );
    assert.deepEqual(r.detail.ytdBefore, e.ytdBefore, `stay ${r.id} year to date`);
  });
  // layers 4 + 6 stand as one assistance record per stay
  const standing = await t.db.execute<{ n: number; fen: number }>(sql`
    select count(*)::int as n, coalesce(sum(assistance_fen), 0)::bigint as fen from assistance_records
    where person_id = ${personId} and source = 'settlement' and kind = 'settlement' and reversed_by_id is null`);
  const paying = rows.filter((r) => r.assistanceFen + r.reAssistanceFen > 0);
  assert.equal(standing[0].n, paying.length);
  assert.equal(
    Number(standing[0].fen),
    paying.reduce((s, r) => s + r.assistanceFen + r.reAssistanceFen, 0),
  );
  return rows;
}

const ids: number[] = [];

test('a stay saved before later ones settles them again (the hand-worked year of three stays)', async () => {
  ids.push(ok(await run(settlementSaveOp, 'staff', stay(a.idNumber, '03-01', '300000', '300000'))).id);
  ids.push(ok(await run(settlementSaveOp, 'staff', stay(a.idNumber, '09-01', '105000', '100000'))).id);
  const middle = ok(await run(settlementSaveOp, 'staff', stay(a.idNumber, '06-01', '210000', '200000')));
  assert.deepEqual(middle.updated, [ids[1]], 'the September stay was settled again');
  ids.splice(1, 0, middle.id);
  const rows = await assertYearConsistent(a.id);
  // lib/domain/settlement-year.test.ts: stay 3 after stays 1 and 2 — layer 1 and 再救助 capped, 医疗救助 222,500
  assert.deepEqual(
    [rows[2].basicFen, rows[2].criticalFen, rows[2].assistanceFen, rows[2].personFen],
    [0, 8_500_000, 222_500, 1_777_500],
  );
  const person = ok(await run(settlementPersonOp, 'staff', { idNumber: a.idNumber, year: YEAR }));
  assert.equal(person.ytd.stays, 3);
  assert.equal(person.ytd.paid.basic, 20_000_000);
  assert.equal(person.stays.length, 3);
});

test('the preview of a cancellation shows the difference and writes nothing', async () => {
  const before = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from settlement_stays`);
  const view = ok(
    await run(settlementPreviewOp, 'staff', { kind: 'cancel', stay: { id: ids[0], reason: '重复录入' } }),
  );
  const mine = view.changes.find((c) => c.stayId === ids[0])!;
  assert.equal(mine.cancelled, true);
  assert.equal(mine.delta.basic, -14_950_000);
  const second = view.changes.find((c) => c.stayId === ids[1])!;
  assert.equal(second.after?.amounts.basic, 9_950_000, 'stay 2 no longer capped');
  const afterCount = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from settlement_stays`);
  assert.equal(afterCount[0].n, before[0].n);
  await assertYearConsistent(a.id);
  assert.equal((await savedOf(a.id)).length, 3);
});

test('cancelling the first stay settles the later ones again and reverses its assistance record', async () => {
  const r = ok(await run(settlementCancelOp, 'staff', { id: ids[0], reason: '重复录入' }));
  assert.deepEqual(r.updated.sort(), [ids[1], ids[2]].sort());
  const rows = await assertYearConsistent(a.id);
  assert.equal(rows.length, 2);
  assert.equal(rows[0].basicFen, 9_950_000);
  const [cancelled] = await t.db.select().from(settlementStays).where(eq(settlementStays.id, ids[0]));
  assert.equal(cancelled.status, 'cancelled');
  const records = await t.db
    .select()
    .from(assistanceRecords)
    .where(sql`${assistanceRecords.settlementId} like ${`STL-${ids[0]}%`}`);
  assert.equal(records.length, 2, 'the original and its reversal');
  assert.ok(records.some((x) => x.kind === 'reversal') && records.some((x) => x.reversedById != null));
  const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'settlement.cancel'));
  assert.equal(audit.length, 1);
  assert.equal((audit[0].before as { amounts: { basic: number } }).amounts.basic, 14_950_000, 'the figures it had');
  assert.equal(
    (audit[0].after as { stays: unknown[] }).stays.length,
    3,
    'the cancelled stay and the two settled again',
  );
  const again = await run(settlementCancelOp, 'staff', { id: ids[0], reason: '再次撤销' });
  assert.ok(!again.ok && again.status === 409, 'a cancelled stay cannot be cancelled again');
});

test('correcting a stay saves a new one in its place and settles the later ones again', async () => {
  const corrected = ok(
    await run(settlementCorrectOp, 'town_staff', {
      ...stay(a.idNumber, '06-01', '210000', '150000'),
      id: ids[1],
      reason: '合规费用录入有误',
    }),
  );
  assert.deepEqual(corrected.updated, [ids[2]]);
  const rows = await assertYearConsistent(a.id);
  assert.deepEqual(
    rows.map((r) => r.id),
    [corrected.id, ids[2]],
  );
  assert.equal(rows[0].correctedFromId, ids[1]);
  assert.deepEqual(rows[1].detail.ytdBefore, rows[0].detail.ytdAfter);
  assert.equal(rows[1].detail.ytdBefore.policyRangeFen, 15_000_000);
  const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'settlement.correct'));
  assert.equal(audit.length, 1);
});

test('a hospital sees and changes only its own stays; a town sees only its people', async () => {
  const own = ok(await run(settlementSaveOp, 'hospital', stay(b.idNumber, '04-01', '50000', '40000')));
  // hospital_mental: another hospital's stay is not found; it cannot settle at another hospital
  const other = await run(settlementGetOp, 'hospital_mental', { id: own.id });
  assert.ok(!other.ok && other.status === 404);
  const cancel = await run(settlementCancelOp, 'hospital_mental', { id: own.id, reason: '越权' });
  assert.ok(!cancel.ok && cancel.status === 404);
  const elsewhere = await run(settlementSaveOp, 'hospital_mental', stay(b.idNumber, '05-01', '1000', '800', central));
  assert.ok(!elsewhere.ok && elsewhere.status === 403);
  const list = ok(await run(settlementListOp, 'hospital_mental', {}));
  assert.equal(list.total, 0);
  const hospitalList = ok(await run(settlementListOp, 'hospital', {}));
  assert.ok(hospitalList.data.length > 0);
  assert.ok(hospitalList.data.every((s) => s.hospitalName === '威海市中心医院'));
  // its own stay at its own hospital: visible; a mental-health stay of the same person shows only as figures
  ok(await run(settlementSaveOp, 'hospital_mental', stay(b.idNumber, '05-01', '1000', '800', mental)));
  const person = ok(await run(settlementPersonOp, 'hospital', { idNumber: b.idNumber, year: YEAR }));
  assert.equal(person.stays.length, 2);
  assert.deepEqual(
    person.stays.map((s) => s.hospitalName),
    ['威海市中心医院', '其他医疗机构'],
  );
  assert.equal(person.stays[1].id, null);
  assert.deepEqual(
    person.hospitals.map((h) => h.id),
    [central],
  );
  // town staff of 龙山路街道: person b (another town) is out of scope
  const town = await run(settlementGetOp, 'town_staff', { id: own.id });
  assert.ok(!town.ok && town.status === 404);
  const lookup = await run(settlementPersonOp, 'town_staff', { idNumber: b.idNumber, year: YEAR });
  assert.ok(!lookup.ok && lookup.status === 404);
  await assertYearConsistent(b.id);
});

test('policy: the preview shows how the year would change; a new version is added, never an edit', async () => {
  const richer = { ...POLICY, assistance: { ...POLICY.assistance, rateBp: 8000 } };
  const preview = ok(await run(settlementPreviewPolicyOp, 'admin', { params: richer }));
  assert.ok(preview.stays >= 4 && preview.changedCount > 0);
  assert.ok(preview.totals.after.assistance > preview.totals.before.assistance);
  const before = await savedOf(a.id);
  const saved = ok(await run(settlementSavePolicyOp, 'admin', { params: richer, docRef: '测试〔2026〕1号' }));
  assert.equal(saved.version, 2);
  assert.deepEqual(await savedOf(a.id), before, 'saving a version settles nothing again by itself');
  const bad = await run(settlementSavePolicyOp, 'admin', {
    params: { ...POLICY, critical: { bands: [...POLICY.critical.bands].reverse(), annualCapFen: null } },
    docRef: '测试',
  });
  assert.ok(!bad.ok && bad.status === 400 && /递增/.test(bad.error));
  await rejectsAtDatabase(t.db.execute(sql`update settlement_policies set doc_ref = 'x'`), /新版本/);
  const staffTry = await run(settlementSavePolicyOp, 'staff', { params: richer, docRef: '测试〔2026〕2号' });
  assert.ok(!staffTry.ok && staffTry.status === 403);
});

test('a stay picked from an imported settlement record: offered once, then used; an unknown record is refused', async () => {
  await t.db.insert(assistanceRecords).values({
    settlementId: 'SETL-IMPORTED-1',
    personId: b.id,
    townCode: b.townCode,
    year: YEAR,
    settlementDate: `${YEAR}-08-08`,
    medType: 'inpatient',
    institutionCode: 'H37100300001',
    institutionName: '威海市中心医院',
    totalFen: 3_000_000,
    policyRangeFen: 2_500_000,
    assistanceFen: 0,
    source: 'import',
  });
  const offered = ok(await run(settlementPersonOp, 'hospital', { idNumber: b.idNumber, year: YEAR }));
  assert.deepEqual(
    offered.imported.map((r) => [r.settlementId, r.totalFen, r.hospitalId]),
    [['SETL-IMPORTED-1', 3_000_000, central]],
  );
  const notOffered = ok(await run(settlementPersonOp, 'hospital_mental', { idNumber: b.idNumber, year: YEAR }));
  assert.equal(notOffered.imported.length, 0, 'another hospital’s settlement is not offered');
  const picked = { ...stay(b.idNumber, '08-08', '30000', '25000'), sourceSettlementId: 'SETL-IMPORTED-1' };
  ok(await run(settlementSaveOp, 'hospital', picked));
  const again = await run(settlementSaveOp, 'hospital', picked);
  assert.ok(!again.ok && again.status === 400, 'the record is used once');
  const unknown = await run(settlementSaveOp, 'staff', { ...picked, sourceSettlementId: 'SETL-NONE' });
  assert.ok(!unknown.ok && unknown.status === 400);
  assert.equal(ok(await run(settlementPersonOp, 'hospital', { idNumber: b.idNumber, year: YEAR })).imported.length, 0);
});
