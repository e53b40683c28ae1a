/**
 * 医疗救助 import through its operation and the preview (kind 'assistance'): the confirmed header,
 * the importer's scope (a town's staff import their town's people only), 403 for hospital staff
 * and supervisors; and the category each record gets from the year's latest lists.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, asc, eq, ne } from 'drizzle-orm';
import { assistanceRecords, people } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { importPovertyList } from '@/lib/import/list-import';
import { listAssistanceOp } from '@/lib/operations/assistance';
import { startAssistanceImportOp } from '@/lib/operations/assistance-import';
import { previewImportOp } from '@/lib/operations/imports';
import {
  csv,
  finished as finishedIn,
  HEADER,
  HOSP,
  removeFiles,
  runAs,
  runImport as importFile,
  sid,
} from './assistance-fixtures';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { writeMessyList } from './list-fixtures';
import { detectedHeader, storedWithHeader, storeFile } from './upload-fixtures';

let t: TestDb;
let staff: SessionUser;
const YEAR = new Date().getFullYear() - 3;
let other: typeof people.$inferSelect;

before(async () => {
  t = await createTestDb({ people: 200 });
  staff = await sessionUser(t.db, 'staff');
  [other] = await t.db
    .select()
    .from(people)
    .where(and(ne(people.townCode, '371003001'), eq(people.townCode, '371003002')))
    .limit(1);
  assert.ok(other, 'a demo person in 天福路街道');
});
after(async () => {
  removeFiles();
  await t.close();
});

const run = async <T>(op: Parameters<typeof runAs<T>>[1], username: string, input: unknown) =>
  runAs(t.db, op, await sessionUser(t.db, username), input);
const runImport = (file: string) => importFile(t.db, file, staff);
const finished = (importId: number) => finishedIn(t.db, importId);

test('through the operation: preview for kind assistance, then the job; hospital and supervisor refused', async () => {
  const f = csv([
    HEADER,
    [sid('S20'), other.name, other.idNumber, ...HOSP, '住院', `${YEAR}-08-01`, '1000', '800', '300', '', '0'],
  ]);
  const upload = await storeFile(t.db, 'staff', f, 'assistance.csv');
  const preview = await run(previewImportOp, 'staff', { uploadId: upload.uploadId, kind: 'assistance' });
  assert.ok(preview.ok, preview.ok ? '' : preview.error);
  assert.deepEqual(preview.data.preview.problems, []);
  assert.equal(preview.data.preview.sample[0].values['医疗救助(元)'], '300.00');
  assert.match(preview.data.preview.sample[0].values['证件号码'], /\*/);

  const hospital = await run(startAssistanceImportOp, 'hospital', { uploadId: upload.uploadId, header: '{}' });
  assert.ok(!hospital.ok && hospital.status === 403);
  const supervisor = await run(previewImportOp, 'supervisor', { uploadId: upload.uploadId, kind: 'assistance' });
  assert.ok(!supervisor.ok && supervisor.status === 403);

  const stored = await storedWithHeader(t.db, 'town_staff', f, 'assistance.csv', 'assistance');
  const town = await run(startAssistanceImportOp, 'town_staff', stored);
  assert.ok(town.ok, town.ok ? '' : town.error);
  const done = await finished(town.data.importId);
  assert.equal(done.status, 'failed', 'the only row is a person of another town: every row failed');
  assert.match(done.message ?? '', /不属于您管辖的镇街/);

  const started = await run(startAssistanceImportOp, 'staff', {
    uploadId: upload.uploadId,
    header: JSON.stringify(await detectedHeader(f, 'assistance')),
  });
  assert.ok(started.ok, started.ok ? '' : started.error);
  const imp = await finished(started.data.importId);
  assert.equal(imp.status, 'completed', imp.message ?? '');
  const [rec] = await t.db
    .select()
    .from(assistanceRecords)
    .where(eq(assistanceRecords.settlementId, sid('S20')));
  assert.equal(rec.townCode, other.townCode);
  assert.equal(rec.importId, imp.id);
});

test('category: the most favourable of the year’s latest lists naming the person; none → null', async () => {
  const [p3] = await t.db
    .select()
    .from(people)
    .where(eq(people.townCode, '371003001'))
    .orderBy(asc(people.id))
    .offset(2)
    .limit(1);
  for (const [source, category, listDate] of [
    ['fupin', '脱贫户', `${YEAR}-03-01`],
    ['minzheng_dibao', '低保', `${YEAR}-02-01`],
  ] as const) {
    const list = await writeMessyList([[p3.name, p3.idNumber, '龙山路街道', category]]);
    const r = await importPovertyList(t.db, {
      ...list,
      fileName: `${source}.xlsx`,
      source,
      listDate,
      year: YEAR,
      user: staff,
      ip: null,
    });
    assert.ok(r.ok, r.ok ? '' : r.error);
  }
  const f = csv([
    HEADER,
    [sid('S30'), p3.name, p3.idNumber, ...HOSP, '住院', `${YEAR}-09-01`, '1000', '800', '300', '', '0'],
    [sid('S31'), p3.name, p3.idNumber, ...HOSP, '住院', `${YEAR - 1}-09-01`, '1000', '800', '300', '', '0'],
  ]);
  const r = await runImport(f);
  assert.ok(r.ok, r.ok ? '' : r.error);
  const recs = await t.db.select().from(assistanceRecords).where(eq(assistanceRecords.personId, p3.id));
  const of = (id: string) => recs.find((x) => x.settlementId === id)!;
  assert.equal(of(sid('S30')).category, 'dibao', '低保 before 脱贫');
  assert.equal(of(sid('S31')).category, null, 'no list of that year');
  const byCategory = await run(listAssistanceOp, 'staff', { year: String(YEAR), category: 'dibao' });
  assert.ok(byCategory.ok);
  assert.deepEqual(
    byCategory.data.data.map((x) => x.settlementId),
    [sid('S30')],
  );
});
