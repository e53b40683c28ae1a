/** 资助标准 (policy data, admin): contribution standards by year and subsidy rules by year × category, as dated versions. */
import {
  allContributionVersions,
  allRuleVersions,
  contributionOn,
  insertContributionVersion,
  insertRuleVersion,
  lockStandardsYear,
  rulesOn,
} from '@/db/queries/subsidy-standards';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { defineOperation, OperationError } from '@/lib/server/operation';
import { contributionVersionSchema, ruleVersionSchema, yearQuerySchema } from '@/lib/schemas/subsidies';

/** Every version of the standards and rules; those in force today (per year, per category) are marked. */
export const listSubsidyStandardsOp = defineOperation({
  name: 'subsidyStandards.list',
  permission: 'subsidy.read',
  kind: 'read',
  input: yearQuerySchema,
  async handler({ db }, { year }) {
    const today = shanghaiDate();
    const [contributions, rules] = await Promise.all([allContributionVersions(db), allRuleVersions(db)]);
    const inForce = new Set<number>();
    const ruleInForce = new Set<number>();
    for (const y of new Set(contributions.map((c) => c.standard.year))) {
      const c = await contributionOn(db, y, today);
      if (c) inForce.add(c.id);
      for (const r of await rulesOn(db, y, today)) ruleInForce.add(r.id);
    }
    const keep = <T extends { year: number }>(v: T) => year === undefined || v.year === year;
    return {
      today,
      contributions: contributions
        .filter((c) => keep(c.standard))
        .map((c) => ({ ...c.standard, createdByName: c.createdByName, inForce: inForce.has(c.standard.id) })),
      rules: rules
        .filter((r) => keep(r.rule))
        .map((r) => ({ ...r.rule, createdByName: r.createdByName, inForce: ruleInForce.has(r.rule.id) })),
    };
  },
});

const duplicate = () => new OperationError(409, '该年度在这一生效日期已有版本；变更请以新的生效日期新增版本');

export const addContributionVersionOp = defineOperation({
  name: 'subsidyStandards.addContribution',
  permission: 'policy.manage',
  kind: 'write',
  input: contributionVersionSchema,
  async handler({ user, db, audit }, v) {
    await lockStandardsYear(db, v.year);
    const before = await contributionOn(db, v.year, v.effectiveFrom);
    const row = await insertContributionVersion(db, {
      year: v.year,
      effectiveFrom: v.effectiveFrom,
      tier1AdultFen: v.tier1Adult,
      tier1MinorFen: v.tier1Minor,
      tier1StudentFen: v.tier1Student,
      tier2AdultFen: v.tier2Adult,
      tier2MinorFen: v.tier2Minor,
      tier2StudentFen: v.tier2Student,
      collectionFrom: v.collectionFrom,
      collectionTo: v.collectionTo,
      docRef: v.docRef,
      createdBy: user.id,
    });
    if (!row) throw duplicate();
    await audit({
      action: 'subsidy.standard_version',
      entityType: 'contribution_standard',
      entityId: row.id,
      before,
      after: row,
    });
    return row;
  },
});

export const addRuleVersionOp = defineOperation({
  name: 'subsidyStandards.addRule',
  permission: 'policy.manage',
  kind: 'write',
  input: ruleVersionSchema,
  async handler({ user, db, audit }, v) {
    await lockStandardsYear(db, v.year);
    const standard = await contributionOn(db, v.year, v.effectiveFrom);
    if (!standard)
      throw new OperationError(400, `${v.year} 年度在 ${v.effectiveFrom} 还没有个人缴费标准，请先新增缴费标准`);
    const before = (await rulesOn(db, v.year, v.effectiveFrom)).find((r) => r.category === v.category) ?? null;
    const row = await insertRuleVersion(db, {
      year: v.year,
      category: v.category,
      effectiveFrom: v.effectiveFrom,
      kind: v.kind,
      amountFen: v.kind === 'fixed' ? v.amount! : null,
      docRef: v.docRef,
      createdBy: user.id,
    });
    if (!row) throw duplicate();
    await audit({ action: 'subsidy.rule_version', entityType: 'subsidy_rule', entityId: row.id, before, after: row });
    return row;
  },
});

export const subsidyStandardOperations = [listSubsidyStandardsOp, addContributionVersionOp, addRuleVersionOp];
