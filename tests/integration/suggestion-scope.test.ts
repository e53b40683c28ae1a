/**
 * Match suggestions stay in the caller's scope: candidates of other towns (or districts) are not
 * shown — the row says how many there are and who may confirm them — and cannot be confirmed or
 * rejected by a caller who may not see them (404, nothing changed).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { listRows, matchSuggestions } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { confirmSuggestion, getRowSuggestions, rejectSuggestion } from '@/lib/operations/matching';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { createMatchingFixtures } from './matching-fixtures';
import { addPerson, addSecondDistrict, NEIGHBOUR_TOWN, OTHER_TOWN } from './district-fixtures';

let t: TestDb;
let townStaff: SessionUser;
let staff: SessionUser;
let admin: SessionUser;
/** A 龙山路街道 row with candidates in 龙山路 (mine), 天福路 (neighbour) and 环翠区 (other district). */
const row = { id: 0, mine: 0, neighbour: 0, otherDistrict: 0 };
/** A 龙山路街道 row whose only candidate lives in 天福路街道. */
const neighbourOnly = { id: 0, suggestion: 0 };

async function addRow(listId: number, rowNo: number, name: string) {
  const [r] = await t.db
    .insert(listRows)
    .values({
      listId,
      rowNo,
      rawValues: [],
      name,
      idNumber: 'bad',
      idError: '校验位错误',
      townCode: '371003001',
      category: 'tekun',
      matchClass: 'invalid_id',
    })
    .returning();
  return r.id;
}
async function suggest(listRowId: number, personId: number, score: number) {
  const [s] = await t.db
    .insert(matchSuggestions)
    .values({ listRowId, personId, score, evidence: { reasons: [], strength: 'strong', fields: [] } })
    .returning();
  return s.id;
}

before(async () => {
  t = await createTestDb({ people: 100 });
  await addSecondDistrict(t.db);
  [townStaff, staff, admin] = await Promise.all(['town_staff', 'staff', 'admin'].map((u) => sessionUser(t.db, u)));
  const fx = await createMatchingFixtures(t.db);
  row.id = await addRow(fx.listId, 900, '范围测');
  row.mine = await suggest(row.id, (await addPerson(t.db, '371003001', '范围测')).id, 90);
  row.neighbour = await suggest(row.id, (await addPerson(t.db, NEIGHBOUR_TOWN, '范围测')).id, 80);
  row.otherDistrict = await suggest(row.id, (await addPerson(t.db, OTHER_TOWN, '范围测')).id, 70);
  neighbourOnly.id = await addRow(fx.listId, 901, '邻镇测');
  neighbourOnly.suggestion = await suggest(neighbourOnly.id, (await addPerson(t.db, NEIGHBOUR_TOWN, '邻镇测')).id, 80);
});
after(() => t.close());

test('a town’s staff see only their town’s candidates; the others are counted, with who may confirm them', async () => {
  const r = await getRowSuggestions.run(townStaff, { id: row.id }, { db: t.db });
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.deepEqual(
    r.data.suggestions.map((s) => s.id),
    [row.mine],
  );
  assert.equal(r.data.outsideScope.count, 2);
  assert.equal(r.data.outsideScope.note, '另有 2 个可能匹配的人员不在您的管辖范围内，请全统筹区经办人员核对');

  const n = await getRowSuggestions.run(townStaff, { id: neighbourOnly.id }, { db: t.db });
  assert.ok(n.ok && n.data.suggestions.length === 0);
  assert.equal(n.data.outsideScope.note, '另有 1 个可能匹配的人员不在您的管辖范围内，请区级经办人员核对');
});

test('district staff see their district’s candidates; the whole area’s staff see all, with no note', async () => {
  const d = await getRowSuggestions.run(staff, { id: row.id }, { db: t.db });
  assert.ok(d.ok);
  assert.deepEqual(d.data.suggestions.map((s) => s.id).sort(), [row.mine, row.neighbour].sort());
  assert.equal(d.data.outsideScope.count, 1);
  assert.match(d.data.outsideScope.note ?? '', /另有 1 个.*请全统筹区经办人员核对/);
  const a = await getRowSuggestions.run(admin, { id: row.id }, { db: t.db });
  assert.ok(a.ok && a.data.suggestions.length === 3);
  assert.deepEqual(a.data.outsideScope, { count: 0, note: null });
});

test('a candidate outside the caller’s scope can be neither confirmed nor rejected (404, nothing changed)', async () => {
  const before = await t.db.select().from(listRows).where(eq(listRows.id, row.id));
  for (const id of [row.neighbour, row.otherDistrict]) {
    const c = await confirmSuggestion.run(townStaff, { id }, { db: t.db });
    assert.ok(!c.ok && c.status === 404, JSON.stringify(c));
    const r = await rejectSuggestion.run(townStaff, { id }, { db: t.db });
    assert.ok(!r.ok && r.status === 404, JSON.stringify(r));
  }
  const c = await confirmSuggestion.run(staff, { id: row.otherDistrict }, { db: t.db });
  assert.ok(!c.ok && c.status === 404);
  const statuses = await t.db.select().from(matchSuggestions).where(eq(matchSuggestions.listRowId, row.id));
  assert.ok(statuses.every((s) => s.status === 'pending'));
  assert.deepEqual(await t.db.select().from(listRows).where(eq(listRows.id, row.id)), before);
});

test('the candidate in scope is confirmed as before', async () => {
  const c = await confirmSuggestion.run(townStaff, { id: row.mine }, { db: t.db });
  assert.ok(c.ok, c.ok ? '' : c.error);
});
