/**
 * The agency's view of certifications: town scope on every query and action, the filters (incl.
 * the 待复审 window), revocation rules and their audit rows, the detail and the export.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq, sql } from 'drizzle-orm';
import { auditLog, certificationEvidence, certifications } from '@/db/schema';
import { addDays } from '@/lib/domain/calendar';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import type { SessionUser } from '@/lib/auth/types';
import {
  certificationFilterOptionsOp,
  exportCertificationsOp,
  getCertificationOp,
  listCertificationsOp,
  revokeCertificationOp,
} from '@/lib/operations/certifications';
import type { Operation } from '@/lib/server/operation';
import type { z } from 'zod';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { enrolledPerson, hospitalIdOf, insertCertification } from './certification-fixtures';

const LONGSHAN = '371003001';
const TIANFU = '371003002';
const YEAR = new Date().getFullYear();
const today = shanghaiDate();

let t: TestDb;
let staff: SessionUser;
let townStaff: SessionUser;
let supervisor: SessionUser;
let central: number; // 威海市中心医院
let people: { longshan: { id: number }; tianfu: { id: number } };

async function call<S extends z.ZodType, T>(op: Operation<S, T>, user: SessionUser, input: unknown) {
  return op.run(user, input, { db: t.db, ip: '127.0.0.1' });
}
async function ok<S extends z.ZodType, T>(op: Operation<S, T>, user: SessionUser, input: unknown): Promise<T> {
  const r = await call(op, user, input);
  assert.ok(r.ok, r.ok ? '' : `${r.status} ${r.error}`);
  return r.data;
}
const cert = (o: Partial<Parameters<typeof insertCertification>[1]> & { personId: number }) =>
  insertCertification(t.db, { hospitalId: central, diseaseCode: 'M01600', ...o });
const auditCount = async (entityId: number) =>
  (
    await t.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'certification.revoke'), eq(auditLog.entityId, String(entityId))))
  )[0].n;

before(async () => {
  t = await createTestDb();
  [staff, townStaff, supervisor] = await Promise.all(
    ['staff', 'town_staff', 'supervisor'].map((u) => sessionUser(t.db, u)),
  );
  central = await hospitalIdOf(t.db, 'H37100300001');
  people = { longshan: await enrolledPerson(t.db, YEAR, LONGSHAN), tianfu: await enrolledPerson(t.db, YEAR, TIANFU) };
});
after(() => t.close());

describe('the demo seed', () => {
  test('has certifications at all 6 hospitals, only delegated diseases, some due for re-review', async () => {
    const [{ n, hospitals, undelegated }] = await t.db.execute<{
      n: number;
      hospitals: number;
      undelegated: number;
    }>(sql`
      select count(*)::int as n, count(distinct hospital_id)::int as hospitals,
        count(*) filter (where not exists (select 1 from hospital_diseases d where d.hospital_id = c.hospital_id and d.disease_code = c.disease_code))::int as undelegated
      from certifications c`);
    assert.ok(n >= 150 && n <= 300, `${n} certifications`);
    assert.equal(hospitals, 6);
    assert.equal(undelegated, 0);
    const due = await ok(listCertificationsOp, staff, { dueWithinDays: 60 });
    assert.ok(due.total > 0, 'the 待复审 list has rows');
  });
});

describe('town scope', () => {
  test('town staff list only their town; district staff see every town', async () => {
    await cert({ personId: people.tianfu.id });
    const mine = await ok(listCertificationsOp, townStaff, { pageSize: 100 });
    assert.ok(mine.data.length > 0);
    assert.ok(mine.data.every((r) => r.townCode === LONGSHAN));
    const [{ n }] = await t.db.select({ n: count() }).from(certifications).where(eq(certifications.townCode, LONGSHAN));
    assert.equal(mine.total, n);
    // Asking for another town gives nothing, not that town's rows.
    assert.equal((await ok(listCertificationsOp, townStaff, { townCode: TIANFU })).total, 0);
    const all = await ok(listCertificationsOp, staff, { townCode: TIANFU });
    assert.ok(all.total > 0 && all.data.every((r) => r.townCode === TIANFU));
    // IDs are masked.
    assert.ok(all.data.every((r) => /\*/.test(r.maskedId) && !('idNumber' in r)));
  });

  test('another town’s certification: get and revoke → 404, nothing changes', async () => {
    const other = await cert({ personId: people.tianfu.id });
    const get = await call(getCertificationOp, townStaff, { id: other.id });
    assert.ok(!get.ok && get.status === 404);
    const revoke = await call(revokeCertificationOp, townStaff, { id: other.id, reason: '越权撤销' });
    assert.ok(!revoke.ok && revoke.status === 404);
    const [row] = await t.db.select().from(certifications).where(eq(certifications.id, other.id));
    assert.equal(row.status, 'approved');
    assert.equal(await auditCount(other.id), 0);
  });

  test('filter options: the town staff’s one town; hospitals and today’s catalog', async () => {
    const opts = await ok(certificationFilterOptionsOp, townStaff, {});
    assert.deepEqual(
      opts.towns.map((x) => x.code),
      [LONGSHAN],
    );
    assert.equal(opts.hospitals.length, 6);
    assert.ok(opts.diseases.some((d) => d.code === 'M01600' && d.name === '糖尿病'));
    assert.ok((await ok(certificationFilterOptionsOp, staff, {})).towns.length > 1);
  });
});

describe('filters', () => {
  test('hospital, disease, status', async () => {
    const mental = await hospitalIdOf(t.db, 'H37100300006');
    const r = await ok(listCertificationsOp, staff, { hospitalId: mental, status: 'approved', pageSize: 100 });
    assert.ok(r.total > 0);
    assert.ok(r.data.every((x) => x.hospitalId === mental && x.status === 'approved'));
    assert.ok(r.data.every((x) => ['M02101', 'M02102'].includes(x.diseaseCode)));
    const d = await ok(listCertificationsOp, staff, { diseaseCode: 'M01600', pageSize: 100 });
    assert.ok(d.data.every((x) => x.diseaseCode === 'M01600' && x.diseaseName === '糖尿病'));
  });

  test('from/to are Shanghai days on the filing time', async () => {
    // 2025-06-10 16:30 UTC is 2025-06-11 00:30 in Shanghai.
    const c = await cert({
      personId: people.longshan.id,
      filedAt: new Date('2025-06-10T16:30:00Z'),
      status: 'rejected',
    });
    const ids = async (q: object) =>
      (await ok(listCertificationsOp, staff, { ...q, pageSize: 100 })).data.map((x) => x.id);
    assert.ok((await ids({ from: '2025-06-11', to: '2025-06-11' })).includes(c.id));
    assert.ok(!(await ids({ from: '2025-06-10', to: '2025-06-10' })).includes(c.id));
    assert.ok(!(await ids({ from: '2025-06-12' })).includes(c.id));
    const bad = await call(listCertificationsOp, staff, { from: '2025-06-12', to: '2025-06-11' });
    assert.ok(!bad.ok && bad.status === 400 && /开始日期不能晚于结束日期/.test(bad.error));
    const invalid = await call(listCertificationsOp, staff, { from: '2025-02-30' });
    assert.ok(!invalid.ok && invalid.status === 400);
  });

  test('dueWithinDays: approved, not review-exempt, ending today..today+N, soonest first', async () => {
    const end = async (endDate: string | null, status: 'approved' | 'revoked' = 'approved') => {
      const c = await cert({ personId: people.longshan.id, status });
      await t.db.update(certifications).set({ endDate }).where(eq(certifications.id, c.id));
      return c.id;
    };
    const soon = await end(addDays(today, 10));
    const edge = await end(addDays(today, 60));
    const todayEnd = await end(today);
    const late = await end(addDays(today, 61));
    const past = await end(addDays(today, -1));
    const exempt = await end(null);
    const revoked = await end(addDays(today, 5), 'revoked');
    const r = await ok(listCertificationsOp, staff, { dueWithinDays: 60, pageSize: 100 });
    const ids = r.data.map((x) => x.id);
    for (const id of [soon, edge, todayEnd]) assert.ok(ids.includes(id));
    for (const id of [late, past, exempt, revoked]) assert.ok(!ids.includes(id));
    assert.ok(r.data.every((x) => x.status === 'approved' && x.endDate! >= today && x.endDate! <= addDays(today, 60)));
    assert.deepEqual(
      r.data.map((x) => x.endDate),
      [...r.data.map((x) => x.endDate)].sort(),
    );
    // The town staff's 待复审 list stays in their town.
    const mine = await ok(listCertificationsOp, townStaff, { dueWithinDays: 60, pageSize: 100 });
    assert.ok(mine.data.every((x) => x.townCode === LONGSHAN));
  });

  test('sort by decision time, descending', async () => {
    const r = await ok(listCertificationsOp, staff, {
      sort: 'decidedAt',
      order: 'desc',
      status: 'approved',
      pageSize: 50,
    });
    const times = r.data.map((x) => x.decidedAt!.getTime());
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });
});

describe('detail', () => {
  test('masked ID, catalog version, decision time, evidence links', async () => {
    const c = await cert({ personId: people.longshan.id, minutes: 125 });
    const [ev] = await t.db
      .insert(certificationEvidence)
      .values({
        certificationId: c.id,
        fileName: '诊断证明.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 10,
        sha256: 'a'.repeat(64),
        content: Buffer.from('%PDF-1.4 x'),
      })
      .returning();
    const d = await ok(getCertificationOp, townStaff, { id: c.id });
    assert.match(d.person.maskedId, /\*/);
    assert.ok(!('idNumber' in d.person));
    assert.equal(d.disease.code, 'M01600');
    assert.equal(d.disease.versionId, c.diseaseVersionId);
    assert.equal(d.decisionMinutes, 125);
    assert.equal(d.decisionTime, '2 小时 5 分钟');
    assert.deepEqual(
      d.evidence.map((e) => e.url),
      [`/api/certifications/evidence/${ev.id}`],
    );
    assert.equal(d.hospital.code, 'H37100300001');
    const pending = await ok(getCertificationOp, staff, {
      id: (await cert({ personId: people.longshan.id, status: 'pending' })).id,
    });
    assert.equal(pending.decisionTime, null);
  });
});

describe('revoke', () => {
  test('approved → revoked with reason, audited before/after', async () => {
    const c = await cert({ personId: people.longshan.id });
    const r = await ok(revokeCertificationOp, townStaff, { id: c.id, reason: '  复核发现材料不实 ' });
    assert.equal(r.status, 'revoked');
    assert.equal(r.revokeReason, '复核发现材料不实');
    assert.equal(r.revokedBy, townStaff.id);
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'certification.revoke'), eq(auditLog.entityId, String(c.id))));
    assert.equal(row.username, 'town_staff');
    assert.equal(row.personId, people.longshan.id);
    assert.deepEqual((row.before as { status: string }).status, 'approved');
    assert.deepEqual((row.after as { status: string; revokeReason: string }).revokeReason, '复核发现材料不实');
    // Again → 409, no second audit row.
    const again = await call(revokeCertificationOp, staff, { id: c.id, reason: '再次撤销' });
    assert.ok(!again.ok && again.status === 409 && /已撤销/.test(again.error));
    assert.equal(await auditCount(c.id), 1);
  });

  test('pending and rejected → 409; no reason → 400; supervisor → 403; nothing changes', async () => {
    for (const status of ['pending', 'rejected'] as const) {
      // (another disease than the pending one of the detail test: one pending application per person, disease and hospital)
      const c = await cert({ personId: people.longshan.id, status, diseaseCode: 'M00504' });
      const r = await call(revokeCertificationOp, staff, { id: c.id, reason: '测试' });
      assert.ok(!r.ok && r.status === 409, JSON.stringify(r));
      assert.equal((await t.db.select().from(certifications).where(eq(certifications.id, c.id)))[0].status, status);
    }
    const c = await cert({ personId: people.longshan.id });
    const blank = await call(revokeCertificationOp, staff, { id: c.id, reason: '   ' });
    assert.ok(!blank.ok && blank.status === 400 && /撤销原因/.test(blank.error));
    const sup = await call(revokeCertificationOp, supervisor, { id: c.id, reason: '科长撤销' });
    assert.ok(!sup.ok && sup.status === 403);
    const missing = await call(revokeCertificationOp, staff, { id: 999_999, reason: '不存在' });
    assert.ok(!missing.ok && missing.status === 404);
    assert.equal((await t.db.select().from(certifications).where(eq(certifications.id, c.id)))[0].status, 'approved');
    assert.equal(await auditCount(c.id), 0);
  });
});

describe('export', () => {
  test('an .xlsx of the filtered list, scoped like the list', async () => {
    const r = await ok(exportCertificationsOp, townStaff, { status: 'approved' });
    const list = await ok(listCertificationsOp, townStaff, { status: 'approved' });
    assert.equal(r.total, list.total);
    assert.equal(r.rows, list.total);
    assert.equal(r.content.subarray(0, 2).toString(), 'PK');
  });
});
