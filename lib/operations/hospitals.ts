import type { Executor } from '@/db';
import { catalogOn, diseaseOn } from '@/db/queries/catalog';
import {
  getHospital,
  hospitalCodeTaken,
  hospitalDelegations,
  deleteDelegation,
  insertDelegation,
  insertHospital,
  listHospitals,
  setDelegationEnd,
  updateHospital,
} from '@/db/queries/hospitals-admin';
import { districtExists } from '@/db/queries/users';
import type { Hospital } from '@/db/schema';
import {
  delegationCancelProblem,
  delegationEndProblem,
  delegationGrantProblem,
  hospitalAreaCode,
} from '@/lib/domain/catalog';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import {
  createHospitalSchema,
  cancelDelegationSchema,
  endDelegationSchema,
  grantDelegationSchema,
  hospitalQuerySchema,
  hospitalRefSchema,
  setHospitalActiveSchema,
  updateHospitalSchema,
  type HospitalInput,
} from '@/lib/schemas/catalog';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

const auditView = ({ code, name, level, districtCode, active }: Hospital) => ({
  code,
  name,
  level,
  districtCode,
  active,
});

/** The code is unique, and its area part names a district of the pooling area (which becomes the hospital's district). */
async function checkedValues(db: Executor, input: HospitalInput, exceptId?: number) {
  const districtCode = hospitalAreaCode(input.code);
  if (!(await districtExists(db, districtCode))) {
    throw new OperationError(400, `医疗机构编码中的地区代码 ${districtCode} 不是本统筹区的区县，请核对编码`);
  }
  if (await hospitalCodeTaken(db, input.code, exceptId))
    throw new OperationError(409, `医疗机构编码 ${input.code} 已被其他医院使用`);
  return { ...input, districtCode };
}

async function lockedHospital(db: Executor, id: number) {
  const hospital = await getHospital(db, id, { forUpdate: true });
  if (!hospital) throw notFound('医院');
  return hospital;
}

/** One delegation, identified by hospital, disease and start day, with its hospital locked; otherwise 404. */
async function lockedDelegation(
  db: Executor,
  { hospitalId, diseaseCode, validFrom }: { hospitalId: number; diseaseCode: string; validFrom: string },
) {
  await lockedHospital(db, hospitalId);
  const delegation = (await hospitalDelegations(db, hospitalId, diseaseCode)).find((d) => d.validFrom === validFrom);
  if (!delegation) throw notFound('授权记录');
  return delegation;
}

export const listHospitalsOp = defineOperation({
  name: 'hospitals.list',
  permission: 'catalog.manage',
  kind: 'read',
  input: hospitalQuerySchema,
  handler: ({ db }, q) => listHospitals(db, q, shanghaiDate()),
});

export const getHospitalOp = defineOperation({
  name: 'hospitals.get',
  permission: 'catalog.manage',
  kind: 'read',
  input: hospitalRefSchema,
  async handler({ db }, { id }) {
    const hospital = await getHospital(db, id);
    if (!hospital) throw notFound('医院');
    const on = shanghaiDate();
    const delegations = await hospitalDelegations(db, id);
    const names = new Map(
      (await catalogOn(db, on, [...new Set(delegations.map((d) => d.diseaseCode))])).map((v) => [
        v.diseaseCode,
        v.name,
      ]),
    );
    return {
      today: on,
      hospital,
      delegations: delegations.map((d) => ({ ...d, diseaseName: names.get(d.diseaseCode) ?? null })),
    };
  },
});

export const createHospitalOp = defineOperation({
  name: 'hospitals.create',
  permission: 'catalog.manage',
  kind: 'write',
  input: createHospitalSchema,
  async handler({ db, audit }, input) {
    const created = await insertHospital(db, await checkedValues(db, input));
    if (!created) throw new OperationError(409, `医疗机构编码 ${input.code} 已被其他医院使用`);
    await audit({ action: 'hospital.create', entityType: 'hospital', entityId: created.id, after: auditView(created) });
    return created;
  },
});

export const updateHospitalOp = defineOperation({
  name: 'hospitals.update',
  permission: 'catalog.manage',
  kind: 'write',
  input: updateHospitalSchema,
  async handler({ db, audit }, { id, ...input }) {
    const before = await lockedHospital(db, id);
    const updated = await updateHospital(db, id, await checkedValues(db, input, id));
    await audit({
      action: 'hospital.update',
      entityType: 'hospital',
      entityId: id,
      before: auditView(before),
      after: auditView(updated),
    });
    return updated;
  },
});

export const setHospitalActiveOp = defineOperation({
  name: 'hospitals.setActive',
  permission: 'catalog.manage',
  kind: 'write',
  input: setHospitalActiveSchema,
  async handler({ db, audit }, { id, active }) {
    const before = await lockedHospital(db, id);
    if (before.active === active) return before;
    const updated = await updateHospital(db, id, { active });
    await audit({
      action: 'hospital.update',
      entityType: 'hospital',
      entityId: id,
      before: { active: before.active },
      after: { active: updated.active },
    });
    return updated;
  },
});

export const grantDelegationOp = defineOperation({
  name: 'delegations.grant',
  permission: 'catalog.manage',
  kind: 'write',
  input: grantDelegationSchema,
  async handler({ db, audit }, { hospitalId, diseaseCode, validFrom, validTo }) {
    const hospital = await lockedHospital(db, hospitalId);
    if (!hospital.active) throw new OperationError(409, `${hospital.name}已停用，不能新增授权`);
    const disease = await diseaseOn(db, diseaseCode, validFrom);
    if (!disease?.active)
      throw new OperationError(400, `病种 ${diseaseCode} 在 ${validFrom} 不在目录中或已停用，不能授权`);
    const problem = delegationGrantProblem(
      await hospitalDelegations(db, hospitalId, diseaseCode),
      { validFrom, validTo },
      shanghaiDate(),
    );
    if (problem) throw new OperationError(problem.kind === 'overlap' ? 409 : 400, problem.message);
    const row = await insertDelegation(db, { hospitalId, diseaseCode, validFrom, validTo });
    await audit({
      action: 'delegation.grant',
      entityType: 'hospital',
      entityId: hospitalId,
      after: { diseaseCode, diseaseName: disease.name, validFrom: row.validFrom, validTo: row.validTo },
    });
    return row;
  },
});

export const endDelegationOp = defineOperation({
  name: 'delegations.end',
  permission: 'catalog.manage',
  kind: 'write',
  input: endDelegationSchema,
  async handler({ db, audit }, { hospitalId, diseaseCode, validFrom, validTo }) {
    const delegation = await lockedDelegation(db, { hospitalId, diseaseCode, validFrom });
    const problem = delegationEndProblem(delegation, validTo, shanghaiDate());
    if (problem) throw new OperationError(400, problem);
    const row = await setDelegationEnd(db, { hospitalId, diseaseCode, validFrom }, validTo);
    await audit({
      action: 'delegation.end',
      entityType: 'hospital',
      entityId: hospitalId,
      before: delegation,
      after: row,
    });
    return row;
  },
});

/** Cancels a delegation that has not started yet (it is deleted; the audit row keeps it). */
export const cancelDelegationOp = defineOperation({
  name: 'delegations.cancel',
  permission: 'catalog.manage',
  kind: 'write',
  input: cancelDelegationSchema,
  async handler({ db, audit }, key) {
    const delegation = await lockedDelegation(db, key);
    const problem = delegationCancelProblem(delegation, shanghaiDate());
    if (problem) throw new OperationError(409, problem);
    await deleteDelegation(db, key);
    await audit({ action: 'delegation.cancel', entityType: 'hospital', entityId: key.hospitalId, before: delegation });
    return key;
  },
});

/** Every hospital and delegation operation, for ALL_OPERATIONS. */
export const hospitalOperations = [
  listHospitalsOp,
  getHospitalOp,
  createHospitalOp,
  updateHospitalOp,
  setHospitalActiveOp,
  grantDelegationOp,
  endDelegationOp,
  cancelDelegationOp,
];
