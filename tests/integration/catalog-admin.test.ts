/** The admin side of the certification catalog: dated disease versions, hospitals, delegations. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { catalogOn } from '@/db/queries/catalog';
import { delegationsOn } from '@/db/queries/workstation';
import { auditLog, diseaseVersions, hospitals } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { addDays } from '@/lib/domain/calendar';
import { addDiseaseVersionOp, createDiseaseOp, diseaseHistoryOp, listCatalogOp } from '@/lib/operations/catalog';
import {
  createHospitalOp,
  cancelDelegationOp,
  endDelegationOp,
  getHospitalOp,
  grantDelegationOp,
  listHospitalsOp,
  setHospitalActiveOp,
  updateHospitalOp,
} from '@/lib/operations/hospitals';
import type { Operation } from '@/lib/server/operation';
import { hospitalIdOf } from './certification-fixtures';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

let t: TestDb;
let admin: SessionUser;
const today = shanghaiDate();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call<T>(op: Operation<any, T>, input: unknown) {
  return op.run(admin, input, { db: t.db, ip: '127.0.0.1' });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ok<T>(op: Operation<any, T>, input: unknown): Promise<T> {
  const r = await call(op, input);
  assert.ok(r.ok, r.ok ? '' : `${r.status} ${r.error}`);
  return r.data;
}

async function lastAudit(action: string) {
  const [row] = await t.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

const version = {
  name: '测试病种',
  kind: 'chronic',
  forResident: true,
  forEmployee: false,
  reviewExempt: false,
  validityMonths: 12,
  active: true,
  entryCriteria: '确诊',
  requiredEvidence: '诊断证明',
};

before(async () => {
  t = await createTestDb({ people: 20 });
  admin = await sessionUser(t.db, 'admin');
});
after(() => t.close());

describe('catalog versions', () => {
  test('creating a disease writes the disease, its first version and an audit row', async () => {
    const v = await ok(createDiseaseOp, { ...version, code: 'l09001', effectiveFrom: today });
    assert.equal(v.diseaseCode, 'L09001');
    assert.equal(v.createdBy, admin.id);
    const [inForce] = await catalogOn(t.db, today, ['L09001']);
    assert.equal(inForce.name, '测试病种');
    const audit = await lastAudit('disease.create');
    assert.equal(audit.entityId, 'L09001');
    assert.equal((audit.after as { validityMonths: number }).validityMonths, 12);
  });

  test('a duplicate code is 409, a bad code or missing validity is 400', async () => {
    const dup = await call(createDiseaseOp, { ...version, code: 'M03900', effectiveFrom: today });
    assert.ok(!dup.ok && dup.status === 409 && /已存在/.test(dup.error));
    const bad = await call(createDiseaseOp, { ...version, code: 'X1', effectiveFrom: today });
    assert.ok(!bad.ok && bad.status === 400 && /病种编码/.test(bad.error));
    const noValidity = await call(createDiseaseOp, {
      ...version,
      code: 'L09002',
      validityMonths: null,
      effectiveFrom: today,
    });
    assert.ok(!noValidity.ok && noValidity.status === 400 && /有效期/.test(noValidity.error));
    const noScheme = await call(createDiseaseOp, {
      ...version,
      code: 'L09002',
      forResident: false,
      effectiveFrom: today,
    });
    assert.ok(!noScheme.ok && noScheme.status === 400 && /险种/.test(noScheme.error));
  });

  test('review-exempt drops the validity', async () => {
    const v = await ok(createDiseaseOp, {
      ...version,
      code: 'L09003',
      reviewExempt: true,
      validityMonths: 24,
      effectiveFrom: today,
    });
    assert.equal(v.validityMonths, null);
  });

  test('a future version does not change today’s catalog but is in force from its date; history is kept', async () => {
    const future = addDays(today, 30);
    const [before] = await catalogOn(t.db, today, ['M03900']);
    await ok(addDiseaseVersionOp, {
      ...version,
      code: 'M03900',
      name: '高血压病（新版）',
      forEmployee: true,
      validityMonths: 36,
      effectiveFrom: future,
    });
    const [stillToday] = await catalogOn(t.db, today, ['M03900']);
    assert.equal(stillToday.id, before.id);
    assert.equal(stillToday.name, '高血压病');
    const [onDate] = await catalogOn(t.db, future, ['M03900']);
    assert.equal(onDate.name, '高血压病（新版）');
    assert.equal(onDate.validityMonths, 36);

    const history = await ok(diseaseHistoryOp, { code: 'M03900' });
    assert.deepEqual(
      history.map((h) => h.effectiveFrom),
      [future, '2020-01-01'],
    );
    assert.equal(history[0].createdByName, admin.displayName);

    const list = await ok(listCatalogOp, { q: 'M03900' });
    assert.equal(list.data.length, 1);
    assert.deepEqual([list.data[0].name, list.data[0].nextFrom, list.data[0].inForce], ['高血压病', future, true]);

    const audit = await lastAudit('disease.version');
    assert.equal((audit.before as { name: string }).name, '高血压病');
    assert.equal((audit.after as { name: string }).name, '高血压病（新版）');
  });

  test('the same date twice is 409, a past date is 400, an unknown disease 404; nothing is written', async () => {
    const future = addDays(today, 30);
    const count = async () =>
      (await t.db.select().from(diseaseVersions).where(eq(diseaseVersions.diseaseCode, 'M03900'))).length;
    const n = await count();
    const dup = await call(addDiseaseVersionOp, { ...version, code: 'M03900', effectiveFrom: future });
    assert.ok(!dup.ok && dup.status === 409 && /已有/.test(dup.error));
    const past = await call(addDiseaseVersionOp, { ...version, code: 'M03900', effectiveFrom: addDays(today, -1) });
    assert.ok(!past.ok && past.status === 400 && /早于今天/.test(past.error));
    const unknown = await call(addDiseaseVersionOp, { ...version, code: 'Q99999', effectiveFrom: future });
    assert.ok(!unknown.ok && unknown.status === 404);
    assert.equal(await count(), n);
  });

  test('a disease created for a future date is listed as not yet in force; filters apply', async () => {
    await ok(createDiseaseOp, { ...version, code: 'L09004', kind: 'special', effectiveFrom: addDays(today, 5) });
    const { data } = await ok(listCatalogOp, { kind: 'special', q: '测试' });
    const row = data.find((r) => r.code === 'L09004')!;
    assert.equal(row.inForce, false);
    assert.ok(data.every((r) => r.kind === 'special'));
    assert.equal((await catalogOn(t.db, today, ['L09004'])).length, 0);
  });
});

describe('hospitals', () => {
  const good = { code: 'H37100300101', name: '测试卫生院', level: 'level1' };

  test('the code is validated, its area must be a district, and it is unique', async () => {
    const bad = await call(createHospitalOp, { ...good, code: 'H3710030010' });
    assert.ok(!bad.ok && bad.status === 400 && /医疗机构编码/.test(bad.error));
    const area = await call(createHospitalOp, { ...good, code: 'H37109900101' });
    assert.ok(!area.ok && area.status === 400 && /371099/.test(area.error));
    const created = await ok(createHospitalOp, good);
    assert.equal(created.districtCode, '371003');
    assert.equal((await lastAudit('hospital.create')).entityId, String(created.id));
    const dup = await call(createHospitalOp, { ...good, name: '另一家' });
    assert.ok(!dup.ok && dup.status === 409);
    const other = await hospitalIdOf(t.db, 'H37100300002');
    const dupOnEdit = await call(updateHospitalOp, { id: other, ...good });
    assert.ok(!dupOnEdit.ok && dupOnEdit.status === 409);
  });

  test('edit and deactivate write hospital.update with before and after', async () => {
    const id = await hospitalIdOf(t.db, 'H37100300101');
    await ok(updateHospitalOp, { id, ...good, name: '测试中心卫生院', level: 'level2' });
    const audit = await lastAudit('hospital.update');
    assert.deepEqual(
      [(audit.before as { name: string }).name, (audit.after as { name: string }).name],
      ['测试卫生院', '测试中心卫生院'],
    );
    await ok(setHospitalActiveOp, { id, active: false });
    const [h] = await t.db.select().from(hospitals).where(eq(hospitals.id, id));
    assert.equal(h.active, false);
    const { data } = await ok(listHospitalsOp, { active: 'false' });
    assert.deepEqual(
      data.map((r) => r.code),
      ['H37100300101'],
    );
    const refused = await call(grantDelegationOp, { hospitalId: id, diseaseCode: 'M03900', validFrom: today });
    assert.ok(!refused.ok && refused.status === 409 && /停用/.test(refused.error));
    await ok(setHospitalActiveOp, { id, active: true });
  });

  test('the list counts the diseases delegated today', async () => {
    const { data } = await ok(listHospitalsOp, { q: 'H3710030000' });
    const central = data.find((r) => r.code === 'H37100300001')!;
    const mental = data.find((r) => r.code === 'H37100300006')!;
    assert.equal(central.delegatedToday, (await delegationsOn(t.db, central.id, today)).length);
    assert.equal(mental.delegatedToday, 2);
  });
});

describe('delegations', () => {
  test('grant, overlap refused, end: gone from delegationsOn after validTo', async () => {
    const id = await hospitalIdOf(t.db, 'H37100300101');
    await ok(grantDelegationOp, { hospitalId: id, diseaseCode: 'M01600', validFrom: today, validTo: '' });
    assert.deepEqual(
      (await delegationsOn(t.db, id, today)).map((d) => d.diseaseCode),
      ['M01600'],
    );
    assert.equal((await lastAudit('delegation.grant')).entityId, String(id));

    const overlap = await call(grantDelegationOp, {
      hospitalId: id,
      diseaseCode: 'M01600',
      validFrom: addDays(today, 100),
      validTo: null,
    });
    assert.ok(!overlap.ok && overlap.status === 409 && /重叠/.test(overlap.error));
    const past = await call(grantDelegationOp, {
      hospitalId: id,
      diseaseCode: 'M04600',
      validFrom: addDays(today, -1),
      validTo: null,
    });
    assert.ok(!past.ok && past.status === 400);
    const inactiveOrUnknown = await call(grantDelegationOp, {
      hospitalId: id,
      diseaseCode: 'Q99999',
      validFrom: today,
      validTo: null,
    });
    assert.ok(!inactiveOrUnknown.ok && inactiveOrUnknown.status === 400);

    const tooEarly = await call(endDelegationOp, {
      hospitalId: id,
      diseaseCode: 'M01600',
      validFrom: today,
      validTo: addDays(today, -1),
    });
    assert.ok(!tooEarly.ok && tooEarly.status === 400 && /开始日期/.test(tooEarly.error));
    await ok(endDelegationOp, { hospitalId: id, diseaseCode: 'M01600', validFrom: today, validTo: today });
    assert.equal((await delegationsOn(t.db, id, today)).length, 1);
    assert.equal((await delegationsOn(t.db, id, addDays(today, 1))).length, 0);
    const audit = await lastAudit('delegation.end');
    assert.deepEqual(
      [(audit.before as { validTo: null }).validTo, (audit.after as { validTo: string }).validTo],
      [null, today],
    );

    // After it ends, a new delegation of the same disease may follow.
    await ok(grantDelegationOp, { hospitalId: id, diseaseCode: 'M01600', validFrom: addDays(today, 1), validTo: null });
    const detail = await ok(getHospitalOp, { id });
    assert.deepEqual(
      detail.delegations.map((d) => [d.diseaseCode, d.diseaseName, d.validFrom, d.validTo]),
      [
        ['M01600', '糖尿病', addDays(today, 1), null],
        ['M01600', '糖尿病', today, today],
      ],
    );
  });

  test('a delegation that has not started can be cancelled (deleted, audited); a started one only ended', async () => {
    const id = await hospitalIdOf(t.db, 'H37100300101');
    const future = { hospitalId: id, diseaseCode: 'M00504', validFrom: addDays(today, 30) };
    await ok(grantDelegationOp, { ...future, validTo: null });
    await ok(cancelDelegationOp, future);
    assert.equal((await ok(getHospitalOp, { id })).delegations.filter((d) => d.diseaseCode === 'M00504').length, 0);
    const audit = await lastAudit('delegation.cancel');
    assert.equal(audit.entityId, String(id));
    assert.deepEqual((audit.before as { validFrom: string }).validFrom, future.validFrom);
    const gone = await call(cancelDelegationOp, future);
    assert.ok(!gone.ok && gone.status === 404, 'already gone');

    // Started today: 409, still there.
    const started = { hospitalId: id, diseaseCode: 'M00504', validFrom: today };
    await ok(grantDelegationOp, { ...started, validTo: null });
    const r = await call(cancelDelegationOp, started);
    assert.ok(!r.ok && r.status === 409 && /已于 .* 生效，不能取消，只能终止/.test(r.error), JSON.stringify(r));
    assert.deepEqual((await delegationsOn(t.db, id, today)).filter((d) => d.diseaseCode === 'M00504').length, 1);
  });

  test('an unknown delegation is 404', async () => {
    const id = await hospitalIdOf(t.db, 'H37100300101');
    const r = await call(endDelegationOp, { hospitalId: id, diseaseCode: 'M04600', validFrom: today, validTo: today });
    assert.ok(!r.ok && r.status === 404);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'delegation.end'), eq(auditLog.entityId, String(id))));
    assert.equal(rows.length, 1);
  });
});
