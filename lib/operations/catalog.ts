import {
  allDiseaseVersions,
  diseaseHistory,
  insertDisease,
  insertDiseaseVersion,
  lockDisease,
  type CatalogVersionRow,
} from '@/db/queries/catalog-admin';
import { diseaseOn } from '@/db/queries/catalog';
import type { DiseaseVersion } from '@/db/schema';
import { currentAndNext, versionDateProblem } from '@/lib/domain/catalog';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import {
  catalogQuerySchema,
  diseaseRefSchema,
  diseaseVersionSchema,
  type CatalogQuery,
  type DiseaseVersionInput,
} from '@/lib/schemas/catalog';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

/** What an audit row records about a catalog version. */
function auditView(v: DiseaseVersion) {
  const {
    id,
    effectiveFrom,
    name,
    kind,
    forResident,
    forEmployee,
    reviewExempt,
    validityMonths,
    entryCriteria,
    requiredEvidence,
    active,
  } = v;
  return {
    id,
    effectiveFrom,
    name,
    kind,
    forResident,
    forEmployee,
    reviewExempt,
    validityMonths,
    entryCriteria,
    requiredEvidence,
    active,
  };
}

/** Per disease, the version shown in the list (in force today, else the first scheduled) and the next scheduled date. */
function catalogRows(versions: CatalogVersionRow[], on: string, q: CatalogQuery) {
  const byCode = new Map<string, CatalogVersionRow[]>();
  for (const v of versions) byCode.set(v.diseaseCode, [...(byCode.get(v.diseaseCode) ?? []), v]);
  const needle = q.q?.toUpperCase();
  return [...byCode.values()].flatMap((vs) => {
    const r = currentAndNext(vs, on);
    if (!r) return [];
    const { shown } = r;
    if (needle && !shown.diseaseCode.includes(needle) && !shown.name.toUpperCase().includes(needle)) return [];
    if (q.kind && shown.kind !== q.kind) return [];
    if (q.active !== undefined && shown.active !== q.active) return [];
    return [
      {
        ...shown,
        code: shown.diseaseCode,
        inForce: r.inForce,
        nextFrom: r.next?.effectiveFrom ?? null,
        versionCount: vs.length,
      },
    ];
  });
}

export type CatalogRow = ReturnType<typeof catalogRows>[number];

export const listCatalogOp = defineOperation({
  name: 'catalog.list',
  permission: 'catalog.manage',
  kind: 'read',
  input: catalogQuerySchema,
  handler: async ({ db }, q) => ({
    today: shanghaiDate(),
    data: catalogRows(await allDiseaseVersions(db), shanghaiDate(), q),
  }),
});

export const diseaseHistoryOp = defineOperation({
  name: 'catalog.history',
  permission: 'catalog.manage',
  kind: 'read',
  input: diseaseRefSchema,
  async handler({ db }, { code }) {
    const versions = await diseaseHistory(db, code);
    if (versions.length === 0) throw notFound('病种');
    return versions;
  },
});

const versionValues = ({ code, ...v }: DiseaseVersionInput, createdBy: number) => ({
  ...v,
  diseaseCode: code,
  createdBy,
});

export const createDiseaseOp = defineOperation({
  name: 'catalog.create',
  permission: 'catalog.manage',
  kind: 'write',
  input: diseaseVersionSchema,
  async handler({ user, db, audit }, input) {
    const problem = versionDateProblem(input.effectiveFrom, shanghaiDate(), []);
    if (problem) throw new OperationError(400, problem.message);
    if (!(await insertDisease(db, input.code)))
      throw new OperationError(409, `病种编码 ${input.code} 已存在；修改已有病种请新增版本`);
    const version = await insertDiseaseVersion(db, versionValues(input, user.id));
    await audit({ action: 'disease.create', entityType: 'disease', entityId: input.code, after: auditView(version) });
    return version;
  },
});

export const addDiseaseVersionOp = defineOperation({
  name: 'catalog.addVersion',
  permission: 'catalog.manage',
  kind: 'write',
  input: diseaseVersionSchema,
  async handler({ user, db, audit }, input) {
    if (!(await lockDisease(db, input.code))) throw notFound('病种');
    const existing = await diseaseHistory(db, input.code);
    const problem = versionDateProblem(
      input.effectiveFrom,
      shanghaiDate(),
      existing.map((v) => v.effectiveFrom),
    );
    if (problem) throw new OperationError(problem.kind === 'duplicate' ? 409 : 400, problem.message);
    const superseded = await diseaseOn(db, input.code, input.effectiveFrom);
    const version = await insertDiseaseVersion(db, versionValues(input, user.id));
    await audit({
      action: 'disease.version',
      entityType: 'disease',
      entityId: input.code,
      before: superseded ? auditView(superseded) : null,
      after: auditView(version),
    });
    return version;
  },
});

/** Every catalog operation, for ALL_OPERATIONS. */
export const catalogOperations = [listCatalogOp, diseaseHistoryOp, createDiseaseOp, addDiseaseVersionOp];
