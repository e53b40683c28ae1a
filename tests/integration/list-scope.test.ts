/** Town-scoped staff see only their town's list rows, counts, suggestions and history. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { listRows, people } from '@/db/schema';
import {
  getImportStatus,
  getListOverview,
  getRowSuggestions,
  listListRows,
  listLists,
} from '@/lib/operations/matching';
import { importPovertyList } from '@/lib/import/list-import';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { writeMessyList } from './list-fixtures';

let t: TestDb;
let listId: number;
let otherRowId: number;
let importId: number;

before(async () => {
  t = await createTestDb({ people: 200 });
  const [mine] = await t.db.select().from(people).where(eq(people.townCode, '371003001')).limit(1);
  const [other] = await t.db.select().from(people).where(eq(people.townCode, '371003002')).limit(1);
  const file = await writeMessyList([
    [mine.name, mine.idNumber, '龙山路街道', '低保'],
    [other.name, other.idNumber, '天福路街道', '低保'],
  ]);
  const staff = await sessionUser(t.db, 'staff');
  const r = await importPovertyList(t.db, {
    ...file,
    fileName: 'a.xlsx',
    source: 'minzheng_dibao',
    listDate: '2026-10-01',
    year: 2026,
    user: staff,
    ip: null,
  });
  assert.ok(r.ok);
  listId = r.listId;
  importId = r.importId;
  [{ id: otherRowId }] = await t.db
    .select({ id: listRows.id })
    .from(listRows)
    .where(eq(listRows.townCode, '371003002'));
});
after(() => t.close());

test('rows, counts and per-town tables are limited to the town', async () => {
  const u = await sessionUser(t.db, 'town_staff');
  const rows = await listListRows.run(u, { id: listId }, { db: t.db });
  assert.ok(rows.ok && rows.data.total === 1 && rows.data.data[0].townCode === '371003001');
  const overview = await getListOverview.run(u, { id: listId }, { db: t.db });
  assert.ok(
    overview.ok && overview.data.totals.total === 1 && overview.data.byTown.every((b) => b.townCode === '371003001'),
  );
  const lists = await listLists.run(u, {}, { db: t.db });
  assert.ok(lists.ok && lists.data[0].total === 1);
  const staff = await sessionUser(t.db, 'staff');
  const all = await listListRows.run(staff, { id: listId }, { db: t.db });
  assert.ok(all.ok && all.data.total === 2);
});

test("another town's row is not found", async () => {
  const u = await sessionUser(t.db, 'town_staff');
  const r = await getRowSuggestions.run(u, { id: otherRowId }, { db: t.db });
  assert.ok(!r.ok && r.status === 404);
});

test('the import summary tells town staff how many rows went to other towns', async () => {
  const townStaff = await sessionUser(t.db, 'town_staff');
  const r = await getImportStatus.run(townStaff, { id: importId }, { db: t.db });
  assert.ok(r.ok && r.data.status === 'completed' && r.data.rowsDone === 2);
  assert.equal(r.data.rowsOutsideScope, 1);
  const staff = await sessionUser(t.db, 'staff');
  const all = await getImportStatus.run(staff, { id: importId }, { db: t.db });
  assert.ok(all.ok && all.data.rowsOutsideScope === 0);
});
