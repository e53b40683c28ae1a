/**
 * A filing at the workstation is bound to a lookup the same hospital user made by exact ID number
 * (the lookup token): a bare personId, a forged, expired or someone else's token is refused with
 * one message that says nothing about the person, and every refusal leaves an audit row. The
 * lookup shows the certifications the person holds and this hospital's own applications only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, desc, eq, max, sql } from 'drizzle-orm';
import { auditLog, certifications, people, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { makeIdNumber } from '@/lib/domain/id-number';
import { lookupTokenKey, signLookupToken } from '@/lib/domain/lookup-token';
import { workstationFile, workstationLookup } from '@/lib/operations/workstation';
import { issueLookupToken } from '@/lib/server/lookup-token';
import type { Operation } from '@/lib/server/operation';
import { hospitalIdOf, insertCertification } from './certification-fixtures';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { DIABETES, freshPeople, HOSPITAL_CODE, THIS_YEAR } from './workstation-fixtures';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

let t: TestDb;
let hospital: SessionUser;
let next: Awaited<ReturnType<typeof freshPeople>>;
const OTHER_HOSPITAL = 'H37100300002';
const REFUSED = /^认定申请须先在本院工作站按身份证号查询该人员/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = <T>(op: Operation<any, T>, user: SessionUser, input: unknown) =>
  op.run(user, input, { db: t.db, ip: '127.0.0.1' });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ok<T>(op: Operation<any, T>, user: SessionUser, input: unknown): Promise<T> {
  const r = await call(op, user, input);
  assert.ok(r.ok, r.ok ? '' : `${op.name}: ${r.status} ${r.error}`);
  return r.data;
}
const form = { diseaseCode: DIABETES, icd10Code: 'E11.9', diagnosisText: '2型糖尿病', doctor: '李医生' };
const filing = (extra: Record<string, unknown>) => ({ ...form, diagnosisDate: shanghaiDate(), ...extra });
const tokenOf = async (user: SessionUser, person: { idNumber: string }) =>
  (await ok(workstationLookup, user, { idNumber: person.idNumber })).lookupToken;
const certCount = async () => (await t.db.select({ n: count() }).from(certifications))[0].n;

/** The refusal audit rows of a user since `afterId`, oldest first. */
async function refusals(username: string, afterId: number) {
  const rows = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'workstation.file_refused'), eq(auditLog.username, username)))
    .orderBy(desc(auditLog.id));
  return rows.filter((r) => r.id > afterId).reverse();
}
const lastAuditId = async () => (await t.db.select({ id: max(auditLog.id) }).from(auditLog))[0].id ?? 0;

/** Files and expects the one refusal: 403, the same message, nothing written. */
async function refused(user: SessionUser, input: unknown) {
  const before = await certCount();
  const r = await call(workstationFile, user, input);
  assert.ok(!r.ok && r.status === 403, `expected 403, got ${JSON.stringify(r).slice(0, 300)}`);
  assert.match(r.error, REFUSED);
  assert.equal(await certCount(), before, 'nothing filed');
  return r.error;
}

async function userAt(username: string, hospitalCode: string): Promise<SessionUser> {
  await t.db
    .insert(users)
    .values({
      username,
      displayName: username,
      passwordHash: 'x',
      role: 'hospital_staff',
      hospitalId: await hospitalIdOf(t.db, hospitalCode),
    })
    .onConflictDoNothing();
  return sessionUser(t.db, username);
}

before(async () => {
  t = await createTestDb();
  hospital = await sessionUser(t.db, 'hospital');
  next = await freshPeople(t.db);
});
after(() => t.close());

describe('workstation.file is bound to a lookup', () => {
  test('filing with a bare personId (no lookup) is refused and audited; with the lookup token it files', async () => {
    const p = next();
    const since = await lastAuditId();
    await refused(hospital, filing({ personId: p.id }));
    const [row] = await refusals('hospital', since);
    assert.equal(row.role, 'hospital_staff');
    assert.equal(row.ip, '127.0.0.1');
    assert.deepEqual(row.after, {
      reason: 'missing',
      why: '未附查询凭据（未先按身份证号查询该人员）',
      diseaseCode: DIABETES,
      sentPersonId: p.id,
      token: null,
    });

    const { id } = await ok(workstationFile, hospital, filing({ lookupToken: await tokenOf(hospital, p) }));
    const [c] = await t.db.select().from(certifications).where(eq(certifications.id, id));
    assert.equal(c.personId, p.id);
  });

  test('a sequential-id probe learns nothing: one message whether the person exists, is enrolled or certified', async () => {
    const [{ top }] = await t.db.select({ top: max(people.id) }).from(people);
    const [unenrolled] = await t.db
      .insert(people)
      .values({
        idNumber: makeIdNumber('371081', '1970-03-15', 301, 'F'),
        name: '未参保',
        gender: 'F',
        birthDate: '1970-03-15',
        townCode: '371003001',
      })
      .returning();
    const certified = next();
    await insertCertification(t.db, {
      personId: certified.id,
      hospitalId: await hospitalIdOf(t.db, OTHER_HOSPITAL),
      diseaseCode: DIABETES,
    });
    const probes = [top! + 1000, unenrolled.id, next().id, certified.id];
    const since = await lastAuditId();
    const messages = new Set<string>();
    for (const personId of probes) messages.add(await refused(hospital, filing({ personId })));
    assert.equal(messages.size, 1, `one message for all: ${[...messages].join(' | ')}`);
    const [message] = messages;
    assert.doesNotMatch(message, /参保|持有|认定期|不存在|未找到/);
    const rows = await refusals('hospital', since);
    assert.deepEqual(
      rows.map((r) => (r.after as { sentPersonId: number }).sentPersonId),
      probes,
      'one audit row per probe',
    );
    assert.ok(rows.every((r) => r.personId === null && (r.after as { reason: string }).reason === 'missing'));
  });

  test("another user's token (other hospital, or same hospital) and a token from before a move are refused and audited", async () => {
    const p = next();
    const other = await userAt('hospital_other', OTHER_HOSPITAL);
    const colleague = await userAt('hospital_colleague', HOSPITAL_CODE);
    const since = await lastAuditId();
    await refused(hospital, filing({ lookupToken: await tokenOf(other, p) }));
    await refused(hospital, filing({ lookupToken: await tokenOf(colleague, p) }));

    const mover = await userAt('hospital_mover', HOSPITAL_CODE);
    const moverToken = await tokenOf(mover, p);
    await t.db
      .update(users)
      .set({ hospitalId: await hospitalIdOf(t.db, OTHER_HOSPITAL) })
      .where(eq(users.id, mover.id));
    await refused(await sessionUser(t.db, 'hospital_mover'), filing({ lookupToken: moverToken }));

    const rows = [...(await refusals('hospital', since)), ...(await refusals('hospital_mover', since))];
    assert.deepEqual(
      rows.map((r) => (r.after as { reason: string }).reason),
      ['other_user', 'other_user', 'other_hospital'],
    );
    // The tokens were genuine: the audit row names the person they were issued for, and for whom.
    assert.ok(rows.every((r) => r.personId === p.id));
    assert.equal((rows[0].after as { token: { userId: number } }).token.userId, other.id);
  });

  test('a forged, malformed or expired token, or one sent with another personId, is refused and audited', async () => {
    const p = next();
    const q = next();
    const genuine = await tokenOf(hospital, p);
    const parts = genuine.split('.');
    const forTheOther = [parts[0], parts[1], parts[2], String(q.id), parts[4], parts[5]].join('.');
    const claims = { userId: hospital.id, hospitalId: hospital.hospitalId!, personId: q.id };
    const since = await lastAuditId();
    await refused(hospital, filing({ lookupToken: forTheOther }));
    await refused(hospital, filing({ lookupToken: signLookupToken(lookupTokenKey('guessed'), claims, new Date()) }));
    await refused(hospital, filing({ lookupToken: 'not-a-token' }));
    await refused(hospital, filing({ lookupToken: issueLookupToken(claims, new Date(Date.now() - 31 * 60_000)) }));
    await refused(hospital, filing({ lookupToken: genuine, personId: q.id }));
    await refused(hospital, filing({ lookupToken: 12345 }));
    const rows = await refusals('hospital', since);
    assert.deepEqual(
      rows.map((r) => (r.after as { reason: string }).reason),
      ['forged', 'forged', 'malformed', 'expired', 'other_person', 'missing'],
    );
    assert.deepEqual(
      rows.map((r) => r.personId),
      [null, null, null, q.id, p.id, null],
      'only a genuine token names a person on the audit row',
    );
    const [{ n }] = await t.db
      .select({ n: count() })
      .from(certifications)
      .where(sql`${certifications.personId} in (${p.id}, ${q.id})`);
    assert.equal(n, 0);
    // The genuine token, with its own person or none, still files.
    await ok(workstationFile, hospital, filing({ lookupToken: genuine, personId: p.id }));
  });
});

describe('workstation.lookup', () => {
  test("shows only certifications held (approved, not ended) and this hospital's own applications", async () => {
    const p = next();
    const otherId = await hospitalIdOf(t.db, OTHER_HOSPITAL);
    const at = (
      hospitalId: number,
      diseaseCode: string,
      status?: 'pending' | 'rejected' | 'revoked',
      startDate?: string,
    ) => insertCertification(t.db, { personId: p.id, hospitalId, diseaseCode, status, startDate });
    const hidden = [
      await at(otherId, 'M04600', 'pending'), // 冠心病
      await at(otherId, 'M05300', 'rejected'), // 慢性阻塞性肺疾病
      await at(otherId, 'M06201', 'revoked'), // 肝硬化
      await at(otherId, 'M02300', undefined, `${THIS_YEAR - 3}-01-10`), // 帕金森病: approved, ended
    ];
    const shown = [
      await at(otherId, 'M03900'), // 高血压病: approved, in force
      await at(hospital.hospitalId!, DIABETES, 'rejected'),
      await at(hospital.hospitalId!, 'M04600', 'pending'),
    ];
    const card = await ok(workstationLookup, hospital, { idNumber: p.idNumber });
    assert.deepEqual(card.certifications.map((c) => c.id).sort(), shown.map((c) => c.id).sort());
    const json = JSON.stringify(card);
    for (const name of ['慢性阻塞性肺疾病', '肝硬化', '帕金森病']) assert.ok(!json.includes(name), name);
    assert.ok(!card.certifications.some((c) => c.hospitalId === otherId && c.status !== 'approved'));
    assert.ok(hidden.every((h) => !card.certifications.some((c) => c.id === h.id)));
  });

  test('a lookup of an unknown ID number is audited (a probe of the registry)', async () => {
    const unknown = makeIdNumber('371081', '1990-01-01', 998, 'M');
    const since = await lastAuditId();
    const r = await call(workstationLookup, hospital, { idNumber: unknown });
    assert.ok(!r.ok && r.status === 404);
    const rows = (await t.db.select().from(auditLog).where(eq(auditLog.action, 'workstation.lookup_not_found'))).filter(
      (row) => row.id > since,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].username, 'hospital');
    assert.equal(typeof (rows[0].after as { maskedId: string }).maskedId, 'string');
    assert.ok(!JSON.stringify(rows[0]).includes(unknown), 'the full number is not kept');
  });
});
