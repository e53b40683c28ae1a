/**
 * Header recognition by meaning, for every import (lists, registry, later assistance records).
 * Each column gets the field it most likely holds, a score, and the reason in Chinese; a guess
 * that is not sure, or two columns competing for one field, becomes a question for the user —
 * never a silent choice. Pure: no I/O.
 *
 * Scores: 1.0 an exact name (an alias, a national platform code or Chinese name), 0.8 a keyword
 * with at most two other characters around it, 0.6 a keyword inside a longer header. A column is
 * used without asking at ≥ HIGH and asked about below it; below CANDIDATE it is no candidate.
 */
import { FIELD_LABELS, normalizeHeader, type Field, type HeaderMapping } from './import-headers';
import { FIELD_RULES } from './header-rules';

export type ImportKind = 'list' | 'registry' | 'assistance';

/** The fields each import reads; the required ones must be mapped (registry year: unless a default year is given). */
export const IMPORT_FIELDS: Record<ImportKind, { required: readonly Field[]; optional: readonly Field[] }> = {
  list: { required: ['name', 'idNumber'], optional: ['town', 'village', 'category'] },
  registry: {
    required: ['name', 'idNumber', 'scheme', 'year'],
    optional: ['town', 'village', 'householdNo', 'relation', 'tier', 'paidAmount', 'paidDate', 'status'],
  },
  // 医疗救助 settlement export (SETL_D): the person by ID number; the town and category come from the registry and lists.
  assistance: {
    required: [
      'name',
      'idNumber',
      'settlementId',
      'medType',
      'settlementDate',
      'institutionName',
      'totalCost',
      'policyRangeCost',
      'assistanceAmount',
    ],
    optional: ['initSettlementId', 'refundFlag', 'institutionCode'],
  },
};

export const HIGH = 0.8;
export const CANDIDATE = 0.5;

export interface Candidate {
  field: Field;
  score: number;
  reason: string;
}

export interface ColumnRecognition {
  index: number;
  /** The header text as in the file. */
  header: string;
  /** The field this column is used for (null: not used, or a question is open). */
  field: Field | null;
  confidence: 'high' | 'low' | null;
  /** The best candidate of this import's fields, even when not used (e.g. in a conflict). */
  candidate: Candidate | null;
  /** Chinese: why the column is used, asked about, or not used. */
  reason: string;
}

export type HeaderQuestion =
  | { kind: 'conflict'; field: Field; columns: number[] }
  | { kind: 'low_confidence'; field: Field; column: number }
  | { kind: 'missing'; field: Field };

export interface Recognition {
  columns: ColumnRecognition[];
  /** Columns used without asking, plus low-confidence guesses (pre-filled, still questions). */
  mapping: HeaderMapping;
  questions: HeaderQuestion[];
}

/** Header text without brackets, units and markers: 缴费金额（元） → 缴费金额, *姓名： → 姓名. */
export function bareHeader(cell: string): string {
  return normalizeHeader(cell)
    .replace(/\([^()]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>/g, '')
    .replace(/^\d{1,2}[.、]/, '') // "1.姓名", "3、身份证号"
    .replace(/[*:：]+$/, '');
}

const norm = (s: string) => bareHeader(s);
const EXACT: Map<string, { field: Field; reason: string }> = new Map();
for (const [field, rule] of Object.entries(FIELD_RULES) as [Field, (typeof FIELD_RULES)[Field]][]) {
  for (const n of rule.national) {
    EXACT.set(norm(n.code), { field, reason: `国家医保信息平台字段代码 ${n.code}（${n.zh}）` });
    if (!EXACT.has(norm(n.zh))) EXACT.set(norm(n.zh), { field, reason: `国家医保信息平台字段名“${n.zh}”` });
  }
  for (const a of rule.aliases) if (!EXACT.has(norm(a))) EXACT.set(norm(a), { field, reason: `常用列名“${a}”` });
}

/** Every field a header may hold, best first. Negatives are checked on the whole header (brackets included). */
export function candidatesOf(cell: string): Candidate[] {
  const whole = normalizeHeader(cell);
  const bare = bareHeader(cell);
  if (bare === '') return [];
  const out: Candidate[] = [];
  const exact = EXACT.get(bare) ?? EXACT.get(whole);
  for (const [field, rule] of Object.entries(FIELD_RULES) as [Field, (typeof FIELD_RULES)[Field]][]) {
    const negative = rule.negatives.find((w) => whole.includes(normalizeHeader(w)));
    if (exact?.field === field) {
      if (!negative || EXACT.get(whole)?.field === field)
        out.push({ field, score: 1, reason: `与${exact.reason}一致` });
      continue;
    }
    if (negative) continue;
    const keyword = rule.keywords.find((k) => bare.includes(normalizeHeader(k)));
    if (!keyword) continue;
    const extra = bare.length - keyword.length;
    out.push({ field, score: extra <= 2 ? HIGH : 0.6, reason: `列名含“${keyword}”` });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Whether a cell is an exact header name of `field` (a header row repeated in the data; 火星镇 is not). */
export function looksLikeHeaderOf(cell: string, field: Field): boolean {
  if (cell === '' || /\d{6}/.test(cell)) return false; // the common case, a data cell, without parsing it as a header
  return candidatesOf(cell).some((c) => c.field === field && c.score === 1);
}

const label = (f: Field) => `“${FIELD_LABELS[f]}”`;

/** Recognizes the columns of one header row for an import. */
export function recognizeColumns(cells: readonly string[], kind: ImportKind): Recognition {
  const fields = new Set<Field>([...IMPORT_FIELDS[kind].required, ...IMPORT_FIELDS[kind].optional]);
  const columns: ColumnRecognition[] = [];
  const byField = new Map<Field, ColumnRecognition[]>();
  cells.forEach((raw, index) => {
    const header = String(raw ?? '').trim();
    if (header === '') return;
    const all = candidatesOf(header);
    const ours = all.filter((c) => fields.has(c.field) && c.score >= CANDIDATE);
    const best = ours[0] ?? null;
    const col: ColumnRecognition = { index, header, field: null, confidence: null, candidate: best, reason: '' };
    columns.push(col);
    if (!best) {
      const other = all.find((c) => c.score >= HIGH);
      col.reason = other ? `识别为${label(other.field)}，本次导入不使用` : '未识别，不导入';
      return;
    }
    const tie = ours.find((c, i) => i > 0 && c.score === best.score);
    if (tie) col.reason = `${best.reason}；也可能是${label(tie.field)}`;
    byField.set(best.field, [...(byField.get(best.field) ?? []), col]);
  });

  const mapping: HeaderMapping = {};
  const questions: HeaderQuestion[] = [];
  for (const [field, cols] of byField) {
    if (cols.length > 1) {
      questions.push({ kind: 'conflict', field, columns: cols.map((c) => c.index) });
      const names = cols.map((c) => `第 ${c.index + 1} 列“${c.header}”`).join('、');
      for (const c of cols) c.reason = `${c.candidate!.reason}；${names}都像${label(field)}，请选定一列`;
      continue;
    }
    const col = cols[0];
    const sure = col.candidate!.score >= HIGH && !col.reason.includes('也可能是');
    col.field = field;
    col.confidence = sure ? 'high' : 'low';
    col.reason = col.reason || col.candidate!.reason;
    if (!sure) {
      col.reason = `${col.reason}（把握不大，请确认）`;
      questions.push({ kind: 'low_confidence', field, column: col.index });
    }
    mapping[field] = col.index;
  }
  for (const field of IMPORT_FIELDS[kind].required) {
    if (!byField.has(field)) questions.push({ kind: 'missing', field });
  }
  return { columns, mapping, questions };
}

/** A question as a sentence for the preview. */
export function questionText(q: HeaderQuestion, columns: readonly ColumnRecognition[]): string {
  const name = (i: number) => `第 ${i + 1} 列“${columns.find((c) => c.index === i)?.header ?? ''}”`;
  if (q.kind === 'conflict')
    return `${q.columns.map(name).join('、')}都像${label(q.field)}列：请选定其中一列，其余标为“不导入”`;
  if (q.kind === 'low_confidence') return `${name(q.column)}可能是${label(q.field)}列，请确认或改选`;
  return `没有找到${label(q.field)}列：请指定对应的列`;
}

export interface DetectedHeader {
  /** Index (in the rows given) of the header row, and of its last row (a sub-header under merged cells). */
  rowIndex: number;
  lastRowIndex: number;
  /** The header cells, with a sub-header's names in place of their merged parent. */
  cells: string[];
  recognition: Recognition;
}

const nonEmpty = (cells: readonly string[]) => cells.map((c) => String(c ?? '').trim()).filter((c) => c !== '');

/** A second header row under merged parent cells (地址 over 乡镇 | 村): header names only, no data. */
function isSubHeader(cells: readonly string[] | undefined): boolean {
  if (!cells) return false;
  const filled = nonEmpty(cells);
  if (filled.length === 0 || filled.some((c) => /\d{6,}/.test(c))) return false;
  const known = filled.filter((c) => candidatesOf(c).some((x) => x.score >= HIGH)).length;
  return known >= 1 && known * 2 >= filled.length;
}

/** Whether a header row names the person: a candidate for the name and one for the ID number. */
function namesPerson(recognition: Recognition): boolean {
  const has = (f: Field) => recognition.columns.some((c) => c.candidate?.field === f);
  return has('name') && has('idNumber');
}

/**
 * The header among the first `maxScan` rows: the first row (merged with a sub-header row under it)
 * holding a candidate for every field that identifies a person (name and ID number). Title rows,
 * rows of one merged value repeated and blank rows never qualify; nor does a title row (填报单位：…
 * | 填报日期：…) above a row that names the person on its own. Null if none does.
 */
export function detectHeader(
  rows: readonly (readonly string[])[],
  kind: ImportKind,
  maxScan = 15,
): DetectedHeader | null {
  const limit = Math.min(rows.length, maxScan);
  for (let i = 0; i < limit; i++) {
    const filled = nonEmpty(rows[i] ?? []);
    if (filled.length < 2 || new Set(filled).size === 1) continue;
    const next = rows[i + 1];
    const sub = next && isSubHeader(next) && !namesPerson(recognizeColumns(next, kind)) ? next : null;
    const width = Math.max(rows[i].length, sub?.length ?? 0);
    const cells = Array.from({ length: width }, (_, c) =>
      String((sub?.[c] ?? '').toString().trim() || (rows[i][c] ?? '')),
    );
    const recognition = recognizeColumns(cells, kind);
    if (namesPerson(recognition)) return { rowIndex: i, lastRowIndex: sub ? i + 1 : i, cells, recognition };
  }
  return null;
}
