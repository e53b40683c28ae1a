/**
 * Imports stay in scope: imports.status answers the caller's own imports and those of their scope
 * (others 404) and writes nothing; a district's staff cannot overwrite another district's people
 * by a registry import; list rows without a town belong to the district of the list's importer.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { importErrors, imports, listRows, people } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { makeIdNumber } from '@/lib/domain/id-number';
import { importPovertyList, type ListImportInput } from '@/lib/import/list-import';
import { importRegistry } from '@/lib/import/registry-import';
import { getImportStatus, getRowSuggestions, listListRows } from '@/lib/operations/matching';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { writeMessyList } from './list-fixtures';
import { addPerson, addSecondDistrict, NEIGHBOUR_TOWN, OTHER_TOWN, OTHER_TOWN_NAME } from './district-fixtures';

let t: TestDb;
const u = {} as Record<'admin' | 'staff' | 'town' | 'neighbour' | 'otherDistrict', SessionUser>;
const YEAR = new Date().getFullYear();
const files: string[] = [];
let listDay = 0;

before(async () => {
  t = await createTestDb({ people: 100 });
  const added = await addSecondDistrict(t.db);
  u.admin = await sessionUser(t.db, 'admin');
  u.staff = await sessionUser(t.db, 'staff');
  u.town = await sessionUser(t.db, 'town_staff');
  u.neighbour = added.neighbourStaff;
  u.otherDistrict = added.districtStaff;
});
after(async () => {
  for (const f of files) fs.rmSync(f, { force: true });
  await t.close();
});

async function importList(user: SessionUser, rows: (string | null)[][]) {
  const file = await writeMessyList(rows);
  files.push(file.filePath);
  listDay += 1;
  const input: ListImportInput = {
    ...file,
    fileName: `list-${listDay}.xlsx`,
    source: 'fupin',
    listDate: `2026-09-${String(listDay).padStart(2, '0')}`,
    year: 2026,
    user,
    ip: null,
  };
  const r = await importPovertyList(t.db, input);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r;
}

function registryCsv(rows: string[][]) {
  const content =
    '\ufeff' + [['姓名', '公民身份号码', '险种类型', '年度', '乡镇'], ...rows].map((r) => r.join(',')).join('\r\n');
  const filePath = path.join(os.tmpdir(), `scope-registry-${crypto.randomBytes(4).toString('hex')}.csv`);
  fs.writeFileSync(filePath, content);
  files.push(filePath);
  return {
    filePath,
    fileName: path.basename(filePath),
    sha256: crypto.createHash('sha256').update(content).digest('hex'),
  };
}

const status = (user: SessionUser, id: number) => getImportStatus.run(user, { id }, { db: t.db });

describe('imports.status', () => {
  test('a town’s staff read their own imports and lists naming their town; another town’s or user’s import is 404', async () => {
    const [neighbourPerson] = await t.db.select().from(people).where(eq(people.townCode, NEIGHBOUR_TOWN)).limit(1);
    const byNeighbour = await importList(u.neighbour, [
      [neighbourPerson.name, neighbourPerson.idNumber, '天福路街道', '低保'],
    ]);
    const byStaff = await importList(u.staff, [[neighbourPerson.name, neighbourPerson.idNumber, '天福路街道', '特困']]);
    for (const id of [byNeighbour.importId, byStaff.importId]) {
      const r = await status(u.town, id);
      assert.ok(!r.ok && r.status === 404, `town_staff reads import ${id}: ${JSON.stringify(r)}`);
      const o = await status(u.otherDistrict, id);
      assert.ok(!o.ok && o.status === 404, 'another district’s staff');
    }
    const own = await status(u.neighbour, byNeighbour.importId);
    assert.ok(own.ok && own.data.fileName === 'list-1.xlsx');
    const district = await status(u.staff, byNeighbour.importId);
    assert.ok(district.ok, 'district staff read the imports of their towns');
    const area = await status(u.admin, byNeighbour.importId);
    assert.ok(area.ok);
  });

  test('a registry import: read by its district’s and the area’s staff, not by another district’s or a town’s', async () => {
    const [p] = await t.db.select().from(people).where(eq(people.townCode, '371003001')).limit(1);
    const r = await importRegistry(t.db, {
      ...registryCsv([[p.name, p.idNumber, '390', String(YEAR), '龙山路街道']]),
      user: u.staff,
      ip: null,
    });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.ok((await status(u.staff, r.importId)).ok);
    assert.ok((await status(u.admin, r.importId)).ok);
    for (const user of [u.otherDistrict, u.town]) {
      const s = await status(user, r.importId);
      assert.ok(!s.ok && s.status === 404, user.username);
    }
  });

  test('a read writes nothing: an import left running reads as interrupted, and is marked so when the next import starts', async () => {
    const [stale] = await t.db
      .insert(imports)
      .values({
        kind: 'list',
        fileName: 'killed.xlsx',
        fileSha256: '0'.repeat(64),
        userId: u.staff.id,
        startedAt: new Date(Date.now() - 2 * 3600_000),
      })
      .returning();
    const r = await status(u.staff, stale.id);
    assert.ok(r.ok && r.data.status === 'failed');
    assert.match(r.data.message ?? '', /导入中断/);
    const [stored] = await t.db.select().from(imports).where(eq(imports.id, stale.id));
    assert.equal(stored.status, 'running', 'the read changed nothing');
    assert.equal(stored.finishedAt, null);

    const [p] = await t.db.select().from(people).where(eq(people.townCode, '371003001')).limit(1);
    await importList(u.staff, [[p.name, p.idNumber, '龙山路街道', '低保']]);
    const [swept] = await t.db.select().from(imports).where(eq(imports.id, stale.id));
    assert.equal(swept.status, 'failed');
    assert.match(swept.message ?? '', /导入中断/);
  });
});

describe('registry import by a district’s staff', () => {
  test('rows of another district’s towns or people are rejected with the reason; the area’s staff import them', async () => {
    const registered = await addPerson(t.db, OTHER_TOWN, '环翠甲');
    const registeredNoTown = await addPerson(t.db, OTHER_TOWN, '环翠乙');
    const newThere = { name: '环翠新', id: makeIdNumber(OTHER_TOWN.slice(0, 6), '1977-07-07', 71, 'F') };
    const newHere = { name: '文登新', id: makeIdNumber('371003', '1977-07-07', 73, 'F') };
    const file = registryCsv([
      [newThere.name, newThere.id, '390', String(YEAR), OTHER_TOWN_NAME],
      [registered.name, registered.idNumber, '390', String(YEAR), '龙山路街道'],
      [registeredNoTown.name, registeredNoTown.idNumber, '390', String(YEAR), ''],
      [newHere.name, newHere.id, '390', String(YEAR), '龙山路街道'],
    ]);
    const r = await importRegistry(t.db, { ...file, user: u.staff, ip: null });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.summary.rowsRejected, 3);
    assert.equal(r.summary.peopleInserted, 1);
    assert.equal(r.summary.peopleUpdated, 0);
    const byId = async (id: string) => (await t.db.select().from(people).where(eq(people.idNumber, id)))[0];
    assert.equal(await byId(newThere.id), undefined);
    assert.equal((await byId(registered.idNumber)).townCode, OTHER_TOWN, 'not moved into 文登区');
    assert.ok(await byId(newHere.id));
    const errors = await t.db
      .select()
      .from(importErrors)
      .where(eq(importErrors.importId, r.importId))
      .orderBy(importErrors.rowNo);
    assert.equal(errors.length, 3);
    assert.match(errors[0].reason, /“环翠楼街道”不在您管辖的区内：不能导入或修改其他区的人员/);
    assert.match(errors[1].reason, /该人员已登记在您管辖范围以外的乡镇（街道）/);
    assert.match(errors[2].reason, /该人员已登记在您管辖范围以外的乡镇（街道）/);
    assert.deepEqual(errors[1].values, [registered.name, registered.idNumber, '390', String(YEAR), '龙山路街道']);

    const other = await importRegistry(t.db, {
      ...file,
      sha256: `${file.sha256.slice(0, 60)}area`,
      user: u.admin,
      ip: null,
    });
    assert.ok(other.ok, other.ok ? '' : other.error);
    assert.equal(other.summary.rowsRejected, 0);
    assert.ok(await byId(newThere.id));
    assert.equal((await byId(registered.idNumber)).townCode, '371003001');
  });
});

describe('list rows without a town', () => {
  test('belong to the district of the list’s importer: another district’s staff do not see them', async () => {
    const unknown = makeIdNumber('110105', '1950-01-01', 5, 'F');
    const r = await importList(u.staff, [['无镇人', unknown, '火星镇', '特困']]);
    const [row] = await t.db.select().from(listRows).where(eq(listRows.listId, r.listId));
    assert.equal(row.townCode, null);
    const seen = async (user: SessionUser) => {
      const rows = await listListRows.run(user, { id: r.listId }, { db: t.db });
      assert.ok(rows.ok);
      return rows.data.total;
    };
    assert.equal(await seen(u.staff), 1);
    assert.equal(await seen(u.admin), 1);
    assert.equal(await seen(u.otherDistrict), 0);
    assert.equal(await seen(u.town), 0);
    const s = await getRowSuggestions.run(u.otherDistrict, { id: row.id }, { db: t.db });
    assert.ok(!s.ok && s.status === 404);

    const theirs = await importList(u.otherDistrict, [['无镇人', unknown, '火星镇', '低保']]);
    const [their] = await t.db.select().from(listRows).where(eq(listRows.listId, theirs.listId));
    assert.equal(await seen(u.otherDistrict), 0, 'still not the first list’s row');
    const mine = await listListRows.run(u.otherDistrict, { id: theirs.listId }, { db: t.db });
    assert.ok(mine.ok && mine.data.total === 1 && mine.data.data[0].id === their.id);
    const notMine = await listListRows.run(u.staff, { id: theirs.listId }, { db: t.db });
    assert.ok(notMine.ok && notMine.data.total === 0);
  });
});
