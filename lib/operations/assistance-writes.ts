/**
 * 医疗救助 by agency staff: 新增 (manual entry), 更正 (correction) and 冲销 (reversal by hand). Each
 * in one transaction with an audit row (before/after); each re-checks the annual cap of the
 * person's year(s) touched (flagged, never cut). Only records in the caller's scope; a record
 * that no longer stands (reversed, or itself a reversal) cannot be corrected or reversed.
 */
import crypto from 'node:crypto';
import { assistanceRecordInScope } from '@/db/queries/assistance';
import {
  assignManualSettlementId,
  categoriesOf,
  insertRecords,
  markReversed,
  peopleByIdNumbers,
  recheckCaps,
  recordsBySettlementIds,
  updateRecord,
  type StoredRecord,
} from '@/db/queries/assistance-writes';
import { inScope } from '@/lib/auth/permissions';
import { yearOfDate } from '@/lib/domain/assistance';
import { maskIdNumber, validateIdNumber } from '@/lib/domain/id-number';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { assistanceCreateSchema, assistanceReverseSchema, assistanceUpdateSchema } from '@/lib/schemas/assistance';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import { requireAreaScope } from './guards';

/** What the audit row keeps of a record (no ID number). */
const auditView = (r: StoredRecord) => ({
  settlementId: r.settlementId,
  kind: r.kind,
  personId: r.personId,
  year: r.year,
  settlementDate: r.settlementDate,
  medType: r.medType,
  institutionCode: r.institutionCode,
  institutionName: r.institutionName,
  totalFen: r.totalFen,
  policyRangeFen: r.policyRangeFen,
  assistanceFen: r.assistanceFen,
  capExceeded: r.capExceeded,
  category: r.category,
  note: r.note,
});

/** The cap state of a record after the re-check, with the part beyond the cap. */
function capOf(flags: Awaited<ReturnType<typeof recheckCaps>>, id: number) {
  const f = flags.find((x) => x.id === id);
  return { capExceeded: f != null, excessFen: f?.excessFen ?? 0 };
}

export const createAssistanceOp = defineOperation({
  name: 'assistance.create',
  permission: 'assistance.write',
  kind: 'write',
  input: assistanceCreateSchema,
  async handler({ user, db, audit }, input) {
    const scope = requireAreaScope(user);
    const id = validateIdNumber(input.idNumber);
    if (!id.ok) throw new OperationError(400, `证件号码有误：${id.message}`);
    const person = (await peopleByIdNumbers(db, [id.id])).get(id.id);
    if (!person || !inScope(scope, { townCode: person.townCode, districtCode: person.districtCode }))
      throw new OperationError(404, '参保登记中没有这个证件号码的人员，或该人员不在您的管辖范围内');
    if (input.settlementId && (await recordsBySettlementIds(db, [input.settlementId])).size > 0)
      throw new OperationError(409, `结算ID ${input.settlementId} 已有记录，不能重复录入`);
    const year = yearOfDate(input.settlementDate);
    const category = (await categoriesOf(db, [{ personId: person.id, year }])).of(person.id, year);
    const placeholder = input.settlementId ?? `MAN-tmp-${crypto.randomUUID().slice(0, 24)}`;
    const ids = await insertRecords(db, [
      {
        settlementId: placeholder,
        personId: person.id,
        townCode: person.townCode,
        category,
        year,
        settlementDate: input.settlementDate,
        medType: input.medType,
        institutionCode: input.institutionCode ?? null,
        institutionName: input.institutionName,
        totalFen: input.totalYuan,
        policyRangeFen: input.policyRangeYuan,
        assistanceFen: input.assistanceYuan,
        source: 'manual',
        note: input.note ?? null,
        createdBy: user.id,
        updatedBy: user.id,
      },
    ]);
    const recordId = ids.get(placeholder)!;
    const record = input.settlementId ? null : await assignManualSettlementId(db, recordId);
    const cap = capOf(await recheckCaps(db, [{ personId: person.id, year }]), recordId);
    const settlementId = record?.settlementId ?? placeholder;
    await audit({
      action: 'assistance.create',
      entityType: 'assistance_record',
      entityId: recordId,
      personId: person.id,
      after: { ...input, idNumber: maskIdNumber(id.id), settlementId, ...cap },
    });
    return { id: recordId, settlementId, ...cap };
  },
});

/** A record the caller may change: in scope, a settlement that stands. */
async function standingRecord(
  db: Parameters<typeof assistanceRecordInScope>[0],
  scope: ReturnType<typeof requireAreaScope>,
  id: number,
  what: string,
) {
  const record = await assistanceRecordInScope(db, scope, id);
  if (!record) throw notFound('救助记录');
  if (record.kind === 'reversal') throw new OperationError(409, `冲销记录不能${what}`);
  if (record.reversedById != null) throw new OperationError(409, `该记录已被冲销，不能${what}`);
  return record;
}

export const updateAssistanceOp = defineOperation({
  name: 'assistance.update',
  permission: 'assistance.write',
  kind: 'write',
  input: assistanceUpdateSchema,
  async handler({ user, db, audit }, input) {
    const scope = requireAreaScope(user);
    const before = await standingRecord(db, scope, input.id, '更正');
    const year = yearOfDate(input.settlementDate);
    const category =
      year === before.year
        ? before.category
        : (await categoriesOf(db, [{ personId: before.personId, year }])).of(before.personId, year);
    const after = await updateRecord(db, before.id, {
      year,
      category,
      settlementDate: input.settlementDate,
      medType: input.medType,
      institutionCode: input.institutionCode ?? null,
      institutionName: input.institutionName,
      totalFen: input.totalYuan,
      policyRangeFen: input.policyRangeYuan,
      assistanceFen: input.assistanceYuan,
      note: input.note ?? null,
      updatedBy: user.id,
    });
    const flags = await recheckCaps(db, [
      { personId: before.personId, year },
      { personId: before.personId, year: before.year },
    ]);
    const cap = capOf(flags, before.id);
    await audit({
      action: 'assistance.update',
      entityType: 'assistance_record',
      entityId: before.id,
      personId: before.personId,
      before: auditView(before),
      after: {
        ...auditView({ ...after, capExceeded: cap.capExceeded }),
        reason: input.reason,
        excessFen: cap.excessFen,
      },
    });
    return { id: before.id, settlementId: before.settlementId, ...cap };
  },
});

export const reverseAssistanceOp = defineOperation({
  name: 'assistance.reverse',
  permission: 'assistance.write',
  kind: 'write',
  input: assistanceReverseSchema,
  async handler({ user, db, audit }, { id, reason }) {
    const scope = requireAreaScope(user);
    const original = await standingRecord(db, scope, id, '冲销');
    const today = shanghaiDate();
    const placeholder = `MAN-tmp-${crypto.randomUUID().slice(0, 24)}`;
    const ids = await insertRecords(db, [
      {
        settlementId: placeholder,
        kind: 'reversal',
        initSettlementId: original.settlementId,
        personId: original.personId,
        townCode: original.townCode,
        category: original.category,
        year: yearOfDate(today),
        settlementDate: today,
        medType: original.medType,
        institutionCode: original.institutionCode,
        institutionName: original.institutionName,
        totalFen: -original.totalFen,
        policyRangeFen: -original.policyRangeFen,
        assistanceFen: -original.assistanceFen,
        source: 'manual',
        note: reason,
        createdBy: user.id,
        updatedBy: user.id,
      },
    ]);
    const reversalId = ids.get(placeholder)!;
    const reversal = await assignManualSettlementId(db, reversalId);
    if ((await markReversed(db, [{ originalId: original.id, reversalId }])) !== 1)
      throw new OperationError(409, '该记录已被冲销，不能重复冲销');
    await recheckCaps(db, [{ personId: original.personId, year: original.year }]);
    await audit({
      action: 'assistance.reverse',
      entityType: 'assistance_record',
      entityId: original.id,
      personId: original.personId,
      before: auditView(original),
      after: { reversedBy: reversal.settlementId, reversalId, reason },
    });
    return { id: original.id, reversalId, reversalSettlementId: reversal.settlementId };
  },
});
