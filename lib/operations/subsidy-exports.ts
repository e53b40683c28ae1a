/**
 * Exports for the finance and tax bureaus (.xlsx), headed with the national platform's names of
 * RSDT_PSN_CLCT_DETL_D (居民人员缴费明细表) where one exists. ID numbers are masked except in the
 * tax bureau's export, which needs them whole; every export is audited.
 */
import { batchLines, getBatch } from '@/db/queries/subsidy-batches';
import { listRefunds } from '@/db/queries/subsidy-refunds';
import { PERSON_CATEGORIES, POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { birthYearOf, maskIdNumber } from '@/lib/domain/id-number';
import {
  labelOf,
  LINE_KIND_LABELS,
  PAID_STATUS_LABELS,
  REFUND_STATUS_LABELS,
  SETTLEMENT_LABELS,
  TIER_LABELS,
} from '@/lib/labels';
import { defineOperation, notFound, type OperationContext } from '@/lib/server/operation';
import { buildXlsx, type SheetColumn } from '@/lib/server/xlsx';
import { batchIdSchema, refundListSchema } from '@/lib/schemas/subsidies';
import { z } from 'zod';
import { requireAreaScope } from './guards';

const yuan = (fen: number) => (fen / 100).toFixed(2);
const LIMIT = 500_000;

const exportBatchSchema = batchIdSchema.extend({
  part: z.enum(['all', 'adjustments']).default('all'),
});

type LineRow = Awaited<ReturnType<typeof batchLines>>['rows'][number];

/** The columns both batch exports share; `idOf` decides whether the ID number is whole or masked. */
function lineColumns(batchId: number, year: number, idOf: (r: LineRow) => string): SheetColumn<LineRow>[] {
  return [
    {
      header: '居民缴费明细ID（RSDT_CLCT_DETL_ID）',
      width: 14,
      value: (r) => `ZZ${year}${String(r.id).padStart(9, '0')}`,
    },
    { header: '计划执行批次号（PLAN_BCHNO）', width: 12, value: () => batchId },
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '证件号码', width: 22, value: idOf },
    { header: '镇街', width: 14, value: (r) => r.town_name },
    { header: '险种类型（INSUTYPE）', width: 12, value: () => '390 城乡居民基本医疗保险' },
    { header: '人员类别（PSN_TYPE）', width: 16, value: (r) => labelOf(PERSON_CATEGORIES, r.category) },
    { header: '名单来源', width: 16, value: (r) => labelOf(POVERTY_SOURCE_LABELS, r.source) },
    { header: '缴费档次', width: 8, value: (r) => labelOf(TIER_LABELS, r.tier) },
    { header: '费款所属期（CASHYM）', width: 10, value: () => `${year}01` },
    { header: '对应费款所属期起始（ACCRYM_BEGN）', width: 10, value: () => `${year}01` },
    { header: '对应费款所属期结束（ACCRYM_END）', width: 10, value: () => `${year}12` },
    { header: '个人缴费金额（PSN_CLCT_AMT）', width: 12, value: (r) => yuan(r.contribution_fen) },
    { header: '财政补助金额（FINSUBS_AMT）', width: 12, value: (r) => yuan(r.amount_fen) },
    { header: '明细类型', width: 10, value: (r) => labelOf(LINE_KIND_LABELS, r.kind) },
    {
      header: '原居民缴费明细ID（INIT_RSDT_CLCT_DETL_ID）',
      width: 14,
      value: (r) => (r.ref_line_id ? `ZZ${year}${String(r.ref_line_id).padStart(9, '0')}` : ''),
    },
    { header: '结算方式', width: 14, value: (r) => labelOf(SETTLEMENT_LABELS, r.settlement) },
    { header: '缴费状态', width: 10, value: (r) => labelOf(PAID_STATUS_LABELS, r.paid_status) },
  ];
}

async function batchExport(ctx: OperationContext, id: number, part: 'all' | 'adjustments', tax: boolean) {
  const { user, db, audit } = ctx;
  const scope = requireAreaScope(user);
  const batch = await getBatch(db, scope, id);
  if (!batch) throw notFound('资助批次');
  const { rows, total } = await batchLines(db, scope, id, { page: 1, pageSize: LIMIT });
  const kept = part === 'adjustments' ? rows.filter((r) => r.kind !== 'roster') : rows;
  const idOf = tax
    ? (r: LineRow) => r.id_number
    : (r: LineRow) => `${maskIdNumber(r.id_number)}（${birthYearOf(r.birth_date)}年生）`;
  const title = tax ? '资助缴费明细（税务）' : part === 'adjustments' ? '资助调整明细' : '资助花名册';
  const content = await buildXlsx(title, lineColumns(id, batch.year, idOf), kept);
  await audit({
    action: tax ? 'export.subsidy_tax' : 'export.subsidy_roster',
    entityType: 'subsidy_batch',
    entityId: id,
    after: { part, rows: kept.length, total, wholeIdNumbers: tax },
  });
  return { content, fileName: `${title}-${batch.year}-批次${id}.xlsx`, rows: kept.length };
}

export const exportBatchOp = defineOperation({
  name: 'subsidies.exportBatch',
  permission: 'subsidy.read',
  kind: 'read',
  input: exportBatchSchema,
  handler: (ctx, { id, part }) => batchExport(ctx, id, part, false),
});

/** The tax bureau's collection list: whole ID numbers (the one export that has them), audited as such. */
export const exportTaxOp = defineOperation({
  name: 'subsidies.exportTax',
  permission: 'subsidy.prepare',
  kind: 'read',
  input: batchIdSchema,
  handler: (ctx, { id }) => batchExport(ctx, id, 'all', true),
});

type RefundRow = Awaited<ReturnType<typeof listRefunds>>[number];

export const exportRefundsOp = defineOperation({
  name: 'subsidies.exportRefunds',
  permission: 'subsidy.read',
  kind: 'read',
  input: refundListSchema,
  async handler({ user, db, audit }, q) {
    const rows = await listRefunds(db, requireAreaScope(user), q);
    const columns: SheetColumn<RefundRow>[] = [
      { header: '退费记录号', width: 10, value: (r) => r.id },
      { header: '年度', width: 8, value: (r) => r.year },
      { header: '姓名', width: 10, value: (r) => r.personName },
      { header: '证件号码', width: 22, value: (r) => `${r.maskedId}（${r.birthYear}年生）` },
      { header: '镇街', width: 14, value: (r) => r.townName },
      { header: '人员类别（PSN_TYPE）', width: 16, value: (r) => labelOf(PERSON_CATEGORIES, r.category) },
      { header: '个人缴费金额（PSN_CLCT_AMT）', width: 12, value: (r) => yuan(r.paidFen) },
      { header: '退费金额', width: 12, value: (r) => yuan(r.amountFen) },
      { header: '退费账户', width: 26, value: (r) => r.accountRef ?? '' },
      { header: '状态', width: 10, value: (r) => labelOf(REFUND_STATUS_LABELS, r.status) },
      { header: '日期', width: 12, value: (r) => r.statusDate ?? '' },
      { header: '失败原因', width: 24, value: (r) => r.failReason ?? '' },
      { header: '批次', width: 8, value: (r) => r.batchId },
    ];
    const content = await buildXlsx('退费记录', columns, rows);
    await audit({
      action: 'export.subsidy_refunds',
      entityType: 'subsidy_refund',
      after: { filters: q, rows: rows.length },
    });
    return { content, fileName: '退费记录.xlsx', rows: rows.length };
  },
});
