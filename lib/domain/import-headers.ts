/**
 * Import fields, header normalization and cell parsers for the messy spreadsheets other bureaus
 * send. Header recognition is in header-recognition.ts, noise rows in noise-rows.ts. Pure: no I/O.
 */
import { yuanToFen } from '@/lib/domain/money';
import { ASSISTANCE_FIELD_LABELS, type AssistanceField } from './header-rules-assistance';

export type Field =
  | 'name'
  | 'idNumber'
  | 'town'
  | 'village'
  | 'category'
  | 'gender'
  | 'birthDate'
  | 'scheme'
  | 'tier'
  | 'paidAmount'
  | 'paidDate'
  | 'year'
  | 'householdNo'
  | 'relation'
  | 'status'
  | AssistanceField;

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
  ...ASSISTANCE_FIELD_LABELS,
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

const clean = (v: unknown): string => (v == null ? '' : toHalfWidth(String(v)).replace(/[\s\u00A0]+/g, ''));

const SCHEMES: Record<string, 'employee' | 'resident'> = {
  '310': 'employee',
  职工: 'employee',
  职工基本医疗保险: 'employee',
  城镇职工: 'employee',
  城镇职工基本医疗保险: 'employee',
  职工医保: 'employee',
  '390': 'resident',
  居民: 'resident',
  城乡居民: 'resident',
  城乡居民基本医疗保险: 'resident',
  城乡居民医保: 'resident',
  居民医保: 'resident',
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
  s = s
    .replace(/,/g, '')
    .replace(/(\.\d\d)0+$/, '$1')
    .replace(/\.0*$/, '');
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
