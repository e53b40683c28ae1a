/**
 * 一站式结算 reads: the list of stays in the caller's scope and one stay with everything the
 * 一单式结算单 prints (person with masked ID and birth year, hospital, every layer's figures, the
 * person's share, the year to date before and after).
 */
import { listStays, stayInScope } from '@/db/queries/settlement';
import { policyById } from '@/db/queries/settlement-policies';
import { maskIdNumber } from '@/lib/domain/id-number';
import { stayIdSchema, stayListSchema } from '@/lib/schemas/settlement';
import { defineOperation, notFound } from '@/lib/server/operation';
import { settlementScope } from './settlement-change';

export const settlementListOp = defineOperation({
  name: 'settlement.list',
  permission: 'settlement.read',
  kind: 'read',
  input: stayListSchema,
  async handler({ user, db }, { page, pageSize, ...filter }) {
    const { data, total } = await listStays(db, settlementScope(user), filter, page, pageSize);
    return {
      total,
      data: data.map((r) => ({
        id: r.stay.id,
        personName: r.personName,
        maskedId: maskIdNumber(r.idNumber),
        birthYear: Number(r.idNumber.slice(6, 10)),
        townName: r.townName,
        hospitalName: r.hospitalName,
        settlementDate: r.stay.settlementDate,
        totalFen: r.stay.totalFen,
        policyRangeFen: r.stay.policyRangeFen,
        assistanceFen: r.stay.assistanceFen + r.stay.reAssistanceFen,
        personFen: r.stay.personFen,
        status: r.stay.status,
        correctedFromId: r.stay.correctedFromId,
      })),
    };
  },
});

export const settlementGetOp = defineOperation({
  name: 'settlement.get',
  permission: 'settlement.read',
  kind: 'read',
  input: stayIdSchema,
  async handler({ user, db }, { id }) {
    const row = await stayInScope(db, settlementScope(user), id);
    if (!row) throw notFound('结算记录');
    const policy = await policyById(db, row.stay.policyId);
    const s = row.stay;
    return {
      id: s.id,
      status: s.status,
      cancelReason: s.cancelReason,
      correctedFromId: s.correctedFromId,
      person: {
        id: s.personId,
        name: row.personName,
        maskedId: maskIdNumber(row.idNumber),
        birthYear: Number(row.idNumber.slice(6, 10)),
        gender: row.gender,
        townName: row.townName,
      },
      hospital: { id: s.hospitalId, name: row.hospitalName, code: row.hospitalCode },
      stay: {
        year: s.year,
        settlementDate: s.settlementDate,
        admissionDate: s.admissionDate,
        totalFen: s.totalFen,
        policyRangeFen: s.policyRangeFen,
        outOfPolicyFen: s.totalFen - s.policyRangeFen,
        level: s.level,
        tier: s.tier,
        referral: s.referral,
        sourceSettlementId: s.sourceSettlementId,
        note: s.note,
      },
      layers: s.detail.layers,
      referralShareFen: s.detail.referralShareFen,
      ytdBefore: s.detail.ytdBefore,
      ytdAfter: s.detail.ytdAfter,
      personFen: s.personFen,
      policy: policy ? { year: policy.year, version: policy.version, docRef: policy.docRef } : null,
      createdAt: s.createdAt.toISOString(),
    };
  },
});
