import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { listCases } from '@/db/queries/cases';
import { auditLog, cases } from '@/db/schema';
import { closeCaseOp, getCaseOp, reopenCaseOp, uploadEvidenceOp } from '@/lib/operations/cases';
import { saveEnrollment } from '@/lib/operations/persons';
import { caseQuerySchema } from '@/lib/schemas/matching';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { createMatchingFixtures, type MatchingFixtures } from './matching-fixtures';

let t: TestDb;
let fx: MatchingFixtures;
before(async () => {
  t = await createTestDb({ people: 100 });
  fx = await createMatchingFixtures(t.db);
});
after(() => t.close());

const q = caseQuerySchema.parse({});

test('case queries are scoped by town', async () => {
  const mine = await listCases(
    t.db,
    { level: 'town', districtCode: '371003', townCode: '371003001' },
    { ...q, status: 'open' },
    '2026-11-22',
  );
  assert.ok(mine.total >= 1 && mine.data.every((c) => c.townCode === '371003001'));
  const other = await listCases(
    t.db,
    { level: 'town', districtCode: '371003', townCode: '371003002' },
    { ...q, status: 'open' },
    '2026-11-22',
  );
  assert.equal(
    other.data.some((c) => c.id === fx.caseId),
    false,
  );
});

test('closing as 无需参保 needs evidence; with a PDF it closes, and reopening is audited', async () => {
  const staff = await sessionUser(t.db, 'staff');
  const id = await fx.freshCase();
  const refused = await closeCaseOp.run(staff, { id, reason: 'deceased' }, { db: t.db });
  assert.ok(!refused.ok && refused.status === 400 && refused.error.includes('证明材料'));
  const fake = await uploadEvidenceOp.run(
    staff,
    { caseId: id, file: new File([Buffer.from('not a pdf')], '证明.pdf') },
    { db: t.db },
  );
  assert.ok(!fake.ok && fake.error.includes('PDF、JPG 或 PNG'));
  const up = await uploadEvidenceOp.run(
    staff,
    { caseId: id, file: new File([Buffer.from('%PDF-1.4 real')], '死亡证明.pdf') },
    { db: t.db },
  );
  assert.equal(up.ok, true);
  const closed = await closeCaseOp.run(staff, { id, reason: 'deceased', note: '已核实' }, { db: t.db });
  assert.ok(closed.ok && closed.data.status === 'closed' && closed.data.closeReason === 'deceased');
  const reopened = await reopenCaseOp.run(staff, { id, note: '误销号' }, { db: t.db });
  assert.ok(reopened.ok && reopened.data.status === 'open');
  const rows = await t.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(id)));
  assert.deepEqual(rows.map((r) => r.action).sort(), ['case.close', 'case.evidence_upload', 'case.reopen']);
});

test('a case closes by itself when the enrollment is registered', async () => {
  const staff = await sessionUser(t.db, 'staff');
  const id = await fx.freshCase();
  const [c] = await t.db.select().from(cases).where(eq(cases.id, id));
  const r = await saveEnrollment.run(
    staff,
    { personId: c.personId, year: c.year, scheme: 'resident', tier: 'tier1', status: 'active', paidYuan: '450' },
    { db: t.db },
  );
  assert.equal(r.ok, true);
  const [after] = await t.db.select().from(cases).where(eq(cases.id, id));
  assert.equal(after.status, 'closed');
  assert.equal(after.closeReason, 'enrolled');
});

test('town staff of another town cannot open the case', async () => {
  const u = await sessionUser(t.db, 'town_staff');
  await t.db.update(cases).set({ townCode: '371003002' }).where(eq(cases.id, fx.caseId));
  const r = await getCaseOp.run(u, { id: fx.caseId }, { db: t.db });
  assert.ok(!r.ok && r.status === 404);
});
