/**
 * 一站式结算 operations: the person's year (look-up by exact ID number), the preview of a new stay,
 * a correction or a cancellation (the difference every later stay of the year would see), and the
 * three writes, each in one transaction with an audit row. Rules: lib/domain/settlement*.ts.
 */
import { importedSettlementsOf, residentTierOf, savedStaysOfYear, settlementHospitals } from '@/db/queries/settlement';
import { emptyYearToDate, type YearToDate } from '@/lib/domain/settlement';
import { maskIdNumber } from '@/lib/domain/id-number';
import {
  personYearSchema,
  stayCancelSchema,
  stayCorrectSchema,
  stayInputSchema,
  stayPreviewSchema,
} from '@/lib/schemas/settlement';
import { defineOperation } from '@/lib/server/operation';
import { auditChanges, resolvePerson, runChange, settlementScope } from './settlement-change';

/**
 * The person of an exact ID number and their year: masked ID and birth year, the year's tier, the
 * year to date of the saved stays (every hospital's, as figures), the stays the caller may open,
 * the imported 住院 settlements to pick from and the hospitals to settle at. Audited.
 */
export const settlementPersonOp = defineOperation({
  name: 'settlement.person',
  permission: 'settlement.read',
  kind: 'read',
  input: personYearSchema,
  async handler({ user, db, audit }, { idNumber, year }) {
    const scope = settlementScope(user);
    const person = await resolvePerson(db, scope, idNumber);
    const [saved, tier, imported, hospitals] = await Promise.all([
      savedStaysOfYear(db, person.id, year),
      residentTierOf(db, person.id, year),
      importedSettlementsOf(db, scope, person.id, year),
      settlementHospitals(db, scope),
    ]);
    await audit({ action: 'settlement.lookup', entityType: 'person', entityId: person.id, personId: person.id });
    const last = saved.at(-1);
    const ytd: YearToDate = last ? last.stay.detail.ytdAfter : emptyYearToDate();
    const own = (hospitalId: number) => scope.level !== 'hospital' || hospitalId === scope.hospitalId;
    return {
      person: {
        id: person.id,
        name: person.name,
        maskedId: maskIdNumber(person.idNumber),
        birthYear: Number(person.idNumber.slice(6, 10)),
      },
      year,
      tier,
      ytd,
      stays: saved.map(({ stay, hospitalName }) =>
        own(stay.hospitalId)
          ? {
              id: stay.id as number | null,
              date: stay.settlementDate,
              hospitalName,
              totalFen: stay.totalFen,
              personFen: stay.personFen,
            }
          : {
              id: null,
              date: stay.settlementDate,
              hospitalName: '其他医疗机构',
              totalFen: stay.totalFen,
              personFen: stay.personFen,
            },
      ),
      imported: imported.map((r) => ({
        ...r,
        hospitalLevel: r.hospitalLevel ? Number(r.hospitalLevel.slice(-1)) : null,
      })),
      hospitals: hospitals.map((h) => ({ ...h, levelNo: Number(h.level.slice(-1)) as 1 | 2 | 3 })),
    };
  },
});

/** The result of a new stay, a correction or a cancellation and the difference for the year — nothing written. */
export const settlementPreviewOp = defineOperation({
  name: 'settlement.preview',
  permission: 'settlement.write',
  kind: 'read',
  input: stayPreviewSchema,
  async handler({ user, db }, input) {
    return (await runChange(db, user, input, false)).view;
  },
});

export const settlementSaveOp = defineOperation({
  name: 'settlement.save',
  permission: 'settlement.write',
  kind: 'write',
  input: stayInputSchema,
  async handler({ user, db, audit }, input) {
    const { view, newId, updated } = await runChange(db, user, { kind: 'save', stay: input }, true);
    await audit({
      action: 'settlement.save',
      entityType: 'settlement_stay',
      entityId: newId!,
      personId: view.person.id,
      after: {
        ...input,
        idNumber: view.person.maskedId,
        amounts: view.result?.amounts,
        personFen: view.result?.personFen,
      },
    });
    if (updated.length > 0)
      await audit({
        action: 'settlement.recompute',
        entityType: 'settlement_stay',
        entityId: newId!,
        personId: view.person.id,
        after: { cause: 'save', stays: auditChanges(view) },
      });
    return { id: newId!, updated, result: view.result };
  },
});

export const settlementCorrectOp = defineOperation({
  name: 'settlement.correct',
  permission: 'settlement.write',
  kind: 'write',
  input: stayCorrectSchema,
  async handler({ user, db, audit }, input) {
    const { view, newId, updated, originalId, before } = await runChange(
      db,
      user,
      { kind: 'correct', stay: input },
      true,
    );
    await audit({
      action: 'settlement.correct',
      entityType: 'settlement_stay',
      entityId: originalId!,
      personId: view.person.id,
      before,
      after: { ...input, newId, reason: input.reason, stays: auditChanges(view) },
    });
    return { id: newId!, updated, result: view.result };
  },
});

export const settlementCancelOp = defineOperation({
  name: 'settlement.cancel',
  permission: 'settlement.write',
  kind: 'write',
  input: stayCancelSchema,
  async handler({ user, db, audit }, input) {
    const { view, updated, before } = await runChange(db, user, { kind: 'cancel', stay: input }, true);
    await audit({
      action: 'settlement.cancel',
      entityType: 'settlement_stay',
      entityId: input.id,
      personId: view.person.id,
      before: { ...before, status: 'saved' },
      after: { status: 'cancelled', reason: input.reason, stays: auditChanges(view) },
    });
    return { id: input.id, updated };
  },
});
