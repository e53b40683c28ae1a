/**
 * The hospital workstation through its operations (the server entry points): scope to the user's
 * own hospital, the filing and decision rules, concurrency of approvals, and the audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq, sql } from 'drizzle-orm';
import { auditLog, certificationEvidence, certifications, enrollments, people, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { addDays } from '@/lib/domain/calendar';
import { makeIdNumber } from '@/lib/domain/id-number';
import {
  workstationCertificate,
  workstationFile,
  workstationFilings,
  workstationLookup,
} from '@/lib/operations/workstation';
import { workstationDecide } from '@/lib/operations/workstation-decide';
import {
  certificationEvidenceOp,
  workstationEvidence,
  workstationUploadEvidence,
} from '@/lib/operations/workstation-evidence';
import type { Operation } from '@/lib/server/operation';
import { hospitalIdOf, insertCertification } from './certification-fixtures';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import {
  DIABETES,
  freshPeople,
  HOSPITAL_CODE,
  MENTAL_CODE,
  pendingWithEvidence,
  SCHIZOPHRENIA,
  THIS_YEAR,
} from './workstation-fixtures';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

let t: TestDb;
let hospital: SessionUser;
let mental: SessionUser;
let townStaff: SessionUser;
let next: Awaited<ReturnType<typeof freshPeople>>;
const today = shanghaiDate();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call<T>(op: Operation<any, T>, user: SessionUser, input: unknown) {
  return op.run(user, input, { db: t.db, ip: '127.0.0.1' });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ok<T>(op: Operation<any, T>, user: SessionUser, input: unknown): Promise<T> {
  const r = await call(op, user, input);
  assert.ok(r.ok, r.ok ? '' : `${op.name}: ${r.status} ${r.error}`);
  return r.data;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function fails(op: Operation<any, unknown>, user: SessionUser, input: unknown, status: number, message?: RegExp) {
  const r = await call(op, user, input);
  assert.ok(!r.ok && r.status === status, `expected ${status}, got ${JSON.stringify(r).slice(0, 300)}`);
  if (message) assert.match(r.error, message);
}
/** A filing for `person` as `user` would send it: with the token of the user's lookup of the person. */
const application = async (user: SessionUser, person: { idNumber: string }, diseaseCode = DIABETES) => ({
  lookupToken: (await ok(workstationLookup, user, { idNumber: person.idNumber })).lookupToken,
  diseaseCode,
  icd10Code: 'e11.9 ',
  diagnosisText: '2型糖尿病',
  doctor: '李医生',
  diagnosisDate: today,
});

/** Row counts of the tables the workstation writes, for "nothing changed" checks. */
async function counts() {
  const [row] = await t.db.execute<Record<string, number>>(sql`select
    (select count(*)::int from certifications) as certs, (select count(*)::int from certification_evidence) as evidence,
    (select count(*)::int from audit_log) as audit, (select count(*)::int from certificate_serials) as serials,
    (select string_agg(id::text || status::text, ',' order by id) from certifications) as statuses`);
  return row;
}
async function auditRows(action: string, entityId: number) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))));
}

/** A person with a valid ID number and, optionally, an enrollment this year. */
async function newPerson(seq: number, scheme?: 'resident' | 'employee') {
  const [p] = await t.db
    .insert(people)
    .values({
      idNumber: makeIdNumber('371081', '1970-03-15', seq, 'F'),
      name: `测试${seq}`,
      gender: 'F',
      birthDate: '1970-03-15',
      townCode: '371003001',
    })
    .returning();
  if (scheme) await t.db.insert(enrollments).values({ personId: p.id, year: THIS_YEAR, scheme, status: 'active' });
  return p;
}

/** A user of another general hospital (the demo has users for two hospitals only). */
async function hospitalUser(code: string): Promise<SessionUser> {
  const username = `hospital_${code}`;
  const [existing] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!existing) {
    await t.db.insert(users).values({
      username,
      displayName: code,
      passwordHash: 'x',
      role: 'hospital_staff',
      hospitalId: await hospitalIdOf(t.db, code),
    });
  }
  return sessionUser(t.db, username);
}

before(async () => {
  t = await createTestDb();
  [hospital, mental, townStaff] = await Promise.all([
    sessionUser(t.db, 'hospital'),
    sessionUser(t.db, 'hospital_mental'),
    sessionUser(t.db, 'town_staff'),
  ]);
  next = await freshPeople(t.db);
});
after(() => t.close());

describe('workstation.lookup', () => {
  test('an invalid ID number is refused with the precise reason; an unknown one is 404', async () => {
    const p = next();
    const wrongCheck = p.idNumber.slice(0, 17) + (p.idNumber[17] === '0' ? '1' : '0');
    await fails(workstationLookup, hospital, { idNumber: wrongCheck }, 400, /校验位错误/);
    await fails(workstationLookup, hospital, { idNumber: '12345' }, 400, /格式错误/);
    await fails(
      workstationLookup,
      hospital,
      { idNumber: makeIdNumber('371081', '1990-01-01', 999, 'M') },
      404,
      /^未找到该身份证号的参保人员$/,
    );
  });

  test('returns only the card (masked ID, enrollment, certifications held at any hospital, lookup token) and audits the look-up', async () => {
    const p = next();
    await insertCertification(t.db, {
      personId: p.id,
      hospitalId: await hospitalIdOf(t.db, MENTAL_CODE),
      diseaseCode: SCHIZOPHRENIA,
    });
    const card = await ok(workstationLookup, hospital, { idNumber: ` ${p.idNumber.toLowerCase()} ` });
    assert.deepEqual(Object.keys(card).sort(), [
      'age',
      'certifications',
      'enrollment',
      'gender',
      'id',
      'lookupToken',
      'maskedId',
      'name',
    ]);
    assert.equal(card.id, p.id);
    assert.equal(card.maskedId, `${p.idNumber.slice(0, 6)}**********${p.idNumber.slice(-2)}`);
    assert.ok(!JSON.stringify(card).includes(p.idNumber));
    assert.equal(card.enrollment?.status, 'active');
    assert.equal(card.certifications.length, 1);
    assert.equal(card.certifications[0].hospitalName, '文登区精神卫生中心');
    assert.equal(card.certifications[0].diseaseName, '精神分裂症');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'workstation.lookup'), eq(auditLog.personId, p.id)));
    assert.equal(audit.username, 'hospital');
  });

  test('a person not enrolled this year shows enrollment null', async () => {
    const p = await newPerson(110);
    assert.equal((await ok(workstationLookup, hospital, { idNumber: p.idNumber })).enrollment, null);
  });
});

describe('workstation.file', () => {
  test('files a pending application under the version in force, with the audit row', async () => {
    const p = next();
    const { id } = await ok(workstationFile, hospital, await application(hospital, p));
    const [c] = await t.db.select().from(certifications).where(eq(certifications.id, id));
    assert.equal(c.status, 'pending');
    assert.equal(c.icd10Code, 'E11.9');
    assert.equal(c.hospitalId, hospital.hospitalId);
    assert.equal(c.townCode, p.townCode);
    assert.equal((await auditRows('certification.file', id)).length, 1);
  });

  test('a disease not delegated to the hospital (mental health centre, diabetes) → 403, nothing written', async () => {
    const input = await application(mental, next()); // its lookup is audited: before the count
    const before = await counts();
    await fails(workstationFile, mental, input, 403, /未获授权/);
    assert.deepEqual(await counts(), before);
  });

  test('an invalid ICD-10 code is refused', async () => {
    await fails(
      workstationFile,
      hospital,
      { ...(await application(hospital, next())), icd10Code: '糖尿病' },
      400,
      /ICD-10/,
    );
  });

  test('a diagnosis date that is no calendar day → 400, nothing written', async () => {
    const input = await application(hospital, next());
    const before = await counts();
    await fails(
      workstationFile,
      hospital,
      { ...input, diagnosisDate: `${THIS_YEAR}-02-30` },
      400,
      /诊断日期不是有效日期/,
    );
    assert.deepEqual(await counts(), before);
  });

  test('not enrolled this year → 400 with the reason; scheme not open → 400', async () => {
    const unenrolled = await application(hospital, await newPerson(112));
    const employee = await application(hospital, await newPerson(114, 'employee'), 'L00001');
    const before = await counts();
    await fails(workstationFile, hospital, unenrolled, 400, /^该人员本年度未参保，不能认定$/);
    await fails(workstationFile, hospital, employee, 400, /仅限城乡居民参保人员/);
    assert.deepEqual(await counts(), before);
  });

  test('a pending application of the same disease at the same hospital → 409 (also when sent twice at once); another hospital may file', async () => {
    const p = next();
    const { id } = await ok(workstationFile, hospital, await application(hospital, p));
    const again = await application(hospital, p);
    const before = await counts();
    await fails(
      workstationFile,
      hospital,
      again,
      409,
      /本院已于 \d{4}-\d{2}-\d{2} 受理该人员“糖尿病”的认定申请，尚未作出决定/,
    );
    assert.deepEqual(await counts(), before, 'nothing written');
    const other = await hospitalUser('H37100300002');
    await ok(workstationFile, other, await application(other, p));
    // Once the first is decided, the hospital can file again.
    await ok(workstationDecide, hospital, { id, decision: 'reject', reason: '资料不全' });
    await ok(workstationFile, hospital, await application(hospital, p));

    const q = next();
    const input = await application(hospital, q);
    const twice = await Promise.all([0, 1].map(() => call(workstationFile, hospital, input)));
    assert.deepEqual(twice.map((r) => (r.ok ? 200 : r.status)).sort(), [200, 409]);
    const [{ n }] = await t.db.select({ n: count() }).from(certifications).where(eq(certifications.personId, q.id));
    assert.equal(n, 1);
  });

  test('an active certification of the same disease (at any hospital) → 409', async () => {
    const p = next();
    await insertCertification(t.db, {
      personId: p.id,
      hospitalId: await hospitalIdOf(t.db, 'H37100300002'),
      diseaseCode: DIABETES,
    });
    await fails(workstationFile, hospital, await application(hospital, p), 409, /不能重复认定/);
  });
});

describe('workstation.decide', () => {
  test('approve: period from the catalog, certificate number, audit before/after', async () => {
    const { id } = await ok(workstationFile, hospital, {
      ...(await application(hospital, next())),
      diagnosisDate: `${THIS_YEAR - 1}-01-02`,
    });
    await fails(
      workstationDecide,
      hospital,
      { id, decision: 'approve', startDate: `${THIS_YEAR - 1}-01-01` },
      400,
      /不能早于诊断日期/,
    );
    await fails(
      workstationDecide,
      hospital,
      { id, decision: 'approve', startDate: addDays(today, 1) },
      400,
      /不能晚于今天/,
    );
    const d = await ok(workstationDecide, hospital, { id, decision: 'approve', startDate: `${THIS_YEAR - 1}-01-31` });
    assert.equal(d.status, 'approved');
    assert.equal(d.endDate, `${THIS_YEAR + 1}-01-30`);
    assert.match(d.certificateNo!, new RegExp(`^MT-${HOSPITAL_CODE}-${THIS_YEAR}-\\d{6}$`));
    const [audit] = await auditRows('certification.approve', id);
    assert.deepEqual(
      [(audit.before as { status: string }).status, (audit.after as { status: string }).status],
      ['pending', 'approved'],
    );
    await fails(workstationDecide, hospital, { id, decision: 'reject', reason: '重复' }, 409);
  });

  test('review-exempt disease: no end date', async () => {
    const { id } = await ok(workstationFile, hospital, await application(hospital, next(), 'M00503'));
    assert.equal((await ok(workstationDecide, hospital, { id, decision: 'approve', startDate: today })).endDate, null);
  });

  test('reject needs a reason, then records it with the audit row', async () => {
    const { id } = await ok(workstationFile, hospital, await application(hospital, next()));
    await fails(workstationDecide, hospital, { id, decision: 'reject', reason: '  ' }, 400, /原因/);
    const d = await ok(workstationDecide, hospital, { id, decision: 'reject', reason: '不符合准入标准' });
    assert.equal(d.status, 'rejected');
    assert.equal((await auditRows('certification.reject', id)).length, 1);
  });

  test("another hospital's application → 403, nothing changes", async () => {
    const { id } = await ok(workstationFile, mental, await application(mental, next(), SCHIZOPHRENIA));
    const before = await counts();
    await fails(workstationDecide, hospital, { id, decision: 'approve', startDate: today }, 403);
    await fails(workstationDecide, hospital, { id, decision: 'reject', reason: '无' }, 403);
    assert.deepEqual(await counts(), before);
  });

  test('a pending diabetes application at the mental health centre cannot be decided there → 403', async () => {
    const cert = await insertCertification(t.db, {
      personId: next().id,
      hospitalId: mental.hospitalId!,
      diseaseCode: DIABETES,
      status: 'pending',
    });
    const before = await counts();
    await fails(workstationDecide, mental, { id: cert.id, decision: 'approve', startDate: today }, 403, /未获授权/);
    assert.deepEqual(await counts(), before);
  });

  test('enrollment is checked again at the decision', async () => {
    const p = next();
    const { id } = await ok(workstationFile, hospital, await application(hospital, p));
    await t.db
      .update(enrollments)
      .set({ status: 'suspended' })
      .where(and(eq(enrollments.personId, p.id), eq(enrollments.year, THIS_YEAR)));
    await fails(workstationDecide, hospital, { id, decision: 'approve', startDate: today }, 400, /暂停/);
  });

  test('two concurrent approvals of the same person and disease (at two hospitals): only one passes', async () => {
    const p = next();
    const other = await hospitalUser('H37100300002');
    const a = await ok(workstationFile, hospital, await application(hospital, p));
    const b = await ok(workstationFile, other, await application(other, p));
    const results = await Promise.all([
      call(workstationDecide, hospital, { id: a.id, decision: 'approve', startDate: today }),
      call(workstationDecide, other, { id: b.id, decision: 'approve', startDate: today }),
    ]);
    assert.deepEqual(results.map((r) => (r.ok ? 200 : r.status)).sort(), [200, 409]);
    const [{ n }] = await t.db
      .select({ n: count() })
      .from(certifications)
      .where(and(eq(certifications.personId, p.id), eq(certifications.status, 'approved')));
    assert.equal(n, 1);
  });
});

describe('evidence, filings and certificate stay within the hospital', () => {
  test('upload: content checked, sha256 stored, audited; other hospital → 404, nothing written', async () => {
    const { id } = await ok(workstationFile, hospital, await application(hospital, next()));
    const pdf = Buffer.from('%PDF-1.4 诊断证明');
    await fails(
      workstationUploadEvidence,
      hospital,
      { certificationId: id, file: new File([Buffer.from('hello')], 'a.pdf') },
      400,
      /PDF、JPG 或 PNG/,
    );
    const up = await ok(workstationUploadEvidence, hospital, {
      certificationId: id,
      file: new File([pdf], '诊断证明.pdf'),
    });
    const [row] = await t.db.select().from(certificationEvidence).where(eq(certificationEvidence.id, up.id));
    assert.equal(row.sha256.length, 64);
    assert.equal(row.mimeType, 'application/pdf');
    assert.equal((await auditRows('certification.evidence_upload', id)).length, 1);

    const before = await counts();
    await fails(workstationUploadEvidence, mental, { certificationId: id, file: new File([pdf], 'x.pdf') }, 404);
    await fails(workstationEvidence, mental, { id: up.id }, 404);
    assert.deepEqual(await counts(), before);
    assert.equal((await ok(workstationEvidence, hospital, { id: up.id })).sha256, row.sha256);
  });

  test('agency download is limited to the town scope', async () => {
    const inTown = await pendingWithEvidence(t.db, {
      hospitalCode: HOSPITAL_CODE,
      diseaseCode: DIABETES,
      personId: next('371003001').id,
    });
    const [elsewhere] = await t.db
      .select({ id: people.id })
      .from(people)
      .where(sql`${people.townCode} <> '371003001'`)
      .limit(1);
    const outside = await pendingWithEvidence(t.db, {
      hospitalCode: HOSPITAL_CODE,
      diseaseCode: DIABETES,
      personId: elsewhere.id,
    });
    await ok(certificationEvidenceOp, townStaff, { id: inTown.evidenceId });
    await fails(certificationEvidenceOp, townStaff, { id: outside.evidenceId }, 404);
  });

  test('filings: own hospital only, filters, masked IDs, time to decision', async () => {
    const p = next();
    const { id } = await ok(workstationFile, hospital, await application(hospital, p));
    const d = await ok(workstationDecide, hospital, { id, decision: 'approve', startDate: today });
    const mine = await ok(workstationFilings, hospital, { q: d.certificateNo!.slice(-6), status: 'approved' });
    const row = mine.data.find((r) => r.id === id)!;
    assert.ok(row, 'filtered by certificate number');
    assert.equal(row.duration, '即时办理（不足 1 分钟）');
    assert.ok(!JSON.stringify(mine).includes(p.idNumber));
    const all = await ok(workstationFilings, hospital, { pageSize: 100 });
    assert.ok(all.data.every((r) => r.id !== undefined));
    const theirs = await ok(workstationFilings, mental, { pageSize: 100 });
    assert.ok(!theirs.data.some((r) => r.id === id));
    assert.equal(
      (await ok(workstationFilings, hospital, { diseaseCode: 'M00503', from: today, to: today })).data.every(
        (r) => r.diseaseCode === 'M00503',
      ),
      true,
    );

    const cert = await ok(workstationCertificate, hospital, { id });
    assert.equal(cert.certificateNo, d.certificateNo);
    assert.equal(cert.hospitalName, '威海市中心医院');
    assert.equal(cert.decidedBy, hospital.displayName);
    await fails(workstationCertificate, mental, { id }, 404);
    const { id: pendingId } = await ok(workstationFile, hospital, await application(hospital, next()));
    await fails(workstationCertificate, hospital, { id: pendingId }, 404);
  });
});
