/**
 * Spot checks: the population (one hospital's decisions in a period of Shanghai days), reproducible
 * draws with the seed recorded, verdicts with their audit rows, and compliance rates.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq, inArray } from 'drizzle-orm';
import { auditLog, certifications, districts, spotCheckItems, spotChecks, users } from '@/db/schema';
import { decidedPopulation } from '@/db/queries/spot-checks';
import type { SessionUser } from '@/lib/auth/types';
import { addDays } from '@/lib/domain/calendar';
import { SAMPLING_ALGORITHM } from '@/lib/domain/sampling';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { drawSpotCheckOp, getSpotCheckOp, listSpotChecksOp, recordVerdictOp } from '@/lib/operations/spot-checks';
import type { Operation } from '@/lib/server/operation';
import type { z } from 'zod';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { enrolledPerson, hospitalIdOf, insertCertification } from './certification-fixtures';

let t: TestDb;
let supervisor: SessionUser;
let central: number;
let second: number;
const today = shanghaiDate();
const lastYear = { from: addDays(today, -365), to: today };

async function call<S extends z.ZodType, T>(op: Operation<S, T>, input: unknown, user = supervisor) {
  return op.run(user, input, { db: t.db, ip: '127.0.0.1' });
}
async function ok<S extends z.ZodType, T>(op: Operation<S, T>, input: unknown): Promise<T> {
  const r = await call(op, input);
  assert.ok(r.ok, r.ok ? '' : `${r.status} ${r.error}`);
  return r.data;
}
const sampledIds = async (spotCheckId: number) =>
  (
    await t.db
      .select({ id: spotCheckItems.certificationId })
      .from(spotCheckItems)
      .where(eq(spotCheckItems.spotCheckId, spotCheckId))
      .orderBy(spotCheckItems.certificationId)
  ).map((r) => r.id);
const tableCount = async () => (await t.db.select({ n: count() }).from(spotChecks))[0].n;

before(async () => {
  t = await createTestDb();
  supervisor = await sessionUser(t.db, 'supervisor');
  central = await hospitalIdOf(t.db, 'H37100300001');
  second = await hospitalIdOf(t.db, 'H37100300002');
});
after(() => t.close());

describe('draw', () => {
  test('10% of a hospital’s decisions in the last year; seed and algorithm recorded; audited', async () => {
    const population = await decidedPopulation(t.db, central, lastYear.from, lastYear.to);
    assert.ok(population.length >= 20, `${population.length} decisions`);
    const r = await ok(drawSpotCheckOp, { hospitalId: central, ...lastYear, percent: 10 });
    assert.equal(r.populationSize, population.length);
    assert.equal(r.sampleSize, Math.ceil(population.length / 10));
    const [row] = await t.db.select().from(spotChecks).where(eq(spotChecks.id, r.id));
    assert.equal(row.seed, r.seed);
    assert.equal(row.algorithm, SAMPLING_ALGORITHM);
    assert.equal(row.percent, 10);
    assert.equal(row.count, null);
    const ids = await sampledIds(r.id);
    assert.equal(ids.length, r.sampleSize);
    const rows = await t.db.select().from(certifications).where(inArray(certifications.id, ids));
    assert.ok(rows.every((c) => c.hospitalId === central && c.status !== 'pending'));
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'spot_check.draw'), eq(auditLog.entityId, String(r.id))));
    assert.equal(audit.username, 'supervisor');
    assert.deepEqual((audit.after as { certificationIds: number[] }).certificationIds, ids);
    assert.equal((audit.after as { seed: string }).seed, r.seed);
  });

  test('the same hospital, period and seed reproduce the same sample', async () => {
    const a = await ok(drawSpotCheckOp, { hospitalId: central, ...lastYear, percent: 20, seed: '2026-第一季度抽查' });
    const b = await ok(drawSpotCheckOp, { hospitalId: central, ...lastYear, percent: 20, seed: '2026-第一季度抽查' });
    assert.equal(a.seed, '2026-第一季度抽查');
    assert.deepEqual(await sampledIds(a.id), await sampledIds(b.id));
    const fresh = await ok(drawSpotCheckOp, { hospitalId: central, ...lastYear, percent: 20 });
    assert.notEqual(fresh.seed, a.seed);
    // Reproducing the fresh draw from its stored seed gives its sample.
    const [stored] = await t.db.select().from(spotChecks).where(eq(spotChecks.id, fresh.id));
    const again = await ok(drawSpotCheckOp, { hospitalId: central, ...lastYear, percent: 20, seed: stored.seed });
    assert.deepEqual(await sampledIds(again.id), await sampledIds(fresh.id));
  });

  test('the population is that hospital’s decisions decided on the Shanghai days of the period', async () => {
    const person = await enrolledPerson(t.db, 2025);
    // Filed 2025-03-31 16:20 UTC, decided 10 minutes later = 2025-04-01 00:30 in Shanghai.
    const filedAt = new Date('2025-03-31T16:20:00Z');
    const inside = await insertCertification(t.db, {
      personId: person.id,
      hospitalId: central,
      diseaseCode: 'M03900',
      filedAt,
      minutes: 10,
      status: 'rejected',
    });
    const otherHospital = await insertCertification(t.db, {
      personId: person.id,
      hospitalId: second,
      diseaseCode: 'M03900',
      filedAt,
      minutes: 10,
      status: 'rejected',
    });
    const pending = await insertCertification(t.db, {
      personId: person.id,
      hospitalId: central,
      diseaseCode: 'M04600',
      filedAt,
      status: 'pending',
    });
    // Decided 2025-03-31 15:50 UTC = 23:50 on 31 March in Shanghai.
    const marchLate = await insertCertification(t.db, {
      personId: person.id,
      hospitalId: central,
      diseaseCode: 'M05300',
      filedAt: new Date('2025-03-31T15:40:00Z'),
      minutes: 10,
    });
    const april = await ok(drawSpotCheckOp, {
      hospitalId: central,
      from: '2025-04-01',
      to: '2025-04-30',
      percent: 100,
    });
    const ids = await sampledIds(april.id);
    assert.ok(ids.includes(inside.id));
    assert.ok(!ids.includes(otherHospital.id) && !ids.includes(pending.id) && !ids.includes(marchLate.id));
    const march = await ok(drawSpotCheckOp, {
      hospitalId: central,
      from: '2025-03-01',
      to: '2025-03-31',
      percent: 100,
    });
    const marchIds = await sampledIds(march.id);
    assert.ok(marchIds.includes(marchLate.id) && !marchIds.includes(inside.id));
  });

  test('count is capped at the population; refusals change nothing', async () => {
    const population = await decidedPopulation(t.db, second, lastYear.from, lastYear.to);
    const r = await ok(drawSpotCheckOp, { hospitalId: second, ...lastYear, count: 10_000 });
    assert.equal(r.sampleSize, population.length);
    const n = await tableCount();
    const empty = await call(drawSpotCheckOp, {
      hospitalId: central,
      from: '2001-01-01',
      to: '2001-12-31',
      percent: 5,
    });
    assert.ok(!empty.ok && empty.status === 400 && /没有已作出决定的认定记录/.test(empty.error), JSON.stringify(empty));
    const both = await call(drawSpotCheckOp, { hospitalId: central, ...lastYear, percent: 5, count: 3 });
    assert.ok(!both.ok && both.status === 400 && /只能填写一项/.test(both.error));
    const neither = await call(drawSpotCheckOp, { hospitalId: central, ...lastYear });
    assert.ok(!neither.ok && neither.status === 400);
    const reversed = await call(drawSpotCheckOp, {
      hospitalId: central,
      from: today,
      to: addDays(today, -30),
      percent: 5,
    });
    assert.ok(!reversed.ok && reversed.status === 400);
    const noHospital = await call(drawSpotCheckOp, { hospitalId: 999_999, ...lastYear, percent: 5 });
    assert.ok(!noHospital.ok && noHospital.status === 404);
    const staff = await call(
      drawSpotCheckOp,
      { hospitalId: central, ...lastYear, percent: 5 },
      await sessionUser(t.db, 'staff'),
    );
    assert.ok(!staff.ok && staff.status === 403);
    assert.equal(await tableCount(), n);
  });
});

describe('verdicts and compliance', () => {
  test('合规 / 不合规 with a note, changes audited, rates per check and per hospital', async () => {
    const hospital = await hospitalIdOf(t.db, 'H37100300003');
    const a = await ok(drawSpotCheckOp, { hospitalId: hospital, ...lastYear, count: 3, seed: 'a' });
    const b = await ok(drawSpotCheckOp, { hospitalId: hospital, ...lastYear, count: 2, seed: 'b' });
    const [x, y, z] = await sampledIds(a.id);
    const bIds = await sampledIds(b.id);
    const [w] = bIds;

    const noNote = await call(recordVerdictOp, { spotCheckId: a.id, certificationId: x, verdict: 'non_compliant' });
    assert.ok(!noNote.ok && noNote.status === 400 && /须填写说明/.test(noNote.error));
    await ok(recordVerdictOp, { spotCheckId: a.id, certificationId: x, verdict: 'compliant' });
    await ok(recordVerdictOp, {
      spotCheckId: a.id,
      certificationId: y,
      verdict: 'non_compliant',
      note: '缺少近 6 个月检查报告',
    });
    await ok(recordVerdictOp, {
      spotCheckId: b.id,
      certificationId: w,
      verdict: 'non_compliant',
      note: '诊断依据不足',
    });

    let detail = await ok(getSpotCheckOp, { id: a.id });
    assert.equal(detail.spotCheck.seed, 'a');
    assert.equal(detail.spotCheck.algorithm, SAMPLING_ALGORITHM);
    assert.deepEqual({ ...detail.compliance }, { checked: 2, compliant: 1, nonCompliant: 1, unchecked: 1, rate: 0.5 });
    assert.equal(detail.hospitalCompliance.checked, 3);
    assert.equal(detail.hospitalCompliance.compliant, 1);
    assert.ok(detail.items.every((i) => /\*/.test(i.maskedId)));
    assert.equal(detail.items.find((i) => i.certificationId === y)!.note, '缺少近 6 个月检查报告');

    // Changing a verdict is allowed and audited with before/after.
    await ok(recordVerdictOp, { spotCheckId: a.id, certificationId: y, verdict: 'compliant' });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'spot_check.verdict'), eq(auditLog.entityId, String(a.id))))
      .orderBy(auditLog.id);
    assert.equal(audits.length, 3);
    assert.deepEqual(audits[2].before, { certificationId: y, verdict: 'non_compliant', note: '缺少近 6 个月检查报告' });
    assert.deepEqual(audits[2].after, { certificationId: y, verdict: 'compliant', note: null });
    detail = await ok(getSpotCheckOp, { id: a.id });
    assert.equal(detail.compliance.rate, 1);

    // A certification not in this spot check → 404.
    const notInB = [x, y, z].find((id) => !bIds.includes(id))!;
    const missing = await call(recordVerdictOp, { spotCheckId: b.id, certificationId: notInB, verdict: 'compliant' });
    assert.ok(!missing.ok && missing.status === 404);

    const list = await ok(listSpotChecksOp, {});
    const rowA = list.data.find((r) => r.id === a.id)!;
    assert.equal(rowA.sampleSize, 3);
    assert.equal(rowA.compliance.checked, 2);
    assert.equal(rowA.hospitalCompliance.rate, 2 / 3);
    assert.equal(list.hospitals.find((h) => h.hospitalId === hospital)!.checked, 3);
  });
});

describe('district scope', () => {
  test('a supervisor of another district sees no spot check of 文登区 hospitals and cannot draw, read or judge one', async () => {
    const drawn = await ok(drawSpotCheckOp, { hospitalId: central, ...lastYear, count: 1 });
    const [certificationId] = await sampledIds(drawn.id);
    await t.db.insert(districts).values({ code: '371002', name: '环翠区' }).onConflictDoNothing();
    const [other] = await t.db
      .insert(users)
      .values({
        username: 'huancui_supervisor',
        displayName: '环翠区科室负责人',
        role: 'supervisor',
        districtCode: '371002',
        passwordHash: 'x',
      })
      .returning();
    const outsider = await sessionUser(t.db, other.username);
    const before = await tableCount();

    const list = await call(listSpotChecksOp, {}, outsider);
    assert.ok(list.ok);
    assert.deepEqual([list.data.data.length, list.data.hospitals.length], [0, 0]);
    for (const [op, input] of [
      [getSpotCheckOp, { id: drawn.id }],
      [drawSpotCheckOp, { hospitalId: central, ...lastYear, count: 1 }],
      [recordVerdictOp, { spotCheckId: drawn.id, certificationId, verdict: 'compliant' }],
    ] as const) {
      const r = await call(op as Operation<z.ZodType, unknown>, input, outsider);
      assert.ok(!r.ok && r.status === 404, `${op.name}: ${JSON.stringify(r)}`);
    }
    assert.equal(await tableCount(), before);
    const [item] = await t.db
      .select()
      .from(spotCheckItems)
      .where(and(eq(spotCheckItems.spotCheckId, drawn.id), eq(spotCheckItems.certificationId, certificationId)));
    assert.equal(item.verdict, null);
  });
});
