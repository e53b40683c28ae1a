import { z } from 'zod';
import { insertFiling } from '@/db/queries/certification-writes';
import { cardCertifications } from '@/db/queries/workstation-card';
import {
  enrollmentIn,
  findPersonByIdNumber,
  findPersonTown,
  getCertificate,
  getWorkstationHome,
  listFilings,
} from '@/db/queries/workstation';
import { maskIdNumber, validateIdNumber } from '@/lib/domain/id-number';
import { certIdSchema, fileApplicationSchema, filingsQuerySchema, lookupSchema } from '@/lib/schemas/workstation';
import { issueLookupToken } from '@/lib/server/lookup-token';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import {
  ageOn,
  assertNoActiveDuplicate,
  assertNoPendingDuplicate,
  delegatedVersion,
  eligibleEnrollment,
  filingPerson,
  requireHospitalScope,
  ruleInputs,
} from './workstation-rules';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { isUniqueViolation } from '@/lib/server/pg-errors';

export const workstationHome = defineOperation({
  name: 'workstation.home',
  permission: 'workstation.use',
  kind: 'read',
  input: z.object({}),
  async handler({ user, db }) {
    const home = await getWorkstationHome(db, requireHospitalScope(user), shanghaiDate());
    if (!home) throw notFound('医院');
    return home;
  },
});

/**
 * Finds one person by exact ID number (no name search, no browsing) and returns only what the
 * counter needs: masked ID, age, gender, this year's enrollment, the certifications held and this
 * hospital's own applications — and the lookup token the filing for this person must carry
 * (30 minutes, this user and hospital only). A number not in the registry is audited too.
 */
export const workstationLookup = defineOperation({
  name: 'workstation.lookup',
  permission: 'workstation.use',
  kind: 'read', // its only write is the audit row: one statement, no transaction needed
  input: lookupSchema,
  async handler({ user, db, audit }, { idNumber }) {
    const scope = requireHospitalScope(user);
    const checked = validateIdNumber(idNumber);
    if (!checked.ok)
      throw new OperationError(400, checked.code === 'empty' ? '请输入身份证号' : `身份证号${checked.message}`);
    const person = await findPersonByIdNumber(db, checked.id);
    if (!person) {
      throw new OperationError(404, '未找到该身份证号的参保人员', {
        action: 'workstation.lookup_not_found',
        entityType: 'person',
        after: { maskedId: maskIdNumber(checked.id) },
      });
    }
    const today = shanghaiDate();
    const [enrollment, held] = await Promise.all([
      enrollmentIn(db, person.id, Number(today.slice(0, 4))),
      cardCertifications(db, scope, person.id, today),
      audit({ action: 'workstation.lookup', entityType: 'person', entityId: person.id, personId: person.id }),
    ]);
    return {
      id: person.id,
      name: person.name,
      maskedId: maskIdNumber(person.idNumber),
      age: ageOn(person.birthDate, today),
      gender: person.gender as 'M' | 'F',
      enrollment,
      certifications: held,
      lookupToken: issueLookupToken({ userId: user.id, hospitalId: scope.hospitalId, personId: person.id }),
    };
  },
});
export type PersonCard = Extract<Awaited<ReturnType<typeof workstationLookup.run>>, { ok: true }>['data'];

/**
 * Files an application (pending) for a delegated, active disease for an eligible person: the
 * person of the caller's lookup token (see filingPerson), never one named by the request.
 */
export const workstationFile = defineOperation({
  name: 'workstation.file',
  permission: 'workstation.use',
  kind: 'write',
  input: fileApplicationSchema,
  async handler({ user, db, audit }, filing) {
    const scope = requireHospitalScope(user);
    const personId = filingPerson(user, scope, filing); // first: a refused filing learns nothing more
    const { lookupToken: _token, personId: _sent, ...input } = filing;
    const today = shanghaiDate();
    if (input.diagnosisDate > today) throw new OperationError(400, '诊断日期不能晚于今天');
    const [rules, person] = await Promise.all([
      ruleInputs(db, scope, personId, input.diseaseCode, today),
      findPersonTown(db, personId),
    ]);
    const version = delegatedVersion(rules);
    if (!person) throw notFound('人员');
    const enrollment = eligibleEnrollment(rules, version);
    assertNoActiveDuplicate(rules, today);
    assertNoPendingDuplicate(rules, scope.hospitalId);
    const row = await insertFiling(db, {
      ...input,
      personId: person.id,
      townCode: person.townCode,
      hospitalId: scope.hospitalId,
      diseaseVersionId: version.id,
      scheme: enrollment.scheme,
      filedBy: user.id,
    }).catch((err: unknown) => {
      // The same application filed twice at once (a double submit): the unique index keeps one.
      if (isUniqueViolation(err)) throw new OperationError(409, '该人员的同一病种申请刚刚已提交，请勿重复提交');
      throw err;
    });
    await audit({
      action: 'certification.file',
      entityType: 'certification',
      entityId: row.id,
      personId: person.id,
      after: row,
    });
    return { id: row.id, filedAt: row.filedAt };
  },
});

/** The hospital's own applications, newest first. */
export const workstationFilings = defineOperation({
  name: 'workstation.filings',
  permission: 'workstation.use',
  kind: 'read',
  input: filingsQuerySchema,
  handler: ({ user, db }, q) => listFilings(db, requireHospitalScope(user), q),
});

/** 认定结果告知单 of an approved (or since revoked) application of the hospital. */
export const workstationCertificate = defineOperation({
  name: 'workstation.certificate',
  permission: 'workstation.use',
  kind: 'read',
  input: certIdSchema,
  async handler({ user, db }, { id }) {
    const certificate = await getCertificate(db, requireHospitalScope(user), id);
    if (!certificate) throw notFound('认定结果');
    return certificate;
  },
});
