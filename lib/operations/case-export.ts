import ExcelJS from 'exceljs';
import { listCases } from '@/db/queries/cases';
import { CASE_CLOSE_REASON_LABELS, CASE_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/case-labels';
import { labelOf } from '@/lib/labels';
import { defineOperation } from '@/lib/server/operation';
import { caseQuerySchema } from '@/lib/schemas/matching';
import { requireAreaScope } from './guards';

/** At most this many rows go into one export. */
export const CASE_EXPORT_LIMIT = 50_000;

export const caseExportQuerySchema = caseQuerySchema.omit({ page: true, pageSize: true });

const shanghaiDateTime = (d: Date | null) =>
  d ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d) : '';

/** The 销号 worklist with the worklist's filters as an .xlsx workbook (ID numbers masked). */
export const exportCasesOp = defineOperation({
  name: 'cases.export',
  permission: 'matching.read',
  kind: 'read',
  input: caseExportQuerySchema,
  async handler({ user, db }, q) {
    const today = new Date().toISOString().slice(0, 10);
    const { data, total } = await listCases(
      db,
      requireAreaScope(user),
      { status: q.status, townCode: q.townCode, assigneeId: q.mine ? user.id : undefined, overdueOnly: q.overdue, page: 1, pageSize: CASE_EXPORT_LIMIT },
      today,
    );
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '医保经办服务平台';
    const sheet = workbook.addWorksheet('销号任务', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: '任务编号', key: 'id', width: 10 },
      { header: '年度', key: 'year', width: 8 },
      { header: '姓名', key: 'personName', width: 12 },
      { header: '身份证号', key: 'maskedId', width: 22 },
      { header: '镇街', key: 'townName', width: 14 },
      { header: '类型', key: 'kind', width: 10 },
      { header: '经办人', key: 'assigneeName', width: 16 },
      { header: '到期日', key: 'dueDate', width: 12 },
      { header: '是否逾期', key: 'overdue', width: 10 },
      { header: '状态', key: 'status', width: 10 },
      { header: '销号原因', key: 'closeReason', width: 14 },
      { header: '销号时间', key: 'closedAt', width: 18 },
      { header: '备注', key: 'note', width: 40 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const r of data) {
      sheet.addRow({
        ...r,
        kind: labelOf(CASE_KIND_LABELS, r.kind),
        assigneeName: r.assigneeName ?? '未分派',
        overdue: r.overdue ? '逾期' : '',
        status: labelOf(CASE_STATUS_LABELS, r.status),
        closeReason: labelOf(CASE_CLOSE_REASON_LABELS, r.closeReason),
        closedAt: shanghaiDateTime(r.closedAt),
        note: r.note ?? '',
      });
    }
    if (total > data.length) sheet.addRow({ id: `共 ${total} 条，仅导出前 ${data.length} 条，请缩小筛选范围后再导出` });
    return { content: Buffer.from(await workbook.xlsx.writeBuffer()), rows: data.length, total };
  },
});
