import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import {
  cases,
  enrollments,
  importErrors,
  imports,
  listRows,
  matchSuggestions,
  people,
  povertyLists,
} from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { importPovertyList, type ListImportInput } from '@/lib/import/list-import';
import { makeIdNumber } from '@/lib/domain/id-number';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { writeMessyList } from './list-fixtures';

let t: TestDb;
let staff: SessionUser;
const YEAR = new Date().getFullYear();
let enrolled: typeof people.$inferSelect;
let notEnrolled: typeof people.$inferSelect;

before(async () => {
  t = await createTestDb({ people: 300 });
  staff = await sessionUser(t.db, 'staff');
  const all = await t.db.select().from(people).orderBy(people.id);
  const activeIds = new Set(
    (
      await t.db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.year, YEAR), eq(enrollments.status, 'active')))
    ).map((e) => e.personId),
  );
  enrolled = all.find((p) => activeIds.has(p.id))!;
  notEnrolled = all.find((p) => !activeIds.has(p.id))!;
  assert.ok(enrolled && notEnrolled, 'demo data has enrolled and not-enrolled people');
});
after(() => t.close());

const spaced = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
const fullWidth = (id: string) => id.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

async function fixture() {
  return writeMessyList([
    [enrolled.name, spaced(enrolled.idNumber), '龙山路', '特困供养'],
    [notEnrolled.name, fullWidth(notEnrolled.idNumber), '天福路街道', '分散特困'],
    [
      notEnrolled.name,
      notEnrolled.idNumber.slice(0, 16) + (notEnrolled.idNumber[16] === '9' ? '0' : '9') + notEnrolled.idNumber[17],
      '天福路街道',
      '特困',
    ],
    ['查无此人', makeIdNumber('110105', '1949-12-31', 2, 'F'), '米山镇', '特困'],
    ['数字格式', 371003198506120000, '米山镇', '特困'],
  ]);
}

const input = (f: { filePath: string; sha256: string }): ListImportInput => ({
  filePath: f.filePath,
  fileName: '特困名单.xlsx',
  sha256: f.sha256,
  source: 'minzheng_tekun',
  listDate: `${YEAR}-10-31`,
  year: YEAR,
  user: staff,
  ip: null,
});

describe('poverty list import', () => {
  let listId: number;
  let file: { filePath: string; sha256: string };

  test('atomic: an injected failure in the middle leaves nothing, and a re-run completes', async () => {
    file = await fixture();
    await t.db.execute(
      sql`create function fail_cases() returns trigger as $$ begin raise exception 'injected failure'; end $$ language plpgsql`,
    );
    await t.db.execute(
      sql`create trigger fail_cases before insert on cases for each statement execute function fail_cases()`,
    );
    const failed = await importPovertyList(t.db, input(file));
    assert.equal(failed.ok, false);
    assert.equal((await t.db.select().from(povertyLists)).length, 0);
    assert.equal((await t.db.select().from(listRows)).length, 0);
    assert.equal((await t.db.select().from(importErrors)).length, 0);
    const [imp] = await t.db.select().from(imports);
    assert.equal(imp.status, 'failed');
    await t.db.execute(sql`drop trigger fail_cases on cases`);

    const ok = await importPovertyList(t.db, input(file));
    assert.ok(ok.ok && !ok.alreadyImported);
    listId = ok.listId;
  });

  test('every person row is kept and classified; title, total and note rows are skipped with reasons', async () => {
    const rows = await t.db.select().from(listRows).where(eq(listRows.listId, listId)).orderBy(listRows.rowNo);
    assert.match(rows[0].matchClass, /^enrolled_(resident|employee)$/);
    assert.deepEqual(
      rows.slice(1).map((r) => r.matchClass),
      ['not_enrolled', 'invalid_id', 'not_found', 'invalid_id'],
    );
    assert.equal(rows[0].idNumber, enrolled.idNumber);
    assert.equal(rows[1].idNumber, notEnrolled.idNumber);
    assert.equal(rows[1].rowNo, 5);
    assert.match(rows[4].idError ?? '', /Excel/);
    const errs = await t.db.select().from(importErrors);
    const skipped = errs
      .filter((e) => e.skipped)
      .map((e) => e.reason)
      .join('|');
    assert.match(skipped, /标题/);
    assert.match(skipped, /合计/);
    assert.match(skipped, /备注/);
    assert.equal(errs.filter((e) => !e.skipped).length, 2);
  });

  test('one open case for the not-enrolled person, assigned to the town staff by default', async () => {
    const open = await t.db.select().from(cases).where(eq(cases.status, 'open'));
    assert.equal(open.filter((c) => c.personId === notEnrolled.id).length, 1);
    assert.ok(!open.some((c) => c.personId === enrolled.id));
  });

  test('the row with a one-digit ID typo gets a strong suggestion with evidence', async () => {
    const [typo] = await t.db
      .select()
      .from(listRows)
      .where(and(eq(listRows.listId, listId), eq(listRows.rowNo, 6)));
    const sugg = await t.db.select().from(matchSuggestions).where(eq(matchSuggestions.listRowId, typo.id));
    assert.equal(sugg[0]?.personId, notEnrolled.id);
    assert.match(JSON.stringify(sugg[0].evidence), /第 17 位/);
  });

  test('re-importing the same file changes nothing', async () => {
    const before = {
      lists: (await t.db.select().from(povertyLists)).length,
      rows: (await t.db.select().from(listRows)).length,
      cases: (await t.db.select().from(cases)).length,
    };
    const again = await importPovertyList(t.db, input(file));
    assert.ok(again.ok && again.alreadyImported && again.listId === listId);
    assert.deepEqual(
      {
        lists: (await t.db.select().from(povertyLists)).length,
        rows: (await t.db.select().from(listRows)).length,
        cases: (await t.db.select().from(cases)).length,
      },
      before,
    );
  });

  test('a broken file gets a clear Chinese error and writes nothing', async () => {
    const fs = await import('node:fs');
    const bad = `${file.filePath}.broken.xlsx`;
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    const r = await importPovertyList(t.db, { ...input({ filePath: bad, sha256: 'b'.repeat(64) }) });
    assert.ok(!r.ok && /[\u4e00-\u9fa5]/.test(r.error));
    assert.equal((await t.db.select().from(povertyLists)).length, 1);
  });
});
