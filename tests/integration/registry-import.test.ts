/**
 * Registry import (参保登记数据): header variants in .csv and .xlsx, validation with Chinese
 * reasons, upserts that change nothing on an identical re-import and only what changed on a newer
 * export, atomicity under an injected failure, and the automatic closing of 销号 cases.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog, cases, enrollments, households, importErrors, imports, people, towns } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { makeIdNumber } from '@/lib/domain/id-number';
import { importRegistry, type RegistryImportInput, type RegistryImportResult } from '@/lib/import/registry-import';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
let staff: SessionUser;
const YEAR = new Date().getFullYear();
let notEnrolled: typeof people.$inferSelect;
let caseId: number;
let townName: Map<string, string>;
let notEnrolledHouseholdNo = '';
const files: string[] = [];

// New people brought by the files (valid IDs; birth dates in the past).
const A = { name: '林海燕', id: makeIdNumber('371003', '1980-03-15', 101, 'F') };
const B = { name: '林建国', id: makeIdNumber('371081', '1978-11-02', 203, 'M') };
const BAD_ID = (() => {
  const id = makeIdNumber('371003', '1990-05-05', 17, 'M');
  return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
})();
const UNKNOWN_TOWN = { name: '张无镇', id: makeIdNumber('371003', '1985-07-07', 55, 'M') };
const D = { name: '王晓雪', id: makeIdNumber('371003', '2001-09-09', 88, 'F') };

before(async () => {
  t = await createTestDb({ people: 200 });
  staff = await sessionUser(t.db, 'staff');
  townName = new Map((await t.db.select().from(towns)).map((x) => [x.code, x.name]));
  const all = await t.db.select().from(people).orderBy(people.id);
  const active = new Set(
    (
      await t.db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.year, YEAR), eq(enrollments.status, 'active')))
    ).map((e) => e.personId),
  );
  notEnrolled = all.find((p) => !active.has(p.id))!;
  assert.ok(notEnrolled, 'the demo data has a person not enrolled this year');
  if (notEnrolled.householdId) {
    [{ householdNo: notEnrolledHouseholdNo }] = await t.db
      .select()
      .from(households)
      .where(eq(households.id, notEnrolled.householdId));
  }
  [{ id: caseId }] = await t.db
    .insert(cases)
    .values({
      personId: notEnrolled.id,
      year: YEAR,
      townCode: notEnrolled.townCode,
      kind: 'not_enrolled',
      dueDate: `${YEAR}-12-31`,
    })
    .returning({ id: cases.id });
});
after(async () => {
  for (const f of files) fs.rmSync(f, { force: true });
  await t.close();
});

function save(name: string, content: string | Buffer): { filePath: string; sha256: string } {
  const filePath = path.join(os.tmpdir(), `registry-${crypto.randomBytes(4).toString('hex')}-${name}`);
  fs.writeFileSync(filePath, content);
  files.push(filePath);
  return { filePath, sha256: crypto.createHash('sha256').update(fs.readFileSync(filePath)).digest('hex') };
}

/** A CSV export like the national platform's, with a title row above the header and a total row. */
function registryCsv(amountA = '450.00') {
  const rows = [
    ['2026年度文登区城乡居民参保登记表（导出）'],
    [
      '姓名',
      '公民身份号码',
      '险种类型',
      '年度',
      '档次',
      '缴费金额',
      '缴费日期',
      '乡镇',
      '村',
      '户号',
      '与户主关系',
      '参保状态',
    ],
    [
      A.name,
      A.id,
      '390',
      String(YEAR),
      '一档',
      amountA,
      `${YEAR - 1}/11/5`,
      '龙山路街道',
      '东庄村',
      '371003900000001',
      '户主',
      '正常',
    ],
    [
      B.name,
      ` ${B.id.slice(0, 6)} ${B.id.slice(6)} `,
      '310',
      `${YEAR}年`,
      '',
      '',
      `${YEAR - 1}-12-01`,
      '龙山路',
      '东庄村',
      '371003900000001',
      '配偶',
      '参保缴费',
    ],
    [
      notEnrolled.name,
      notEnrolled.idNumber,
      '城乡居民',
      String(YEAR),
      '1',
      '450',
      `${YEAR - 1}-10-20`,
      townName.get(notEnrolled.townCode)!,
      notEnrolled.village ?? '',
      notEnrolledHouseholdNo,
      notEnrolled.relationToHead ?? '',
      '',
    ],
    ['错号', BAD_ID, '390', String(YEAR), '一档', '450', '', '龙山路街道', '', '', '', '正常'],
    [UNKNOWN_TOWN.name, UNKNOWN_TOWN.id, '390', String(YEAR), '一档', '450', '', '火星镇', '', '', '', '正常'],
    [
      '险种错',
      makeIdNumber('371003', '1970-01-01', 9, 'M'),
      '999',
      String(YEAR),
      '',
      '450',
      '',
      '龙山路街道',
      '',
      '',
      '',
      '正常',
    ],
    ['合计', '', '', '', '', '1350.00'],
  ];
  return '\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}

const input = (
  f: { filePath: string; sha256: string },
  extra: Partial<RegistryImportInput> = {},
): RegistryImportInput => ({
  filePath: f.filePath,
  fileName: path.basename(f.filePath),
  sha256: f.sha256,
  user: staff,
  ip: '127.0.0.1',
  ...extra,
});

const expectOk = (r: RegistryImportResult) => {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r;
};

async function personByIdNumber(id: string) {
  const [p] = await t.db.select().from(people).where(eq(people.idNumber, id));
  return p ?? null;
}

/** Every registry row with its updated_at at full (microsecond) precision. */
async function registrySnapshot() {
  const p = await t.db.execute(
    sql`select id, id_number, name, town_code, village, household_id, relation_to_head, updated_at::text from people order by id`,
  );
  const e = await t.db.execute(
    sql`select id, person_id, year, scheme, tier, status, paid_fen, paid_date, source, updated_at::text from enrollments order by id`,
  );
  const h = await t.db.execute(sql`select id, household_no, town_code, village from households order by id`);
  return { people: [...p], enrollments: [...e], households: [...h] };
}

describe('registry import', () => {
  let csv: { filePath: string; sha256: string };
  let firstImportId: number;

  test('atomic: a failure while merging applies nothing of the file; a re-run completes it', async () => {
    csv = save('export.csv', registryCsv());
    const before = await registrySnapshot();
    await t.db.execute(
      sql`create function fail_enrollments() returns trigger as $$ begin raise exception 'injected failure'; end $$ language plpgsql`,
    );
    await t.db.execute(
      sql`create trigger fail_enrollments before insert or update on enrollments for each statement execute function fail_enrollments()`,
    );
    const failed = await importRegistry(t.db, input(csv));
    assert.equal(failed.ok, false);
    assert.match(failed.ok ? '' : failed.error, /导入失败.*未写入任何数据/);
    const [imp] = await t.db.select().from(imports).where(eq(imports.id, failed.importId));
    assert.equal(imp.status, 'failed');
    assert.match(imp.message ?? '', /[\u4e00-\u9fa5]/);
    assert.deepEqual(await registrySnapshot(), before, 'people, enrollments and households unchanged');
    assert.equal((await t.db.select().from(importErrors).where(eq(importErrors.importId, failed.importId))).length, 0);
    const [c] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    assert.equal(c.status, 'open');
    await t.db.execute(sql`drop trigger fail_enrollments on enrollments`);
    await t.db.execute(sql`drop function fail_enrollments()`);

    const ok = expectOk(await importRegistry(t.db, input(csv)));
    firstImportId = ok.importId;
    assert.equal(ok.summary.rowsDone, 6);
    assert.equal(ok.summary.rowsRejected, 3);
    assert.equal(ok.summary.rowsSkipped, 2);
    assert.equal(ok.summary.peopleInserted, 2);
    assert.equal(ok.summary.peopleUpdated, 0);
    assert.equal(ok.summary.enrollmentsInserted, 3);
    assert.equal(ok.summary.householdsInserted, 1);
    assert.equal(ok.summary.casesClosed, 1);
    const [imp2] = await t.db.select().from(imports).where(eq(imports.id, ok.importId));
    assert.equal(imp2.status, 'completed');
    assert.deepEqual([imp2.rowsDone, imp2.rowsRejected, imp2.rowsSkipped], [6, 3, 2]);
  });

  test('people and enrollments are upserted from the header variants', async () => {
    const a = (await personByIdNumber(A.id))!;
    const b = (await personByIdNumber(B.id))!;
    assert.ok(a && b);
    assert.deepEqual(
      [a.name, a.gender, a.birthDate, a.townCode, a.village, a.relationToHead],
      [A.name, 'F', '1980-03-15', '371003001', '东庄村', '户主'],
    );
    assert.deepEqual([b.gender, b.birthDate, b.townCode, b.relationToHead], ['M', '1978-11-02', '371003001', '配偶']);
    assert.ok(a.householdId != null && a.householdId === b.householdId, 'same household 户');
    const [h] = await t.db.select().from(households).where(eq(households.id, a.householdId!));
    assert.deepEqual([h.householdNo, h.townCode], ['371003900000001', '371003001']);

    const [ea] = await t.db.select().from(enrollments).where(eq(enrollments.personId, a.id));
    assert.deepEqual(
      [ea.year, ea.scheme, ea.tier, ea.status, ea.paidFen, ea.paidDate, ea.source],
      [YEAR, 'resident', 'tier1', 'active', 45000, `${YEAR - 1}-11-05`, 'import'],
    );
    const [eb] = await t.db.select().from(enrollments).where(eq(enrollments.personId, b.id));
    assert.deepEqual([eb.scheme, eb.tier, eb.paidFen, eb.status], ['employee', null, 0, 'active']);
    const [en] = await t.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.personId, notEnrolled.id), eq(enrollments.year, YEAR)));
    assert.deepEqual([en.scheme, en.tier, en.paidFen, en.status], ['resident', 'tier1', 45000, 'active']);
    assert.equal(await personByIdNumber(UNKNOWN_TOWN.id), null);
  });

  test('an open not-enrolled case closes by itself once the import brings the enrollment', async () => {
    const [c] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    assert.deepEqual([c.status, c.closeReason], ['closed', 'enrolled']);
    assert.ok(c.closedAt);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.auto_close'), eq(auditLog.entityId, String(caseId))));
    assert.equal(audits.length, 1);
    assert.equal(audits[0].personId, notEnrolled.id);
    assert.equal(audits[0].username, 'staff');
  });

  test('rejected rows are in import_errors with Chinese reasons; title and total rows are skipped', async () => {
    const errs = await t.db
      .select()
      .from(importErrors)
      .where(eq(importErrors.importId, firstImportId))
      .orderBy(importErrors.rowNo);
    const rejected = errs.filter((e) => !e.skipped);
    assert.deepEqual(
      rejected.map((e) => e.rowNo),
      [6, 7, 8],
    );
    assert.match(rejected[0].reason, /身份证号码有误：校验位错误/);
    assert.match(rejected[1].reason, /乡镇（街道）“火星镇”不在本区镇街名单中/);
    assert.match(rejected[2].reason, /险种类型无法识别：“999”/);
    assert.deepEqual((rejected[0].values as string[]).slice(0, 2), ['错号', BAD_ID]);
    const skipped = errs.filter((e) => e.skipped);
    assert.deepEqual(
      skipped.map((e) => e.rowNo),
      [1, 9],
    );
    assert.match(skipped[0].reason, /标题/);
    assert.match(skipped[1].reason, /合计/);
  });

  test('one registry.import audit row with the counts', async () => {
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registry.import'), eq(auditLog.entityId, String(firstImportId))));
    assert.equal(rows.length, 1);
    const after = rows[0].after as Record<string, number>;
    assert.deepEqual(
      [
        after.rowsDone,
        after.rowsRejected,
        after.peopleInserted,
        after.peopleUpdated,
        after.enrollmentsInserted,
        after.enrollmentsUpdated,
        after.casesClosed,
      ],
      [6, 3, 2, 0, 3, 0, 1],
    );
  });

  test('importing the same file again changes nothing (rows and updated_at)', async () => {
    const before = await registrySnapshot();
    const again = expectOk(await importRegistry(t.db, input(csv)));
    const s = again.summary;
    assert.deepEqual(
      [
        s.peopleInserted,
        s.peopleUpdated,
        s.enrollmentsInserted,
        s.enrollmentsUpdated,
        s.householdsInserted,
        s.casesClosed,
      ],
      [0, 0, 0, 0, 0, 0],
    );
    assert.deepEqual(await registrySnapshot(), before);
  });

  test('a newer export with one changed amount updates exactly that enrollment', async () => {
    const before = await registrySnapshot();
    const newer = save('export-newer.csv', registryCsv('650.00'));
    const r = expectOk(await importRegistry(t.db, input(newer)));
    assert.deepEqual(
      [r.summary.peopleInserted, r.summary.peopleUpdated, r.summary.enrollmentsInserted, r.summary.enrollmentsUpdated],
      [0, 0, 0, 1],
    );
    const afterSnap = await registrySnapshot();
    assert.deepEqual(afterSnap.people, before.people);
    assert.deepEqual(afterSnap.households, before.households);
    const a = (await personByIdNumber(A.id))!;
    const changed = afterSnap.enrollments.filter((e, i) => JSON.stringify(e) !== JSON.stringify(before.enrollments[i]));
    assert.equal(changed.length, 1);
    assert.equal(changed[0].person_id, a.id);
    assert.equal(changed[0].paid_fen, 65000);
    assert.notEqual(changed[0].updated_at, before.enrollments.find((e) => e.id === changed[0].id)!.updated_at);
  });

  test('one import that updates one scheme of a person-year and adds the other', async () => {
    const f = save(
      'mixed.csv',
      [
        '姓名,公民身份号码,险种类型,年度,档次,缴费金额,缴费日期,乡镇,参保状态',
        `${B.name},${B.id},310,${YEAR},,,${YEAR - 1}-12-01,龙山路街道,暂停`,
        `${B.name},${B.id},390,${YEAR},一档,450,${YEAR}-01-10,龙山路街道,正常`,
      ].join('\n'),
    );
    const r = expectOk(await importRegistry(t.db, input(f)));
    assert.deepEqual([r.summary.enrollmentsInserted, r.summary.enrollmentsUpdated, r.summary.peopleUpdated], [1, 1, 0]);
    const b = (await personByIdNumber(B.id))!;
    const rows = await t.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.personId, b.id), eq(enrollments.year, YEAR)))
      .orderBy(enrollments.scheme);
    assert.deepEqual(
      rows.map((e) => [e.scheme, e.status]),
      [
        ['resident', 'active'],
        ['employee', 'suspended'],
      ],
    );
  });

  test('.xlsx: header variants, number cells, Date cells, town codes, a default year; an ID that Excel turned into a number is rejected', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('参保人员');
    ws.addRow(['文登区参保人员明细']);
    ws.mergeCells('A1:H1');
    ws.addRow(['序号', '姓  名', '公民身份号码', '险种类型', '档次', '缴费金额(元)', '缴费日期', '乡镇']);
    ws.addRow([1, D.name, D.id, 390, '二档', 650, new Date(Date.UTC(YEAR - 1, 11, 20)), '371003100']);
    ws.addRow([2, '数字号', 371003198506120000, 390, '一档', 450, null, '371003100']);
    ws.getColumn(7).numFmt = 'yyyy-mm-dd';
    const f = save('export.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r = expectOk(await importRegistry(t.db, input(f, { defaultYear: YEAR })));
    assert.deepEqual(
      [r.summary.rowsDone, r.summary.rowsRejected, r.summary.peopleInserted, r.summary.enrollmentsInserted],
      [2, 1, 1, 1],
    );
    const d = (await personByIdNumber(D.id))!;
    assert.equal(d.townCode, '371003100');
    const [e] = await t.db.select().from(enrollments).where(eq(enrollments.personId, d.id));
    assert.deepEqual(
      [e.year, e.scheme, e.tier, e.paidFen, e.paidDate],
      [YEAR, 'resident', 'tier2', 65000, `${YEAR - 1}-12-20`],
    );
    const [err] = await t.db
      .select()
      .from(importErrors)
      .where(and(eq(importErrors.importId, r.importId), eq(importErrors.skipped, 0)));
    assert.match(err.reason, /Excel 数字格式.*无法还原/);
  });

  test('columns absent from the file keep the stored values; a new person without a town is rejected', async () => {
    const a = (await personByIdNumber(A.id))!;
    const E = { name: '无镇人', id: makeIdNumber('371003', '1966-06-06', 66, 'M') };
    const f = save(
      'no-town.csv',
      `姓名,身份证号码,险种类型,年度\n${A.name},${A.id},390,${YEAR + 1}\n${E.name},${E.id},390,${YEAR + 1}\n`,
    );
    const r = expectOk(await importRegistry(t.db, input(f)));
    assert.deepEqual(
      [
        r.summary.rowsDone,
        r.summary.rowsRejected,
        r.summary.peopleInserted,
        r.summary.peopleUpdated,
        r.summary.enrollmentsInserted,
      ],
      [2, 1, 0, 0, 1],
    );
    assert.deepEqual(await personByIdNumber(A.id), a, 'town, village, household and relation kept');
    const [next] = await t.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.personId, a.id), eq(enrollments.year, YEAR + 1)));
    assert.deepEqual([next.scheme, next.status, next.paidFen, next.tier], ['resident', 'active', 0, null]);
    assert.equal(await personByIdNumber(E.id), null);
    const [err] = await t.db.select().from(importErrors).where(eq(importErrors.importId, r.importId));
    assert.equal(err.rowNo, 3);
    assert.match(err.reason, /新增人员缺少乡镇/);
    assert.deepEqual(err.values, [E.name, E.id, '390', String(YEAR + 1)]);
  });

  test('a file without 年度 and no default year fails with a Chinese message and writes nothing', async () => {
    const before = await registrySnapshot();
    const f = save('no-year.csv', `姓名,身份证号,险种\n${A.name},${A.id},390\n`);
    const r = await importRegistry(t.db, input(f));
    assert.ok(!r.ok);
    assert.match(r.error, /没有找到“参保年度”列/);
    assert.deepEqual(await registrySnapshot(), before);
  });

  test('a parse error in the middle of the file rolls back the rows already staged (and progress was reported meanwhile)', async () => {
    const before = await registrySnapshot();
    // 12,000 valid rows (several COPY chunks already sent, one progress update), then a broken line.
    const lines = ['姓名,身份证号,险种类型,年度,乡镇'];
    for (let i = 0; i < 12_000; i++) {
      const birth = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(`新人${i},${makeIdNumber('371003', birth, i % 1000, i % 2 ? 'M' : 'F')},390,${YEAR},米山镇`);
    }
    lines.push('"没有闭合的引号,371003199901040000,390');
    const f = save('broken.csv', lines.join('\n'));
    const r = await importRegistry(t.db, input(f));
    assert.ok(!r.ok);
    assert.match(r.error, /引号/);
    assert.deepEqual(await registrySnapshot(), before);
    const [imp] = await t.db.select().from(imports).where(eq(imports.id, r.importId));
    assert.equal(imp.status, 'failed');
    assert.ok(imp.rowsDone >= 10_000, `progress written while the transaction ran (${imp.rowsDone})`);
  });

  test('the registry counters kept by triggers (migration 0004) are still exact after all these imports', async () => {
    type Exec = Pick<typeof t.db, 'execute'>;
    const read = async (db: Exec) => ({
      people: [
        ...(await db.execute(sql`select town_code, people from town_people_counts where people <> 0 order by 1`)),
      ],
      coverage: [
        ...(await db.execute(
          sql`select town_code, year, resident, employee, both_schemes from town_year_coverage where resident <> 0 or employee <> 0 or both_schemes <> 0 order by 1, 2`,
        )),
      ],
    });
    const kept = await read(t.db);
    let rebuilt: Awaited<ReturnType<typeof read>> | undefined;
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`select registry_counts_rebuild()`);
        rebuilt = await read(tx);
        throw new Error('rollback');
      })
      .catch(() => {});
    assert.ok(rebuilt);
    assert.deepEqual(kept, rebuilt);
  });
});
