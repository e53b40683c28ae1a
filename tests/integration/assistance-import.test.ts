/**
 * 医疗救助 import (settlement export): the cap check (flagged, never cut), reversals (the original
 * cancelled, totals exclude both; an unknown original is an error row), bad rows reported, the
 * same file twice changes nothing, rows failing alike stop the import; no masked ID can be rebuilt
 * from the reads. The job through the operation: assistance-import-job.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { assistanceRecords, auditLog, importErrors, imports, people } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { makeIdNumber } from '@/lib/domain/id-number';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { assistanceCapReportOp, exportAssistanceOp, listAssistanceOp } from '@/lib/operations/assistance';
import { csv, HEADER, HOSP, removeFiles, runAs, runImport as importFile, sid } from './assistance-fixtures';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { checkAnswer, readable } from './id-reconstruction';

let t: TestDb;
let staff: SessionUser;
/** A year the demo data does not fill. */
const YEAR = new Date().getFullYear() - 3;
let p1: typeof people.$inferSelect;
let p2: typeof people.$inferSelect;
let other: typeof people.$inferSelect;

before(async () => {
  t = await createTestDb({ people: 200 });
  staff = await sessionUser(t.db, 'staff');
  const longshan = await t.db
    .select()
    .from(people)
    .where(eq(people.townCode, '371003001'))
    .orderBy(asc(people.id))
    .limit(2);
  [p1, p2] = longshan;
  [other] = await t.db
    .select()
    .from(people)
    .where(and(ne(people.townCode, '371003001'), eq(people.townCode, '371003002')))
    .limit(1);
  assert.ok(p1 && p2 && other, 'demo people in 龙山路街道 and 天福路街道');
});
after(async () => {
  removeFiles();
  await t.close();
});

function mainFile(): string {
  const unknown = makeIdNumber('371003', '1970-01-01', 991, 'M');
  const badId = p2.idNumber.slice(0, 17) + (p2.idNumber[17] === '1' ? '2' : '1');
  return csv([
    [`${YEAR}年文登区医疗救助结算明细`],
    HEADER,
    [sid('S1'), p1.name, p1.idNumber, ...HOSP, '21', `${YEAR}-02-03 10:20:00`, '90000', '80000', '30000.00', '', '0'],
    [sid('S2'), p1.name, p1.idNumber, ...HOSP, '门诊慢特病', `${YEAR}-05-06`, '40000', '30000', '25000', '', '0'],
    [sid('S3'), p2.name, p2.idNumber, ...HOSP, '11 普通门诊', `${YEAR}-03-01`, '500', '300', '100', '', '0'],
    [sid('R3'), p2.name, p2.idNumber, ...HOSP, '11', `${YEAR}-03-02`, '-500', '-300', '-100', sid('S3'), '1'],
    [sid('R9'), p2.name, p2.idNumber, ...HOSP, '11', `${YEAR}-03-02`, '-500', '-300', '-100', sid('S999'), '1'],
    [sid('S5'), '查无此人', unknown, ...HOSP, '住院', `${YEAR}-04-01`, '1000', '800', '200', '', '0'],
    [sid('S6'), p2.name, badId, ...HOSP, '住院', `${YEAR}-04-01`, '1000', '800', '200', '', '0'],
    [sid('S7'), p2.name, p2.idNumber, ...HOSP, '体检', `${YEAR}-04-01`, '1000', '800', '200', '', '0'],
    [sid('S8'), p2.name, p2.idNumber, ...HOSP, '住院', `${YEAR}-04-01`, '1000', '1200', '200', '', '0'],
    ['合计', '', '', '', '', '', '', '', '', '55200', '', ''],
  ]);
}

const runImport = (file: string) => importFile(t.db, file, staff);

const ours = () =>
  t.db
    .select()
    .from(assistanceRecords)
    .where(inArray(assistanceRecords.personId, [p1.id, p2.id, other.id]))
    .orderBy(asc(assistanceRecords.id));

const run = async <T>(op: Parameters<typeof runAs<T>>[1], username: string, input: unknown) =>
  runAs(t.db, op, await sessionUser(t.db, username), input);

let file: string;

test('import: settlements stored, the cap flagged never cut, a reversal cancels its original, bad rows reported', async () => {
  file = mainFile();
  const r = await runImport(file);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.deepEqual(
    { ...r.summary },
    { settlements: 3, reversals: 1, alreadyImported: 0, rejected: 5, skipped: 2, capFlagged: 1, peopleOverCap: 1 },
  );
  const rows = await ours();
  const by = new Map(rows.map((x) => [x.settlementId, x]));
  assert.equal(rows.length, 4);
  // Cap: 30,000 + 25,000 = 55,000 元 > 50,000: S2 flagged, kept whole.
  assert.equal(by.get(sid('S1'))!.capExceeded, false);
  assert.equal(by.get(sid('S2'))!.capExceeded, true);
  assert.equal(by.get(sid('S2'))!.assistanceFen, 2_500_000);
  assert.equal(by.get(sid('S1'))!.medType, 'inpatient');
  assert.equal(by.get(sid('S2'))!.medType, 'outpatient');
  assert.equal(by.get(sid('S1'))!.settlementDate, `${YEAR}-02-03`);
  assert.equal(by.get(sid('S1'))!.townCode, '371003001');
  // Reversal: the original cancelled, the reversal stored as such.
  const r3 = by.get(sid('R3'))!;
  assert.equal(r3.kind, 'reversal');
  assert.equal(r3.initSettlementId, sid('S3'));
  assert.equal(by.get(sid('S3'))!.reversedById, r3.id);
  assert.equal(by.has(sid('R9')), false, 'a reversal of an unknown settlement is no record');

  const errors = await t.db.select().from(importErrors).where(eq(importErrors.importId, r.importId));
  const reason = (rowNo: number) => errors.find((e) => e.rowNo === rowNo)?.reason ?? '';
  assert.match(reason(7), /原结算.*不存在/);
  assert.match(reason(8), /查无此人/);
  assert.match(reason(9), /证件号码有误/);
  assert.match(reason(10), /医疗类别“体检”无法识别/);
  assert.match(reason(11), /符合范围金额大于医疗费总额/);
  assert.match(reason(12), /合计/);
  const [imp] = await t.db.select().from(imports).where(eq(imports.id, r.importId));
  assert.equal(imp.status, 'completed');
  assert.match(imp.message ?? '', /超过 5 万元上限（已标记，金额未核减/);
  const [audit] = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'assistance.import'), eq(auditLog.entityId, String(r.importId))));
  assert.ok(audit, 'the import is audited');
});

test('totals: reversed original and reversal count for nothing; 人次 standing settlements, 人数 distinct', async () => {
  const res = await run(listAssistanceOp, 'admin', { year: String(YEAR), pageSize: '100' });
  assert.ok(res.ok, res.ok ? '' : res.error);
  const d = res.data;
  assert.equal(d.total, 4);
  assert.equal(d.personTimes, 2);
  assert.equal(d.people, 1);
  assert.equal(d.assistanceFen, 5_500_000);
  assert.equal(d.inpatientFen, 3_000_000);
  assert.equal(d.outpatientFen, 2_500_000);
  assert.ok(d.data.every((r) => /^\d{6}\*+\d{2}$|^\d{6}\*+\d{1}X?$/.test(r.maskedId) && !('idNumber' in r)));
  const capped = await run(listAssistanceOp, 'admin', { year: String(YEAR), capExceeded: 'true' });
  assert.ok(capped.ok);
  assert.deepEqual(
    capped.data.data.map((r) => r.settlementId),
    [sid('S2')],
  );
  const months = await run(listAssistanceOp, 'admin', { year: String(YEAR), monthFrom: '3', monthTo: '5' });
  assert.ok(months.ok);
  assert.equal(months.data.personTimes, 1);
  assert.equal(months.data.assistanceFen, 2_500_000);
  assert.equal(months.data.total, 3, 'S2, S3 and R3 fall in March–May');

  const report = await run(assistanceCapReportOp, 'supervisor', { year: String(YEAR) });
  assert.ok(report.ok);
  const mine = report.data.data.find((x) => x.personId === p1.id)!;
  assert.equal(mine.totalFen, 5_500_000);
  assert.equal(mine.excessFen, 500_000);
  assert.equal(mine.personTimes, 2);
  assert.equal(mine.flaggedRecords, 1);
});

test('no masked ID can be rebuilt from the list, the cap report or the export', async () => {
  for (const op of [listAssistanceOp, assistanceCapReportOp, exportAssistanceOp]) {
    const r = await run(op as typeof listAssistanceOp, 'staff', { year: String(YEAR) });
    assert.ok(r.ok, op.name);
    const text = JSON.stringify(
      await readable(op === exportAssistanceOp ? (r.data as unknown as { content: Buffer }).content : r.data),
    );
    assert.match(text, /\d{6}\*+[\dX]{2}/, `${op.name} shows masked IDs`);
    assert.doesNotMatch(text, new RegExp(p1.idNumber), op.name);
    assert.deepEqual(checkAnswer(await readable(r.data), shanghaiDate()).slice(0, 3), [], op.name);
  }
});

test('the same file again changes nothing: every SETL_ID already stored is skipped', async () => {
  const before = await ours();
  const r = await runImport(file);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.summary.settlements, 0);
  assert.equal(r.summary.reversals, 0);
  assert.equal(r.summary.alreadyImported, 4);
  assert.deepEqual(await ours(), before);
});

test('a reversal in a later file cancels a stored settlement; the cap is re-checked', async () => {
  const f = csv([
    HEADER,
    [sid('R1'), p1.name, p1.idNumber, ...HOSP, '21', `${YEAR}-06-01`, '-90000', '-80000', '-30000', sid('S1'), '1'],
    [sid('R1b'), p1.name, p1.idNumber, ...HOSP, '21', `${YEAR}-06-02`, '-90000', '-80000', '-30000', sid('S1'), '1'],
  ]);
  const r = await runImport(f);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.summary.reversals, 1);
  assert.equal(r.summary.rejected, 1, 'the second reversal of the same settlement is refused');
  const by = new Map((await ours()).map((x) => [x.settlementId, x]));
  assert.ok(by.get(sid('S1'))!.reversedById);
  assert.equal(by.get(sid('S2'))!.capExceeded, false, 'with S1 cancelled, S2 no longer passes the cap');
});

test('rows failing alike stop the import and write nothing', async () => {
  const rows: (string | number)[][] = [HEADER];
  for (let i = 0; i < 60; i++) {
    const id = makeIdNumber('371003', '1960-01-01', 100 + i, i % 2 ? 'M' : 'F');
    rows.push([sid(`X${i}`), '某某', id, ...HOSP, '住院', `${YEAR}-07-01`, '100', '100', '10', '', '0']);
  }
  const before = (await t.db.select().from(assistanceRecords)).length;
  const r = await runImport(csv(rows));
  assert.ok(!r.ok);
  assert.ok(r.stop);
  assert.match(r.error, /导入已停止，未写入任何数据.*查无此人/);
  assert.equal((await t.db.select().from(assistanceRecords)).length, before);
});
