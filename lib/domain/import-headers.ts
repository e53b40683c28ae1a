/**
 * Header recognition and cell parsers for the messy spreadsheets other bureaus send (title rows
 * above the header, varying header names, notes and a 合计 row at the end). Pure: no I/O.
 */
import { yuanToFen } from '@/lib/domain/money';

export type Field =
  | 'name' | 'idNumber' | 'town' | 'village' | 'category' | 'gender' | 'birthDate' | 'scheme'
  | 'tier' | 'paidAmount' | 'paidDate' | 'year' | 'householdNo' | 'relation' | 'status';

export type HeaderMapping = Partial<Record<Field, number>>;

/** Chinese labels of the canonical fields, for the import preview. */
export const FIELD_LABELS: Record<Field, string> = {
  name: '姓名',
  idNumber: '身份证号码',
  town: '乡镇(街道)',
  village: '村(居)',
  category: '人员类别',
  gender: '性别',
  birthDate: '出生日期',
  scheme: '险种类型',
  tier: '缴费档次',
  paidAmount: '缴费金额',
  paidDate: '缴费日期',
  year: '参保年度',
  householdNo: '户号',
  relation: '与户主关系',
  status: '参保状态',
};

/** Accepted header names per field (matched after normalizeHeader). 户主姓名/户主身份证号 are deliberately absent. */
export const HEADER_ALIASES: Record<Field, readonly string[]> = {
  name: ['姓名', '人员姓名', '参保人姓名', '成员姓名', '家庭成员姓名', 'PSN_NAME'],
  idNumber: [
    '身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证', '证件号', '身份证件号码', '公民身份证号',
    '公民身份证号码', '成员身份证号', '成员身份证号码', '家庭成员身份证号', 'CERTNO',
  ],
  town: ['乡镇', '镇街', '乡镇(街道)', '镇(街道)', '所属乡镇', '街道', '所在乡镇', '乡镇/街道', '镇/街道', '乡镇街道'],
  village: ['村', '村居', '村(居)', '村/社区', '所属村', '所在村', '村(社区)', '村名', '社区'],
  category: ['类别', '人员类别', '救助类别', '贫困类型', '身份类别', 'PSN_TYPE'],
  gender: ['性别', 'GEND'],
  birthDate: ['出生日期', 'BRDY'],
  scheme: ['险种', '险种类型', 'INSUTYPE'],
  tier: ['档次', '缴费档次', 'CLCT_GRDE'],
  paidAmount: ['缴费金额', '个人缴费', '金额', '个人缴费金额', 'PSN_CLCT_AMT'],
  paidDate: ['缴费日期', '到账日期', '缴费时间', 'CLCT_TIME'],
  year: ['年度', '参保年度', '所属年度', 'YEAR'],
  householdNo: ['户号', '户编号'],
  relation: ['与户主关系'],
  status: ['参保状态', '人员参保状态', 'PSN_INSU_STAS'],
};

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000\uFFE5]/;

/** Full-width ASCII (Ｆ１，（） etc.) → half-width; U+3000 → space; ￥ → ¥. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s; // the common case: nothing to convert
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\uFFE5/g, '¥');
}

/** Header text → comparison key: half-width, no whitespace, no '*'/':' markers, upper case. */
export function normalizeHeader(cell: string): string {
  return toHalfWidth(String(cell ?? ''))
    .replace(/[\s\u00A0]+/g, '')
    .replace(/^\*+/, '')
    .replace(/[*:]+$/, '')
    .toUpperCase();
}

const ALIAS_INDEX: Map<string, Field> = new Map(
  (Object.entries(HEADER_ALIASES) as [Field, readonly string[]][]).flatMap(([field, names]) =>
    names.map((n) => [normalizeHeader(n), field] as [string, Field]),
  ),
);

/** The field a header cell names, or null; '缴费金额(元)' falls back to '缴费金额'. */
export function fieldOfHeader(cell: string): Field | null {
  const key = normalizeHeader(cell);
  if (key === '') return null;
  const exact = ALIAS_INDEX.get(key);
  if (exact) return exact;
  const bare = key.replace(/\([^()]*\)/g, '');
  return bare !== key && bare !== '' ? (ALIAS_INDEX.get(bare) ?? null) : null;
}

export interface HeaderRecognition {
  mapping: HeaderMapping;
  /** Non-empty header cells that name no known field (shown in the preview, not errors). */
  unknown: string[];
  /** Later columns naming a field already mapped (first match wins). */
  duplicates: { field: Field; index: number; header: string }[];
}

export function recognizeHeader(cells: string[]): HeaderRecognition {
  const mapping: HeaderMapping = {};
  const unknown: string[] = [];
  const duplicates: HeaderRecognition['duplicates'] = [];
  cells.forEach((raw, index) => {
    const header = String(raw ?? '').trim();
    if (header === '') return;
    const field = fieldOfHeader(header);
    if (!field) unknown.push(header);
    else if (mapping[field] === undefined) mapping[field] = index;
    else duplicates.push({ field, index, header });
  });
  return { mapping, unknown, duplicates };
}

const nonEmpty = (cells: string[]) => cells.map((c) => String(c ?? '').trim()).filter((c) => c !== '');

/** A second header row under merged parent cells (e.g. 地址 over 乡镇 | 村): only header names, no data. */
function isSubHeader(cells: string[] | undefined): boolean {
  if (!cells) return false;
  const filled = nonEmpty(cells);
  if (filled.length === 0 || filled.some((c) => /\d{6,}/.test(c))) return false;
  const known = filled.filter((c) => fieldOfHeader(c) !== null).length;
  return known >= 1 && known * 2 >= filled.length;
}

function mergeSubHeader(base: HeaderRecognition, sub: string[]): HeaderRecognition {
  const next = recognizeHeader(sub);
  const mapping = { ...base.mapping };
  for (const [field, index] of Object.entries(next.mapping) as [Field, number][]) {
    if (mapping[field] === undefined) mapping[field] = index;
  }
  return { mapping, unknown: [...base.unknown, ...next.unknown], duplicates: base.duplicates };
}

export interface HeaderRow extends HeaderRecognition {
  rowIndex: number;
  /** First data row: rowIndex + 1, or + 2 when a sub-header row under merged cells was merged in. */
  dataStartIndex: number;
}

/**
 * Finds the header among the first `maxScan` rows: the first row (optionally merged with a
 * sub-header row under it) in which every `required` field is recognized. Title rows, rows of
 * one merged value repeated and blank rows never qualify. Null if none does.
 */
export function findHeaderRow(rows: string[][], required: Field[], maxScan = 15): HeaderRow | null {
  const limit = Math.min(rows.length, maxScan);
  const hasAll = (m: HeaderMapping) => required.every((f) => m[f] !== undefined);
  for (let i = 0; i < limit; i++) {
    const filled = nonEmpty(rows[i] ?? []);
    if (filled.length === 0 || (filled.length > 1 && new Set(filled).size === 1)) continue;
    const own = recognizeHeader(rows[i]);
    if (Object.keys(own.mapping).length === 0) continue;
    const sub = isSubHeader(rows[i + 1]);
    const rec = sub ? mergeSubHeader(own, rows[i + 1]) : own;
    if (hasAll(rec.mapping)) return { ...rec, rowIndex: i, dataStartIndex: i + (sub ? 2 : 1) };
  }
  return null;
}

const TOTAL_WORDS = /合计|总计|小计|共计/;
const NOTE_PREFIXES = /^(备注|注:|说明|制表|审核|填报|负责人|经办人|联系人|联系电话)/;

/**
 * Why a data row is skipped (blank, 合计 row, note row, repeated header), or null for a real row.
 * Skipped rows are reported to the user, not counted as errors.
 */
export function noiseReason(cells: string[], mapping: HeaderMapping): string | null {
  const filled = nonEmpty(cells).map((c) => toHalfWidth(c).replace(/\s+/g, ''));
  if (filled.length === 0) return '空行';
  if (filled.slice(0, 3).some((c) => TOTAL_WORDS.test(c))) return `合计行：${filled.slice(0, 3).join(' ')}`;
  if (NOTE_PREFIXES.test(filled[0])) return `备注/说明行：${filled[0].slice(0, 30)}`;
  const mapped = Object.values(mapping) as number[];
  if (mapped.length === 0) return null;
  if (mapped.every((i) => String(cells[i] ?? '').trim() === '')) return '空行（无人员信息）';
  const repeated = (Object.entries(mapping) as [Field, number][]).filter(
    ([field, i]) => fieldOfHeader(String(cells[i] ?? '')) === field,
  );
  if (repeated.length >= Math.min(2, mapped.length)) return '重复的表头行';
  return null;
}

export function isNoiseRow(cells: string[], mapping: HeaderMapping): boolean {
  return noiseReason(cells, mapping) !== null;
}

const clean = (v: unknown): string => (v == null ? '' : toHalfWidth(String(v)).replace(/[\s\u00A0]+/g, ''));

const SCHEMES: Record<string, 'employee' | 'resident'> = {
  '310': 'employee', 职工: 'employee', 职工基本医疗保险: 'employee', 城镇职工: 'employee',
  城镇职工基本医疗保险: 'employee', 职工医保: 'employee',
  '390': 'resident', 居民: 'resident', 城乡居民: 'resident', 城乡居民基本医疗保险: 'resident',
  城乡居民医保: 'resident', 居民医保: 'resident',
};

/** 310/职工… → 'employee'; 390/居民/城乡居民… → 'resident'; anything else → null. */
export function parseScheme(v: unknown): 'employee' | 'resident' | null {
  return SCHEMES[clean(v)] ?? null;
}

/** 一档/1/一/第一档/1档 → 'tier1'; 二档/2/二 → 'tier2'; else null. */
export function parseTier(v: unknown): 'tier1' | 'tier2' | null {
  const s = clean(v).replace(/^第/, '').replace(/档$/, '');
  if (s === '1' || s === '一') return 'tier1';
  if (s === '2' || s === '二') return 'tier2';
  return null;
}

/** '450', '450.00', '¥450', '1,200.5', '450元' (or a number cell) → integer fen; negative or malformed → null. */
export function parseYuanToFen(v: unknown): number | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return null;
    const fen = Math.round(v * 100);
    return Math.abs(fen - v * 100) < 1e-6 ? fen : null;
  }
  let s = clean(v).replace(/^[¥]/, '').replace(/元$/, '');
  if (s.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return null;
  s = s.replace(/,/g, '').replace(/(\.\d\d)0+$/, '$1').replace(/\.0*$/, '');
  return yuanToFen(s);
}

function isoIfReal(y: number, m: number, d: number): string | null {
  if (y < 1850 || y > 2200) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** Excel serial day (1900 system; serial 60 is the non-existent 1900-02-29) → ISO date. */
function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466 || serial === 60) return null;
  const days = Math.floor(serial) - (serial > 60 ? 1 : 0);
  return new Date(Date.UTC(1899, 11, 31) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 2026-01-05, 2026/1/5, 2026.1.5, 20260105, 2026年1月5日 (time part ignored), Excel serial 46027 → '2026-01-05'. */
export function parseDate(v: unknown): string | null {
  if (typeof v === 'number' && !/^\d{8}$/.test(String(v))) return fromExcelSerial(v);
  let s = toHalfWidth(v == null ? '' : String(v)).trim();
  s = s.includes('年') ? s.replace(/\s+/g, '') : s.replace(/(T|\s+)\d{1,2}:\d{2}.*$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  m ??= /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
  return null;
}
