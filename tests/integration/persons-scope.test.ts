import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, ne } from 'drizzle-orm';
import { listPeople } from '@/db/queries/persons';
import { auditLog, enrollments, people, requestKeys } from '@/db/schema';
import { getPerson, listPersons, revealIdNumber, saveEnrollment } from '@/lib/operations/persons';
import { personListQuerySchema } from '@/lib/schemas/persons';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
let inTown: number; // a person of 龙山路街道 (the town of town_staff)
let otherTown: number;
before(async () => {
  t = await createTestDb({ people: 400 });
  [{ id: inTown }] = await t.db.select({ id: people.id }).from(people).where(eq(people.townCode, '371003001')).limit(1);
  [{ id: otherTown }] = await t.db
    .select({ id: people.id })
    .from(people)
    .where(ne(people.townCode, '371003001'))
    .limit(1);
});
after(() => t.close());

const q = (v: Record<string, unknown> = {}) => personListQuerySchema.parse(v);

describe('town scope in the query layer', () => {
  test('a town scope lists only that town, whatever filter is asked', async () => {
    const scope = { level: 'town' as const, districtCode: '371003', townCode: '371003001' };
    const all = await listPeople(t.db, scope, q({ pageSize: 100 }));
    assert.ok(all.total > 0);
    assert.ok(all.data.every((r) => r.townCode === '371003001'));
    const other = await listPeople(t.db, scope, q({ townCode: '371003002' }));
    assert.equal(other.total, 0);
  });
  test('a district scope sees all its towns, another district nothing', async () => {
    const mine = await listPeople(t.db, { level: 'district', districtCode: '371003' }, q());
    assert.equal(mine.total, (await t.db.select().from(people)).length);
    const theirs = await listPeople(t.db, { level: 'district', districtCode: '370404' }, q());
    assert.equal(theirs.total, 0);
  });
});

describe('town staff through the operations', () => {
  test('list, open, reveal and enroll work in their town', async () => {
    const u = await sessionUser(t.db, 'town_staff');
    const list = await listPersons.run(u, {}, { db: t.db });
    assert.ok(list.ok && list.data.data.every((r) => r.townCode === '371003001'));
    assert.equal((await getPerson.run(u, { id: inTown }, { db: t.db })).ok, true);
    const reveal = await revealIdNumber.run(u, { id: inTown }, { db: t.db });
    assert.ok(reveal.ok && /^\d{17}[\dX]$/.test(reveal.data.idNumber));
  });

  test('a person of another town is not found, and nothing is written', async () => {
    const u = await sessionUser(t.db, 'town_staff');
    const auditBefore = (await t.db.select().from(auditLog)).length;
    const enrBefore = (await t.db.select().from(enrollments)).length;
    for (const op of [getPerson, revealIdNumber]) {
      const r = await op.run(u, { id: otherTown }, { db: t.db });
      assert.ok(!r.ok && r.status === 404, op.name);
    }
    const r = await saveEnrollment.run(
      u,
      { personId: otherTown, year: 2026, scheme: 'resident', tier: 'tier1', status: 'active', paidYuan: '450' },
      { db: t.db },
    );
    assert.ok(!r.ok && r.status === 404);
    assert.equal((await t.db.select().from(auditLog)).length, auditBefore);
    assert.equal((await t.db.select().from(enrollments)).length, enrBefore);
  });
});

describe('enrollment register and correct', () => {
  test('creates, then corrects with before/after in the audit row', async () => {
    const u = await sessionUser(t.db, 'staff');
    const year = new Date().getFullYear() + 1;
    const created = await saveEnrollment.run(
      u,
      { personId: otherTown, year, scheme: 'resident', tier: 'tier1', status: 'active', paidYuan: '450' },
      { db: t.db },
    );
    assert.ok(created.ok && created.data.paidFen === 45000);
    const fixed = await saveEnrollment.run(
      u,
      { personId: otherTown, year, scheme: 'resident', tier: 'tier2', status: 'active', paidYuan: '650.00' },
      { db: t.db },
    );
    assert.ok(fixed.ok && fixed.data.paidFen === 65000 && fixed.data.id === created.data.id);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'enrollment.update'), eq(auditLog.personId, otherTown)));
    assert.equal(rows.length, 1);
    assert.equal((rows[0].before as { paidFen: number }).paidFen, 45000);
    assert.equal((rows[0].after as { paidFen: number }).paidFen, 65000);
  });

  test('bad input is refused in Chinese and changes nothing', async () => {
    const u = await sessionUser(t.db, 'staff');
    const r = await saveEnrollment.run(
      u,
      { personId: otherTown, year: 2026, scheme: 'resident', status: 'active', paidYuan: '45x' },
      { db: t.db },
    );
    assert.ok(!r.ok && r.status === 400 && /[\u4e00-\u9fa5]/.test(r.error));
  });
});

test('显示完整号码 sent twice with one request key: two audited views, the whole number never kept as a stored answer', async () => {
  const u = await sessionUser(t.db, 'staff');
  const count = async () =>
    (
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'person.reveal_id'), eq(auditLog.entityId, String(inTown))))
    ).length;
  const before = await count();
  const key = 'k-reveal-twice-0123456789abcdef';
  for (let i = 0; i < 2; i++) {
    const r = await revealIdNumber.run(u, { id: inTown }, { db: t.db, requestKey: key });
    assert.ok(r.ok && !r.alreadyDone && /^\d{17}[\dX]$/.test(r.data.idNumber));
  }
  assert.equal((await count()) - before, 2);
  assert.deepEqual(await t.db.select().from(requestKeys), []);
});
