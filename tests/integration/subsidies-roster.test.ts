/**
 * Roster batches from imported lists: one line per listed registry person (the most favourable
 * category), people apart, the difference of a regeneration, the second pair of eyes (server and
 * CHECK), an approved batch frozen by the database, standards as versions only, and the exports.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import {
  auditLog,
  contributionStandards,
  subsidyBatches,
  subsidyLines,
  subsidyRules,
  type SubsidyLine,
} from '@/db/schema';
import { approveBatchOp, generateRosterOp, returnBatchOp, submitBatchOp } from '@/lib/operations/subsidy-batches';
import { exportBatchOp, exportTaxOp } from '@/lib/operations/subsidy-exports';
import { personSubsidyOp } from '@/lib/operations/subsidy-person';
import { batchLinesOp, excludedOp, getBatchOp } from '@/lib/operations/subsidy-rosters';
import { maskIdNumber } from '@/lib/domain/id-number';
import { createTestDb, rejectsAtDatabase, type TestDb } from './helpers';
import {
  badIdNumber,
  callAs,
  demoUsers,
  importList,
  LONGSHAN,
  newPerson,
  refused,
  TIANFU,
  unknownIdNumber,
  YEAR,
  type Listed,
} from './subsidies-fixtures';

let t: TestDb;
let u: Awaited<ReturnType<typeof demoUsers>>;
let call: ReturnType<typeof callAs>['call'];
let ok: ReturnType<typeof callAs>['ok'];
let p: Record<'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6' | 'e1', Listed>;
let batchId: number;

const linesOf = async (id: number) => {
  const rows = await t.db.select().from(subsidyLines).where(eq(subsidyLines.batchId, id));
  return new Map<number, SubsidyLine[]>(
    [...new Set(rows.map((l) => l.personId))].map((pid) => [pid, rows.filter((l) => l.personId === pid)]),
  );
};
const audits = (action: string, entityId: number) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))));
async function cellsOf(content: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0].eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
  return out;
}

before(async () => {
  t = await createTestDb();
  ({ call, ok } = callAs(t.db));
  u = await demoUsers(t.db);
  p = {
    p1: await newPerson(t.db, LONGSHAN), // on three lists
    p2: await newPerson(t.db, LONGSHAN),
    p3: await newPerson(t.db, LONGSHAN, { minor: true }),
    p4: await newPerson(t.db, LONGSHAN, { tier: 'tier2', paidFen: 65000 }),
    p5: await newPerson(t.db, TIANFU),
    p6: await newPerson(t.db, LONGSHAN),
    e1: await newPerson(t.db, LONGSHAN, { employee: true }),
  };
  await importList(t.db, u.staff, 'minzheng_tekun', `${YEAR}-03-01`, [
    { person: p.p1, category: '特困' },
    { person: p.p4, category: '特困' },
  ]);
  await importList(t.db, u.staff, 'minzheng_dibao', `${YEAR}-03-05`, [
    { person: p.p1, category: '低保' },
    { person: p.p2, category: '低保' },
    { person: p.p3, category: '低保' },
    { person: p.p5, category: '低保' },
    { person: p.e1, category: '低保' },
    { name: '号码错', idNumber: badIdNumber(), town: '龙山路街道', category: '低保' },
    { name: '查无此人', idNumber: unknownIdNumber(), town: '龙山路街道', category: '低保' },
  ]);
  await importList(t.db, u.staff, 'fupin', `${YEAR}-03-10`, [{ person: p.p1, category: '监测对象' }]);
});
after(() => t.close());

describe('generate', () => {
  test('one line per listed registry person, the most favourable category; employee-only apart', async () => {
    const r = await ok(generateRosterOp, u.staff, { year: YEAR });
    batchId = r.id!;
    assert.equal(r.lines, 5);
    const lines = await linesOf(batchId);
    const row = (x: Listed) => {
      assert.equal(lines.get(x.id)?.length, 1, `${x.name}: one line`);
      const l = lines.get(x.id)![0];
      return [l.kind, l.category, l.tier, l.ageGroup, l.contributionFen, l.amountFen, l.settlement, l.townCode];
    };
    assert.deepEqual(row(p.p1), ['roster', 'tekun', 'tier1', 'adult', 45000, 45000, 'subsidy', LONGSHAN]);
    assert.deepEqual(row(p.p2), ['roster', 'dibao', 'tier1', 'adult', 45000, 30000, 'subsidy', LONGSHAN]);
    assert.deepEqual(row(p.p3), ['roster', 'dibao', 'tier1', 'minor', 20000, 20000, 'subsidy', LONGSHAN]);
    assert.deepEqual(row(p.p4), ['roster', 'tekun', 'tier2', 'adult', 65000, 65000, 'subsidy', LONGSHAN]);
    assert.deepEqual(row(p.p5), ['roster', 'dibao', 'tier1', 'adult', 45000, 30000, 'subsidy', TIANFU]);
    assert.equal(lines.has(p.e1.id), false);
    assert.equal(lines.size, 5);
    const batch = await ok(getBatchOp, u.staff, { id: batchId });
    assert.equal(batch.batch.status, 'draft');
    assert.equal(batch.diff?.comparedTo, 'first');
    assert.equal(batch.diff?.apart.employee_only, 1);
    assert.deepEqual(
      batch.totals.map((x) => [x.town_code, x.category, x.people, x.amount_fen]),
      [
        [LONGSHAN, 'dibao', 2, 50000],
        [LONGSHAN, 'tekun', 2, 110000],
        [TIANFU, 'dibao', 1, 30000],
      ],
    );
    assert.equal((await audits('subsidy.generate', batchId)).length, 1);
  });

  test('the person page says why 特困: the 低保 and 监测 entries lost with their amounts', async () => {
    const r = await ok(personSubsidyOp, u.staff, { personId: p.p1.id });
    assert.equal(r.choice?.winner?.category, 'tekun');
    assert.deepEqual(r.choice?.losers.map((l) => l.category).sort(), ['dibao', 'monitored']);
    assert.ok(r.choice?.losers.every((l) => /低于按“特困人员”的 450\.00 元/.test(l.reason)));
  });

  test('lines come with masked ID numbers only', async () => {
    const r = await ok(batchLinesOp, u.staff, { id: batchId, pageSize: 50 });
    assert.equal(r.total, 5);
    const text = JSON.stringify(r.data);
    for (const x of [p.p1, p.p2, p.p3, p.p4, p.p5]) assert.ok(!text.includes(x.idNumber), 'no whole ID number');
    assert.ok(r.data.every((l) => /^\d{6}\*{10}[\dX]{2}$/.test(l.maskedId)));
  });

  test('bad-ID and not-found rows are listed apart, with the reason, and get no line', async () => {
    const r = await ok(excludedOp, u.staff, { year: YEAR });
    assert.equal(r.total, 2);
    const byName = new Map(r.data.map((x) => [x.name, x]));
    assert.match(byName.get('号码错')!.reason, /身份证号待核实/);
    assert.ok(!JSON.stringify(r.data).includes(badIdNumber()), 'the bad ID is masked too');
    assert.match(byName.get('查无此人')!.reason, /参保登记中查无此人/);
    assert.ok(!JSON.stringify(r.data).includes(unknownIdNumber()));
    refused(await call(excludedOp, u.admin, { year: YEAR }), 400, /请选择区县/);
    assert.equal((await ok(excludedOp, u.admin, { year: YEAR, districtCode: '371003' })).total, 2);
    const [n] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from subsidy_lines l join people x on x.id = l.person_id where x.name in ('号码错', '查无此人')`,
    );
    assert.equal(n.n, 0);
  });
});

describe('regenerate a draft', () => {
  test('the difference from the previous generation: added, removed, changed, with names', async () => {
    await importList(t.db, u.staff, 'minzheng_dibao', `${YEAR}-04-01`, [
      { person: p.p1, category: '低保' },
      { person: p.p2, category: '低保边缘' }, // 300 → 150
      { person: p.p3, category: '低保' },
      { person: p.e1, category: '低保' },
      { person: p.p6, category: '低保' }, // new; p5 is gone
    ]);
    const r = await ok(generateRosterOp, u.staff, { year: YEAR });
    assert.equal(r.id, batchId, 'the same draft, regenerated');
    assert.deepEqual(r.diff, { added: 1, removed: 1, changed: 1, stopped: 0 });
    const { diff } = await ok(getBatchOp, u.staff, { id: batchId });
    assert.equal(diff?.comparedTo, 'draft');
    assert.deepEqual(
      diff?.added.map((d) => [d.personId, d.afterFen, d.name]),
      [[p.p6.id, 30000, p.p6.name]],
    );
    assert.deepEqual(
      diff?.removed.map((d) => [d.personId, d.beforeFen]),
      [[p.p5.id, 30000]],
    );
    assert.deepEqual(
      diff?.changed.map((d) => [d.personId, d.beforeFen, d.afterFen]),
      [[p.p2.id, 30000, 15000]],
    );
    assert.ok(diff?.added.every((d) => d.maskedId.includes('*')));
    const lines = await linesOf(batchId);
    assert.equal(lines.has(p.p5.id), false);
    assert.equal(lines.get(p.p2.id)![0].category, 'dibao_edge');
    assert.equal((await audits('subsidy.generate', batchId)).length, 2);
  });
});

describe('a second pair of eyes', () => {
  test('submit, return with a note (audited); a submitted batch cannot be regenerated', async () => {
    await ok(submitBatchOp, u.staff, { id: batchId });
    assert.equal((await audits('subsidy.submit', batchId)).length, 1);
    refused(await call(generateRosterOp, u.staff, { year: YEAR }), 409, /已提交待审批/);
    await ok(returnBatchOp, u.supervisor, { id: batchId, note: '请核对低保边缘人员' });
    const [row] = await t.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
    assert.deepEqual([row.status, row.returnNote, row.returnedBy], ['returned', '请核对低保边缘人员', u.supervisor.id]);
    const [audit] = await audits('subsidy.return', batchId);
    assert.equal((audit.after as { note: string }).note, '请核对低保边缘人员');
  });

  test('the preparer cannot approve (403, four-eyes), nor can the database be told otherwise', async () => {
    await ok(generateRosterOp, u.admin, { year: YEAR, districtCode: '371003' }); // admin now prepares it
    await ok(submitBatchOp, u.admin, { id: batchId });
    refused(await call(approveBatchOp, u.admin, { id: batchId }), 403, /审批人不能是该批次的经办（编制）人/);
    await rejectsAtDatabase(
      t.db.execute(
        sql`update subsidy_batches set status = 'approved', approved_by = prepared_by, approved_at = now() where id = ${batchId}`,
      ),
      /subsidy_batches_four_eyes_ck/,
    );
    await rejectsAtDatabase(
      t.db.execute(sql`update subsidy_batches set status = 'approved' where id = ${batchId}`),
      /subsidy_batches_approved_ck/,
    );
    const [row] = await t.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
    assert.deepEqual([row.status, row.preparedBy, row.approvedBy], ['submitted', u.admin.id, null]);
    assert.equal((await audits('subsidy.approve', batchId)).length, 0);
  });

  test('another user approves: audited, the batch frozen', async () => {
    const r = await ok(approveBatchOp, u.supervisor, { id: batchId });
    assert.deepEqual([r.fundFen, r.refunds], [0, 0]);
    const [row] = await t.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
    assert.deepEqual([row.status, row.approvedBy], ['approved', u.supervisor.id]);
    const [audit] = await audits('subsidy.approve', batchId);
    assert.equal(audit.username, 'supervisor');
  });
});

describe('an approved batch is frozen by the database', () => {
  test('its lines cannot be changed, deleted or added to; its row cannot be changed or deleted', async () => {
    const [line] = await t.db.select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId)).limit(1);
    const frozen = /审批冻结|已冻结/;
    await rejectsAtDatabase(
      t.db.update(subsidyLines).set({ amountFen: 1 }).where(eq(subsidyLines.id, line.id)),
      frozen,
    );
    await rejectsAtDatabase(t.db.delete(subsidyLines).where(eq(subsidyLines.id, line.id)), frozen);
    const { id: _id, ...copy } = line;
    await rejectsAtDatabase(t.db.insert(subsidyLines).values({ ...copy, personId: p.p5.id, townCode: TIANFU }), frozen);
    await rejectsAtDatabase(
      t.db.update(subsidyBatches).set({ returnNote: '改' }).where(eq(subsidyBatches.id, batchId)),
      frozen,
    );
    await rejectsAtDatabase(t.db.delete(subsidyBatches).where(eq(subsidyBatches.id, batchId)), frozen);
    await rejectsAtDatabase(t.db.execute(sql`truncate subsidy_lines cascade`), /只能新增/);
    const [again] = await t.db.select().from(subsidyLines).where(eq(subsidyLines.id, line.id));
    assert.deepEqual(again, line);
    assert.equal((await linesOf(batchId)).size, 5);
  });

  test('lines are checked once per statement: no unknown batch, standard or rule; a batch with lines is not deleted', async () => {
    const [line] = await t.db.select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId)).limit(1);
    const { id: _id, ...copy } = line;
    const fresh = { ...copy, personId: p.p5.id, townCode: TIANFU, year: 2099 };
    await rejectsAtDatabase(t.db.insert(subsidyLines).values({ ...fresh, batchId: 999_999 }), /不存在的批次/);
    const [draft] = await t.db
      .insert(subsidyBatches)
      .values({ year: 2099, districtCode: '371003', preparedBy: u.staff.id })
      .returning();
    const into = { ...fresh, batchId: draft.id };
    await rejectsAtDatabase(t.db.insert(subsidyLines).values({ ...into, standardId: 999_999 }), /不存在的缴费标准/);
    await rejectsAtDatabase(t.db.insert(subsidyLines).values({ ...into, ruleId: 999_999 }), /资助规则版本/);
    await t.db.insert(subsidyLines).values(into);
    await rejectsAtDatabase(t.db.delete(subsidyBatches).where(eq(subsidyBatches.id, draft.id)), /还有明细/);
    await t.db.delete(subsidyLines).where(eq(subsidyLines.batchId, draft.id));
    await t.db.delete(subsidyBatches).where(eq(subsidyBatches.id, draft.id));
  });

  test('a later change is a signed change line referring to the frozen line, in a new batch', async () => {
    await importList(t.db, u.staff, 'minzheng_tekun', `${YEAR}-05-01`, [
      { person: p.p1, category: '特困' },
      { person: p.p4, category: '特困' },
      { person: p.p2, category: '特困' }, // 低保边缘 150 → 特困 450
    ]);
    const r = await ok(generateRosterOp, u.staff, { year: YEAR });
    assert.notEqual(r.id, batchId);
    const [frozen] = (await linesOf(batchId)).get(p.p2.id)!;
    const lines = await t.db.select().from(subsidyLines).where(eq(subsidyLines.batchId, r.id!));
    assert.deepEqual(
      lines.map((l) => [l.personId, l.kind, l.amountFen, l.refLineId, l.category]),
      [[p.p2.id, 'change', 30000, frozen.id, 'tekun']],
    );
    const adjustments = await ok(exportBatchOp, u.staff, { id: r.id, part: 'adjustments' });
    assert.equal(adjustments.rows, 1);
  });
});

describe('standards are versions only', () => {
  test('update and delete of contribution standards and subsidy rules are refused', async () => {
    const versionsOnly = /只能新增/;
    await rejectsAtDatabase(
      t.db.update(contributionStandards).set({ tier1AdultFen: 1 }).where(eq(contributionStandards.year, YEAR)),
      versionsOnly,
    );
    await rejectsAtDatabase(
      t.db.delete(contributionStandards).where(eq(contributionStandards.year, YEAR)),
      versionsOnly,
    );
    await rejectsAtDatabase(
      t.db.update(subsidyRules).set({ docRef: '改' }).where(eq(subsidyRules.year, YEAR)),
      versionsOnly,
    );
    await rejectsAtDatabase(t.db.delete(subsidyRules).where(eq(subsidyRules.year, YEAR)), versionsOnly);
  });
});

describe('exports', () => {
  test('the tax export has whole ID numbers and is audited as such', async () => {
    const r = await ok(exportTaxOp, u.staff, { id: batchId });
    const cells = await cellsOf(r.content);
    for (const x of [p.p1, p.p2, p.p3, p.p4, p.p6]) assert.ok(cells.includes(x.idNumber), `${x.name} whole`);
    assert.ok(
      cells.some((c) => /PSN_CLCT_AMT/.test(c)),
      'national field names',
    );
    const [audit] = await audits('export.subsidy_tax', batchId);
    assert.equal((audit.after as { wholeIdNumbers: boolean }).wholeIdNumbers, true);
    assert.equal(audit.username, 'staff');
  });

  test('the roster export masks ID numbers', async () => {
    const r = await ok(exportBatchOp, u.supervisor, { id: batchId });
    assert.equal(r.rows, 5);
    const cells = await cellsOf(r.content);
    assert.ok(!cells.some((c) => /\d{17}[\dX]/.test(c)), 'no whole ID number in any cell');
    assert.ok(cells.some((c) => c.startsWith(`${maskIdNumber(p.p1.idNumber)}（`)));
    assert.equal((await audits('export.subsidy_roster', batchId)).length, 1);
  });
});
