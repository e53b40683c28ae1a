/**
 * 医疗救助 by hand and its scope: manual entry, correction (audited before/after, the cap re-checked
 * for the person's year), reversal with a reason (a reversed record cannot be corrected or reversed
 * again), the export's audit row; town staff see and change only their town's records, a hospital
 * account gets 403, a supervisor reads but cannot write.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db';
import { assistanceRecords, auditLog, people } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { assistanceCapReportOp, exportAssistanceOp, listAssistanceOp } from '@/lib/operations/assistance';
import { createAssistanceOp, reverseAssistanceOp, updateAssistanceOp } from '@/lib/operations/assistance-writes';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
const YEAR = new Date().getFullYear() - 2;
let mine: typeof people.$inferSelect;
let theirs: typeof people.$inferSelect;

before(async () => {
  t = await createTestDb({ people: 200 });
  [mine] = await t.db.select().from(people).where(eq(people.townCode, '371003001')).orderBy(asc(people.id)).limit(1);
  [theirs] = await t.db
    .select()
    .from(people)
    .where(and(ne(people.townCode, '371003001'), eq(people.townCode, '371003002')))
    .limit(1);
  assert.ok(mine && theirs);
});
after(() => t.close());

async function run<T>(
  op: { run: (u: SessionUser | null, raw: unknown, o: { db: Db; ip: string }) => Promise<T> },
  username: string,
  input: unknown,
): Promise<T> {
  return op.run(await sessionUser(t.db, username), input, { db: t.db, ip: '127.0.0.1' });
}

const entry = (idNumber: string, assistanceYuan: string, date = `${YEAR}-03-01`) => ({
  idNumber,
  settlementDate: date,
  medType: 'inpatient',
  institutionCode: 'H371003001',
  institutionName: '文登区人民医院',
  totalYuan: '80000',
  policyRangeYuan: '70000',
  assistanceYuan,
  note: '纸质结算单补录',
});

const auditOf = (action: string, entityId: number) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action as never), eq(auditLog.entityId, String(entityId))));

let first: number;
let second: number;

test('manual entry: MAN-<id>, audited, the cap checked (flagged with the excess, never cut)', async () => {
  const a = await run(createAssistanceOp, 'town_staff', entry(mine.idNumber, '30000'));
  assert.ok(a.ok, a.ok ? '' : a.error);
  first = a.data.id;
  assert.equal(a.data.settlementId, `MAN-${first}`);
  assert.equal(a.data.capExceeded, false);
  const b = await run(createAssistanceOp, 'staff', entry(mine.idNumber, '25000.50', `${YEAR}-04-01`));
  assert.ok(b.ok, b.ok ? '' : b.error);
  second = b.data.id;
  assert.equal(b.data.capExceeded, true);
  assert.equal(b.data.excessFen, 500_050);
  const [rec] = await t.db.select().from(assistanceRecords).where(eq(assistanceRecords.id, second));
  assert.equal(rec.assistanceFen, 2_500_050, 'kept whole');
  assert.equal(rec.source, 'manual');
  const [row] = await auditOf('assistance.create', second);
  assert.ok(row);
  assert.match(JSON.stringify(row.after), /\*{6,}/, 'the ID number masked in the audit row');
  assert.doesNotMatch(JSON.stringify(row.after), new RegExp(mine.idNumber));

  const dup = await run(createAssistanceOp, 'staff', { ...entry(mine.idNumber, '1'), settlementId: `MAN-${first}` });
  assert.ok(!dup.ok && dup.status === 409);
  const bad = await run(createAssistanceOp, 'staff', { ...entry(mine.idNumber, '90000') });
  assert.ok(!bad.ok && bad.status === 400, 'assistance above the total cost is refused');
});

test('correction: audited before/after with the reason; the cap re-checked', async () => {
  const res = await run(updateAssistanceOp, 'staff', {
    ...entry(mine.idNumber, '15000', `${YEAR}-04-01`),
    id: second,
    reason: '金额录入错误',
  });
  assert.ok(res.ok, res.ok ? '' : res.error);
  assert.equal(res.data.capExceeded, false);
  const [rec] = await t.db.select().from(assistanceRecords).where(eq(assistanceRecords.id, second));
  assert.equal(rec.capExceeded, false);
  assert.equal(rec.assistanceFen, 1_500_000);
  const [row] = await auditOf('assistance.update', second);
  assert.equal((row.before as { assistanceFen: number }).assistanceFen, 2_500_050);
  assert.equal((row.after as { assistanceFen: number; reason: string }).assistanceFen, 1_500_000);
  assert.equal((row.after as { reason: string }).reason, '金额录入错误');

  const back = await run(updateAssistanceOp, 'staff', {
    ...entry(mine.idNumber, '21000', `${YEAR}-04-01`),
    id: second,
    reason: '再次更正',
  });
  assert.ok(back.ok);
  assert.equal(back.data.capExceeded, true);
  assert.equal(back.data.excessFen, 100_000);
});

test('reversal by hand: the original cancelled, both out of the totals; no correction or second reversal after', async () => {
  const before = await run(listAssistanceOp, 'staff', { year: String(YEAR) });
  assert.ok(before.ok);
  assert.equal(before.data.personTimes, 2);
  const noReason = await run(reverseAssistanceOp, 'staff', { id: first });
  assert.ok(!noReason.ok && noReason.status === 400);
  const res = await run(reverseAssistanceOp, 'staff', { id: first, reason: '医院退费重结' });
  assert.ok(res.ok, res.ok ? '' : res.error);
  const [orig] = await t.db.select().from(assistanceRecords).where(eq(assistanceRecords.id, first));
  assert.equal(orig.reversedById, res.data.reversalId);
  const [rev] = await t.db.select().from(assistanceRecords).where(eq(assistanceRecords.id, res.data.reversalId));
  assert.equal(rev.kind, 'reversal');
  assert.equal(rev.initSettlementId, `MAN-${first}`);
  assert.equal(rev.assistanceFen, -3_000_000);
  const [second_] = await t.db.select().from(assistanceRecords).where(eq(assistanceRecords.id, second));
  assert.equal(second_.capExceeded, false, 'with the first cancelled, the second is under the cap');
  assert.ok((await auditOf('assistance.reverse', first)).length === 1);

  const list = await run(listAssistanceOp, 'staff', { year: String(YEAR) });
  assert.ok(list.ok);
  assert.equal(list.data.personTimes, 1);
  assert.equal(list.data.assistanceFen, 2_100_000);
  const again = await run(reverseAssistanceOp, 'staff', { id: first, reason: '重复冲销' });
  assert.ok(!again.ok && again.status === 409);
  const correct = await run(updateAssistanceOp, 'staff', { ...entry(mine.idNumber, '1'), id: first, reason: '更正' });
  assert.ok(!correct.ok && correct.status === 409);
  const reversal = await run(reverseAssistanceOp, 'staff', { id: res.data.reversalId, reason: '冲销冲销记录' });
  assert.ok(!reversal.ok && reversal.status === 409);
});

test('scope: town staff see and change only their town; hospital 403; supervisor reads only', async () => {
  const other = await run(createAssistanceOp, 'staff', entry(theirs.idNumber, '100'));
  assert.ok(other.ok, other.ok ? '' : other.error);
  const townCreate = await run(createAssistanceOp, 'town_staff', entry(theirs.idNumber, '100'));
  assert.ok(!townCreate.ok && townCreate.status === 404);

  const town = await run(listAssistanceOp, 'town_staff', { year: String(YEAR), pageSize: '100' });
  assert.ok(town.ok);
  assert.ok(town.data.data.length > 0);
  assert.ok(town.data.data.every((r) => r.townCode === '371003001'));
  const district = await run(listAssistanceOp, 'staff', { year: String(YEAR), pageSize: '100' });
  assert.ok(district.ok);
  assert.equal(district.data.total, town.data.total + 1);
  assert.equal(district.data.personTimes, town.data.personTimes + 1);
  assert.equal(district.data.people, town.data.people + 1);
  const filtered = await run(listAssistanceOp, 'town_staff', { year: String(YEAR), townCode: '371003002' });
  assert.ok(filtered.ok);
  assert.equal(filtered.data.total, 0, 'another town as a filter shows nothing');

  const townUpdate = await run(updateAssistanceOp, 'town_staff', {
    ...entry(theirs.idNumber, '50'),
    id: other.data.id,
    reason: '越权更正',
  });
  assert.ok(!townUpdate.ok && townUpdate.status === 404);
  const townReverse = await run(reverseAssistanceOp, 'town_staff', { id: other.data.id, reason: '越权冲销' });
  assert.ok(!townReverse.ok && townReverse.status === 404);

  for (const op of [listAssistanceOp, assistanceCapReportOp, exportAssistanceOp]) {
    const r = await run(op as typeof listAssistanceOp, 'hospital', { year: String(YEAR) });
    assert.ok(!r.ok && r.status === 403, op.name);
  }
  const h = await run(createAssistanceOp, 'hospital', entry(mine.idNumber, '1'));
  assert.ok(!h.ok && h.status === 403);
  const sup = await run(listAssistanceOp, 'supervisor', { year: String(YEAR) });
  assert.ok(sup.ok);
  const supWrite = await run(reverseAssistanceOp, 'supervisor', { id: second, reason: '无权冲销' });
  assert.ok(!supWrite.ok && supWrite.status === 403);
});

test('export: every matching row, masked, audited with the filters and the row count', async () => {
  const res = await run(exportAssistanceOp, 'staff', { year: String(YEAR), medType: 'inpatient' });
  assert.ok(res.ok, res.ok ? '' : res.error);
  assert.ok(res.data.content.length > 1000);
  const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'export.assistance'));
  assert.equal(rows.length, 1);
  const after = rows[0].after as { rows: number; filters: { medType: string } };
  assert.equal(after.filters.medType, 'inpatient');
  // the reversed original, the corrected one and the other town's; the reversal is dated today (another year)
  assert.equal(after.rows, 3);
  const bad = await run(exportAssistanceOp, 'staff', { year: String(YEAR), monthFrom: '9', monthTo: '3' });
  assert.ok(!bad.ok && bad.status === 400);
});
