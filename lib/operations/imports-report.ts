/** Downloads of the matching module: an import's error report and a list's rows, as .xlsx. */
import { getImportInScope, listImportErrors } from '@/db/queries/imports';
import { importRowNosInScope, listHeader, listRowsForExport } from '@/db/queries/list-exports';
import { MATCH_CLASS_LABELS, type MatchClass } from '@/lib/domain/classification';
import { maskIdLikeText, maskRowCells } from '@/lib/domain/id-masking';
import { PERSON_CATEGORIES, POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { labelOf } from '@/lib/labels';
import { importIdSchema, listRowsQuerySchema } from '@/lib/schemas/matching';
import { defineOperation, notFound } from '@/lib/server/operation';
import { buildXlsx } from '@/lib/server/xlsx';
import { requireAreaScope } from './guards';

export interface XlsxFile {
  fileName: string;
  /** ASCII name for clients that ignore filename*. */
  asciiName: string;
  content: Buffer;
}

/** A cell of the original row as text: dates as YYYY-MM-DD, empty cells as ''. */
function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(v)) return v.slice(0, 10);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The original cells as the report shows them: ID-like values masked like everywhere else (a wrong
 * number too — the row number and the reason say which it is), and a cell repeating the birth
 * date of the row's ID cut to the year.
 */
function originalText(values: unknown): string {
  return Array.isArray(values) ? maskRowCells(values.map(cellText)).join(' | ') : maskIdLikeText(cellText(values));
}

/**
 * The rows of an import that were skipped (title, total, note, blank rows) or rejected / kept as
 * 待核实 (bad ID), with the original row number, values (ID numbers masked) and the reason. A
 * town-scoped user gets the 待核实 rows of a list in their own town only (skipped rows carry no
 * person), and no registry report. Every download is audited.
 */
export const getImportErrorReport = defineOperation({
  name: 'imports.errorReport',
  permission: 'matching.read',
  kind: 'read', // its only write is the audit row: one statement, no transaction needed
  input: importIdSchema,
  async handler({ user, db, audit }, { id }): Promise<XlsxFile> {
    const scope = requireAreaScope(user);
    const imp = await getImportInScope(db, scope, user.id, id);
    // A registry export covers a whole district: its report is for staff beyond one town.
    if (!imp || (imp.kind === 'registry' && scope.level === 'town')) throw notFound('导入记录');
    let errors = await listImportErrors(db, id);
    if (imp.kind === 'list' && scope.level !== 'area') {
      const visible = await importRowNosInScope(db, scope, id);
      errors = errors.filter((e) => e.skipped === 1 || (visible?.has(e.rowNo) ?? false));
    }
    const content = await buildXlsx(
      '错误报告',
      [
        { header: '原始行号', width: 10, value: (e) => e.rowNo },
        { header: '原始内容', width: 70, value: (e) => originalText(e.values) },
        // The reason's text as it is; a number it quotes (an Excel read-out) masked.
        { header: '原因', width: 70, value: (e) => maskIdLikeText(e.reason) },
        {
          header: '类型',
          width: 10,
          value: (e) => (e.skipped === 1 ? '跳过' : imp.kind === 'list' ? '待核实' : '拒收'),
        },
      ],
      errors,
    );
    await audit({
      action: 'export.import_errors',
      entityType: 'import',
      entityId: id,
      after: { kind: imp.kind, fileName: imp.fileName, rows: errors.length },
    });
    return { fileName: `导入错误报告-${id}.xlsx`, asciiName: `import-errors-${id}.xlsx`, content };
  },
});

const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '、');

/** All rows of a list matching the table's filters (not one page), ID numbers masked; audited. */
export const exportListRows = defineOperation({
  name: 'lists.export',
  permission: 'matching.read',
  kind: 'read', // its only write is the audit row: one statement, no transaction needed
  input: listRowsQuerySchema.omit({ page: true, pageSize: true }),
  async handler({ user, db, audit }, q): Promise<XlsxFile> {
    const scope = requireAreaScope(user);
    const list = await listHeader(db, q.id);
    if (!list) throw notFound('名单');
    const rows = await listRowsForExport(db, scope, {
      listId: q.id,
      matchClass: q.matchClass as MatchClass | undefined,
      townCode: q.townCode,
      name: q.name,
    });
    const content = await buildXlsx(
      '名单比对结果',
      [
        { header: '原始行号', width: 10, value: (r) => r.rowNo },
        { header: '姓名', width: 12, value: (r) => r.name },
        { header: '身份证号', width: 22, value: (r) => r.maskedId },
        { header: '镇街', width: 14, value: (r) => r.townName ?? '' },
        { header: '村/社区', width: 14, value: (r) => r.village ?? '' },
        { header: '人员类别', width: 16, value: (r) => labelOf(PERSON_CATEGORIES, r.category) },
        { header: '比对结果', width: 14, value: (r) => labelOf(MATCH_CLASS_LABELS, r.matchClass) },
        { header: '身份证号问题', width: 60, value: (r) => r.idError ?? '' },
      ],
      rows,
    );
    const { id: _listId, ...filters } = q;
    await audit({
      action: 'export.list_rows',
      entityType: 'poverty_list',
      entityId: list.id,
      after: { filters, rows: rows.length },
    });
    const suffix = q.matchClass ? `-${labelOf(MATCH_CLASS_LABELS, q.matchClass)}` : '';
    return {
      fileName: safeName(`名单比对-${labelOf(POVERTY_SOURCE_LABELS, list.source)}-${list.listDate}${suffix}.xlsx`),
      asciiName: `list-${list.id}-${list.listDate}.xlsx`,
      content,
    };
  },
});
