/**
 * A column mapping confirmed by the user in the preview, checked against what the recognizer saw
 * in the same header. The user decides; what is checked is that nothing is left undecided: every
 * required field has a column, no column holds two fields, and every column that looks like a
 * field of this import is either used or explicitly marked 不导入 — so a default (默认年度) never
 * stands in for a column the file has. Pure.
 */
import { IMPORT_FIELDS, type ColumnRecognition, type ImportKind } from './header-recognition';
import { FIELD_LABELS, type Field, type HeaderMapping } from './import-headers';

export interface ConfirmedHeader {
  /** Row number (1-based, as in the file) of the header's last row; it and the rows above are not data. */
  headerRowNo: number;
  mapping: HeaderMapping;
  /** Columns (0-based) the user chose not to import. */
  ignored: number[];
}

export const MAX_COLUMN_INDEX = 199;

/** Chinese problems of a confirmed mapping (empty: it can be imported). */
export function checkConfirmedHeader(
  confirmed: ConfirmedHeader,
  columns: readonly ColumnRecognition[],
  kind: ImportKind,
  defaults: { year?: number } = {},
): string[] {
  const problems: string[] = [];
  const allowed = new Set<Field>([...IMPORT_FIELDS[kind].required, ...IMPORT_FIELDS[kind].optional]);
  const name = (i: number) => {
    const h = columns.find((c) => c.index === i)?.header;
    return h ? `第 ${i + 1} 列“${h}”` : `第 ${i + 1} 列`;
  };
  const usedBy = new Map<number, Field>();
  for (const [field, index] of Object.entries(confirmed.mapping) as [Field, number | undefined][]) {
    if (index == null) continue;
    if (!allowed.has(field)) problems.push(`本次导入没有“${FIELD_LABELS[field] ?? field}”字段`);
    else if (!Number.isInteger(index) || index < 0 || index > MAX_COLUMN_INDEX)
      problems.push(`“${FIELD_LABELS[field]}”的列号有误`);
    else if (usedBy.has(index))
      problems.push(`${name(index)}不能同时作为“${FIELD_LABELS[usedBy.get(index)!]}”和“${FIELD_LABELS[field]}”`);
    else usedBy.set(index, field);
  }
  for (const field of IMPORT_FIELDS[kind].required) {
    if (confirmed.mapping[field] != null) continue;
    if (field === 'year' && defaults.year) continue;
    problems.push(
      field === 'year'
        ? '请指定“参保年度”列（文件没有年度列时，才可以填写默认年度）'
        : `请指定“${FIELD_LABELS[field]}”列`,
    );
  }
  const ignored = new Set(confirmed.ignored);
  for (const col of columns) {
    if (!col.candidate || usedBy.has(col.index) || ignored.has(col.index)) continue;
    const f = col.candidate.field;
    const withDefault = f === 'year' && defaults.year ? `；默认年度只填补空白单元格，不能代替文件中的年度列` : '';
    problems.push(
      `${name(col.index)}看起来是“${FIELD_LABELS[f]}”列：请把它指定为对应的字段，或明确选择“不导入”${withDefault}`,
    );
  }
  return problems;
}
