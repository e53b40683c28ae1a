/**
 * Imports that understand real files (issue 8): a year column named as no alias ever was is read
 * as the year and never replaced by 默认年度; a header leaving a look-alike column undecided is
 * refused; rows failing alike stop the import with nothing written; an upload previewed through one
 * database client is imported through another with only its id; another user's upload is 404.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createDb, type Db } from '@/db';
import { cases, enrollments, imports, people } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import { makeIdNumber } from '@/lib/domain/id-number';
import { previewImportOp, startListImport, startRegistryImportOp } from '@/lib/operations/imports';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { storeFile } from './upload-fixtures';

let t: TestDb;
const YEAR = new Date().getFullYear();
const files: string[] = [];
let notEnrolled: (typeof people.$inferSelect)[] = [];
let caseIds: number[] = [];

function csvFile(name: string, rows: string[][]): string {
  const f = path.join(os.tmpdir(), `confirm-${process.pid}-${files.length}-${name}`);
  fs.writeFileSync(f, '\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
  files.push(f);
  return f;
}

async function run<T>(
  op: { run: (u: SessionUser | null, raw: unknown, o: { db: Db; ip: string }) => Promise<T> },
  username: string,
  input: unknown,
  db: Db = t.db,
): Promise<T> {
  return op.run(await sessionUser(t.db, username), input, { db, ip: '127.0.0.1' });
}

async function finished(importId: number) {
  for (let i = 0; i < 400; i++) {
    const [imp] = await t.db.select().from(imports).where(eq(imports.id, importId));
    if (imp.status !== 'running') return imp;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

const tempFiles = () => {
  const dir = path.join(os.tmpdir(), 'portal-imports', String(process.pid));
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

before(async () => {
  t = await createTestDb({ people: 300 });
  const active = new Set(
    (
      await t.db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.year, YEAR), eq(enrollments.status, 'active')))
    ).map((e) => e.personId),
  );
  notEnrolled = (await t.db.select().from(people).orderBy(people.id)).filter((p) => !active.has(p.id)).slice(0, 3);
  assert.equal(notEnrolled.length, 3);
  caseIds = [];
  for (const p of notEnrolled) {
    const [c] = await t.db
      .insert(cases)
      .values({ personId: p.id, year: YEAR, townCode: p.townCode, kind: 'not_enrolled', dueDate: `${YEAR}-12-31` })
      .returning();
    caseIds.push(c.id);
  }
});
after(async () => {
  for (const f of files) fs.rmSync(f, { force: true });
  await t.close();
});

/** Another office's export: last year's payments; the year and town columns carry words no alias has. */
const otherOfficeExport = () =>
  csvFile('other-office.csv', [
    [
      '序号',
      '姓名',
      '公民身份号码',
      '险种类型',
      '缴费所属年度（镇街填报）',
      '居住地所在镇街名称',
      '个人缴费金额（元）',
    ],
    ...notEnrolled.map((p, i) => [String(i + 1), p.name, p.idNumber, '390', String(YEAR - 1), '龙山路街道', '380']),
  ]);

test('the preview recognizes the year column by meaning, asks about the unsure ones, and shows rows as they will be stored', async () => {
  const upload = await storeFile(t.db, 'staff', otherOfficeExport(), 'other-office.csv');
  const r = await run(previewImportOp, 'staff', {
    uploadId: upload.uploadId,
    kind: 'registry',
    defaultYear: String(YEAR),
  });
  assert.ok(r.ok, r.ok ? '' : r.error);
  const { header, sample } = r.data.preview;
  const year = header!.columns.find((c) => c.index === 4)!;
  assert.equal(year.candidate?.field, 'year');
  const town = header!.columns.find((c) => c.index === 5)!;
  assert.equal(town.candidate?.field, 'town');
  assert.ok(r.data.preview.problems.length > 0, 'unsure columns are questions');
  assert.equal(sample[0].values['参保年度'], String(YEAR - 1), 'the year as in the file, not the default');
  assert.match(sample[0].values['身份证号码'], /\*/);
});

test('with 默认年度 set, a header that leaves the year column undecided is refused; the confirmed one imports the file’s year and closes no case', async () => {
  const file = otherOfficeExport();
  const upload = await storeFile(t.db, 'staff', file, 'other-office.csv');
  const undecided: ConfirmedHeader = {
    headerRowNo: 1,
    mapping: { name: 1, idNumber: 2, scheme: 3, town: 5, paidAmount: 6 },
    ignored: [0],
  };
  const refused = await run(startRegistryImportOp, 'staff', {
    uploadId: upload.uploadId,
    header: JSON.stringify(undecided),
    defaultYear: String(YEAR),
  });
  assert.ok(!refused.ok && refused.status === 400);
  assert.match(refused.error, /第 5 列“缴费所属年度（镇街填报）”看起来是“参保年度”列.*默认年度只填补空白单元格/);
  assert.equal(
    (await t.db.select().from(enrollments).where(eq(enrollments.personId, notEnrolled[0].id))).filter(
      (e) => e.year === YEAR,
    ).length,
    0,
  );

  const confirmed: ConfirmedHeader = { ...undecided, mapping: { ...undecided.mapping, year: 4 } };
  const started = await run(startRegistryImportOp, 'staff', {
    uploadId: upload.uploadId,
    header: JSON.stringify(confirmed),
    defaultYear: String(YEAR),
  });
  assert.ok(started.ok, started.ok ? '' : started.error);
  const imp = await finished(started.data.importId);
  assert.equal(imp.status, 'completed', imp.message ?? '');
  for (const p of notEnrolled) {
    const years = (await t.db.select().from(enrollments).where(eq(enrollments.personId, p.id))).map((e) => e.year);
    assert.ok(years.includes(YEAR - 1), 'last year’s payment is last year’s enrollment');
    assert.ok(!years.includes(YEAR), 'never written into the default year');
  }
  const open = await t.db
    .select()
    .from(cases)
    .where(sql`${cases.id} in ${caseIds}`);
  assert.deepEqual(
    open.map((c) => c.status),
    ['open', 'open', 'open'],
    'people not enrolled this year stay on the 销号 worklist',
  );
  assert.equal(await findUploadCount(upload.uploadId), 0, 'an imported upload is deleted');
  assert.deepEqual(tempFiles(), [], 'no personal data left in the temp folder');
});

async function findUploadCount(id: string) {
  const [r] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from uploads where id = ${id}`);
  return r.n;
}

async function registryCounts() {
  const [r] = await t.db.execute<{ p: number; e: number; e2: number }>(
    sql`select (select count(*) from people)::int as p, (select count(*) from enrollments)::int as e, (select count(*) from import_errors)::int as e2`,
  );
  return r;
}

test('new people without a town, every row alike: the import stops, writes nothing, and says why', async () => {
  const rows = Array.from({ length: 60 }, (_, i) => [
    `新人${i}`,
    makeIdNumber('371003', '1990-01-01', 2 * i + 1, 'M'),
    '390',
    String(YEAR),
    '450',
  ]);
  const file = csvFile('no-town.csv', [['姓名', '身份证号码', '险种类型', '年度', '缴费金额'], ...rows]);
  const upload = await storeFile(t.db, 'staff', file, 'no-town.csv');
  const before = await registryCounts();
  const header: ConfirmedHeader = {
    headerRowNo: 1,
    mapping: { name: 0, idNumber: 1, scheme: 2, year: 3, paidAmount: 4 },
    ignored: [],
  };
  const started = await run(startRegistryImportOp, 'staff', {
    uploadId: upload.uploadId,
    header: JSON.stringify(header),
  });
  assert.ok(started.ok, started.ok ? '' : started.error);
  const imp = await finished(started.data.importId);
  assert.equal(imp.status, 'failed');
  assert.match(imp.message ?? '', /导入已停止，未写入任何数据.*60 行.*新增人员缺少乡镇/);
  assert.deepEqual((imp.problem as { code: string; field: string }).code, 'town.missing_new');
  assert.deepEqual(await registryCounts(), before);
  assert.equal(await findUploadCount(upload.uploadId), 1, 'the upload is kept for a corrected mapping');
  assert.deepEqual(tempFiles(), []);
});

test('a small list whose every row fails alike stops too', async () => {
  const file = csvFile('all-numbers.csv', [
    ['姓名', '身份证号码'],
    ['甲', '3.71003199001011E17'],
    ['乙', '3.71003199001012E17'],
    ['丙', '3.71003199001013E17'],
  ]);
  const upload = await storeFile(t.db, 'staff', file, 'all-numbers.csv');
  const header: ConfirmedHeader = { headerRowNo: 1, mapping: { name: 0, idNumber: 1 }, ignored: [] };
  const started = await run(startListImport, 'staff', {
    uploadId: upload.uploadId,
    header: JSON.stringify(header),
    source: 'veterans',
    listDate: `${YEAR}-11-01`,
    year: YEAR,
  });
  assert.ok(started.ok, started.ok ? '' : started.error);
  const imp = await finished(started.data.importId);
  assert.equal(imp.status, 'failed');
  assert.match(imp.message ?? '', /导入已停止.*3 行/);
  const [{ n }] = await t.db.execute<{ n: number }>(
    sql`select count(*)::int as n from poverty_lists where import_id = ${imp.id}`,
  );
  assert.equal(n, 0);
});

test('previewed through one database client, imported through another with only the upload id', async () => {
  const file = csvFile('second.csv', [
    ['姓名', '身份证号码', '险种类型', '年度'],
    [notEnrolled[0].name, notEnrolled[0].idNumber, '310', String(YEAR - 2)],
  ]);
  const upload = await storeFile(t.db, 'staff', file, 'second.csv');
  const p = await run(previewImportOp, 'staff', { uploadId: upload.uploadId, kind: 'registry' });
  assert.ok(p.ok && p.data.preview.problems.length === 0);
  const other = createDb(t.url, { max: 2 });
  try {
    const header = {
      headerRowNo: p.data.preview.header!.headerRowNo,
      mapping: p.data.preview.header!.mapping,
      ignored: [],
    };
    const started = await run(
      startRegistryImportOp,
      'staff',
      { uploadId: upload.uploadId, header: JSON.stringify(header) },
      other.db,
    );
    assert.ok(started.ok, started.ok ? '' : started.error);
    const imp = await finished(started.data.importId);
    assert.equal(imp.status, 'completed', imp.message ?? '');
    const rows = await t.db
      .select()
      .from(enrollments)
      .where(
        and(
          eq(enrollments.personId, notEnrolled[0].id),
          eq(enrollments.year, YEAR - 2),
          eq(enrollments.scheme, 'employee'),
        ),
      );
    assert.equal(rows.length, 1);
  } finally {
    await other.close();
  }
});

test('another user cannot use the upload id (404), for the preview or the import', async () => {
  const upload = await storeFile(t.db, 'staff', otherOfficeExport(), 'mine.csv');
  const p = await run(previewImportOp, 'admin', { uploadId: upload.uploadId, kind: 'registry' });
  assert.ok(!p.ok && p.status === 404);
  const header = { headerRowNo: 1, mapping: { name: 1, idNumber: 2, scheme: 3, year: 4 }, ignored: [0, 5, 6] };
  const i = await run(startRegistryImportOp, 'admin', { uploadId: upload.uploadId, header: JSON.stringify(header) });
  assert.ok(!i.ok && i.status === 404);
});
