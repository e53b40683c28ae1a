import { listCases } from '@/db/queries/cases';
import { CASE_CLOSE_REASON_LABELS, CASE_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/case-labels';
import { labelOf } from '@/lib/labels';
import { defineOperation } from '@/lib/server/operation';
import { buildXlsx, type SheetColumn } from '@/lib/server/xlsx';
import { caseQuerySchema } from '@/lib/schemas/matching';
import { requireAreaScope } from './guards';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

/** At most this many rows go into one export. */
export const CASE_EXPORT_LIMIT = 50_000;

export const caseExportQuerySchema = caseQuerySchema.omit({ page: true, pageSize: true });

const shanghaiDateTime = (d: Date | null) =>
  d
    ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d)
    : '';

/** The 销号 worklist with the worklist's filters as an .xlsx workbook (ID numbers masked); audited. */
export const exportCasesOp = defineOperation({
  name: 'cases.export',
  permission: 'matching.read',
  kind: 'read', // its only write is the audit row: one statement, no transaction needed
  input: caseExportQuerySchema,
  async handler({ user, db, audit }, q) {
    const today = shanghaiDate();
    const { data, total } = await listCases(
      db,
      requireAreaScope(user),
      {
        status: q.status,
        townCode: q.townCode,
        assigneeId: q.mine ? user.id : undefined,
        overdueOnly: q.overdue,
        openedFrom: q.openedFrom,
        openedTo: q.openedTo,
        closedFrom: q.closedFrom,
        closedTo: q.closedTo,
        page: 1,
        pageSize: CASE_EXPORT_LIMIT,
      },
      today,
    );
    type Row = (typeof data)[number];
    const columns: SheetColumn<Row>[] = [
      { header: '任务编号', width: 10, value: (r) => r.id },
      { header: '年度', width: 8, value: (r) => r.year },
      { header: '姓名', width: 12, value: (r) => r.personName },
      { header: '身份证号', width: 22, value: (r) => r.maskedId },
      { header: '镇街', width: 14, value: (r) => r.townName },
      { header: '类型', width: 10, value: (r) => labelOf(CASE_KIND_LABELS, r.kind) },
      { header: '经办人', width: 16, value: (r) => r.assigneeName ?? '未分派' },
      { header: '到期日', width: 12, value: (r) => r.dueDate },
      { header: '是否逾期', width: 10, value: (r) => (r.overdue ? '逾期' : '') },
      { header: '状态', width: 10, value: (r) => labelOf(CASE_STATUS_LABELS, r.status) },
      { header: '销号原因', width: 14, value: (r) => labelOf(CASE_CLOSE_REASON_LABELS, r.closeReason) },
      { header: '销号时间', width: 18, value: (r) => shanghaiDateTime(r.closedAt) },
      { header: '备注', width: 40, value: (r) => r.note ?? '' },
    ];
    // A truncated export says so in its last row.
    const footer =
      total > data.length ? `共 ${total} 条，仅导出前 ${data.length} 条，请缩小筛选范围后再导出` : undefined;
    const content = await buildXlsx('销号任务', columns, data, footer);
    await audit({ action: 'export.cases', entityType: 'case', after: { filters: q, rows: data.length, total } });
    return { content, rows: data.length, total };
  },
});
