/**
 * 医疗救助 reads: the list the dashboard's numbers drill into (with its totals over ALL matching
 * rows — see db/queries/assistance.ts for their exact definitions), the people over the annual cap,
 * and the .xlsx export of the list (audited). Scoped by the caller's town / district / area; ID
 * numbers masked, with the birth year beside them.
 */
import {
  assistanceAll,
  assistancePage,
  assistanceTotalsOf,
  peopleOverCap,
  type AssistanceRow,
} from '@/db/queries/assistance';
import { ASSISTANCE_ANNUAL_CAP_FEN, ASSISTANCE_SOURCE_LABELS, MED_TYPE_LABELS } from '@/lib/domain/assistance';
import { birthYearOf, maskIdNumber } from '@/lib/domain/id-number';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { labelOf } from '@/lib/labels';
import { assistanceFilterSchema, assistanceListSchema, capReportSchema } from '@/lib/schemas/assistance';
import { defineOperation } from '@/lib/server/operation';
import { buildXlsx } from '@/lib/server/xlsx';
import { requireAreaScope } from './guards';
import type { XlsxFile } from './imports-report';

/** At most this many rows in one export. */
export const ASSISTANCE_EXPORT_LIMIT = 200_000;

/** A row as shown: the ID number masked, the birth year beside it (never the date). */
function shown(r: AssistanceRow) {
  const { idNumber, birthDate, ...rest } = r;
  return {
    ...rest,
    maskedId: maskIdNumber(idNumber),
    birthYear: birthYearOf(birthDate),
    /** Counts in 人次 and 金额: a settlement no reversal cancelled. */
    stands: r.kind === 'settlement' && r.reversedById == null,
  };
}

/**
 * 医疗救助 list: one page of records, and over ALL matching rows: total (records listed),
 * personTimes (人次: settlements that stand), people (人数: distinct people with one),
 * assistanceFen (their MAF_PAY), inpatientFen + outpatientFen (= assistanceFen).
 */
export const listAssistanceOp = defineOperation({
  name: 'assistance.list',
  permission: 'assistance.read',
  kind: 'read',
  input: assistanceListSchema,
  async handler({ user, db }, q) {
    const scope = requireAreaScope(user);
    const { page, pageSize, ...filter } = q;
    const [rows, totals] = await Promise.all([
      assistancePage(db, scope, filter, page, pageSize),
      assistanceTotalsOf(db, scope, filter),
    ]);
    return { data: rows.map(shown), ...totals, page, pageSize, capFen: ASSISTANCE_ANNUAL_CAP_FEN };
  },
});

/** People whose standing assistance of the year passes the cap: the year's total and the excess. */
export const assistanceCapReportOp = defineOperation({
  name: 'assistance.capReport',
  permission: 'assistance.read',
  kind: 'read',
  input: capReportSchema,
  async handler({ user, db }, { year, townCode }) {
    const scope = requireAreaScope(user);
    const rows = await peopleOverCap(db, scope, year, townCode);
    return {
      year,
      capFen: ASSISTANCE_ANNUAL_CAP_FEN,
      data: rows.map(({ idNumber, birthDate, ...r }) => ({
        ...r,
        maskedId: maskIdNumber(idNumber),
        birthYear: birthYearOf(birthDate),
      })),
    };
  },
});

const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '、');

/** Every record matching the list's filters (not one page) as .xlsx, ID numbers masked; audited. */
export const exportAssistanceOp = defineOperation({
  name: 'assistance.export',
  permission: 'assistance.read',
  kind: 'read', // its only write is the audit row
  input: assistanceFilterSchema,
  async handler({ user, db, audit }, filter): Promise<XlsxFile> {
    const scope = requireAreaScope(user);
    const [rows, totals] = await Promise.all([
      assistanceAll(db, scope, filter, ASSISTANCE_EXPORT_LIMIT),
      assistanceTotalsOf(db, scope, filter),
    ]);
    const state = (r: AssistanceRow) =>
      r.kind === 'reversal' ? `冲销（原结算 ${r.initSettlementId}）` : r.reversedById != null ? '已冲销' : '有效';
    const content = await buildXlsx(
      '医疗救助记录',
      [
        { header: '结算ID（SETL_ID）', width: 22, value: (r) => r.settlementId },
        { header: '状态', width: 18, value: state },
        { header: '姓名（PSN_NAME）', width: 12, value: (r) => r.personName },
        { header: '证件号码（CERTNO）', width: 22, value: (r) => maskIdNumber(r.idNumber) },
        { header: '出生年份', width: 10, value: (r) => birthYearOf(r.birthDate) },
        { header: '镇街', width: 14, value: (r) => r.townName },
        { header: '人员类别', width: 16, value: (r) => (r.category ? labelOf(PERSON_CATEGORIES, r.category) : '') },
        { header: '医疗类别（MED_TYPE）', width: 12, value: (r) => MED_TYPE_LABELS[r.medType] },
        { header: '结算时间（SETL_TIME）', width: 12, value: (r) => r.settlementDate },
        { header: '定点医药机构编号（FIXMEDINS_CODE）', width: 18, value: (r) => r.institutionCode ?? '' },
        { header: '定点医药机构名称（FIXMEDINS_NAME）', width: 24, value: (r) => r.institutionName },
        { header: '医疗费总额（MEDFEE_SUMAMT）', width: 16, value: (r) => formatYuan(r.totalFen) },
        { header: '符合范围金额（INSCP_AMT）', width: 16, value: (r) => formatYuan(r.policyRangeFen) },
        { header: '医疗救助基金支出（MAF_PAY）', width: 16, value: (r) => formatYuan(r.assistanceFen) },
        { header: '超年度上限', width: 10, value: (r) => (r.capExceeded ? '是' : '') },
        { header: '来源', width: 10, value: (r) => ASSISTANCE_SOURCE_LABELS[r.source] },
        { header: '备注', width: 30, value: (r) => r.note ?? '' },
      ],
      rows,
      `合计：${totals.personTimes} 人次（有效结算）、${totals.people} 人，医疗救助 ${formatYuan(totals.assistanceFen)} 元` +
        `（住院 ${formatYuan(totals.inpatientFen)} 元，门诊 ${formatYuan(totals.outpatientFen)} 元）；冲销及被冲销的记录不计入。`,
    );
    await audit({
      action: 'export.assistance',
      entityType: 'assistance_record',
      after: { filters: filter, rows: rows.length },
    });
    const months = filter.monthFrom || filter.monthTo ? `-${filter.monthFrom ?? 1}至${filter.monthTo ?? 12}月` : '';
    return {
      fileName: safeName(`医疗救助记录-${filter.year}${months}.xlsx`),
      asciiName: `assistance-${filter.year}.xlsx`,
      content,
    };
  },
});
