/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code + YYYYMMDD + 3-digit sequence + check
 * character (ISO 7064 MOD 11-2). The address code is the one in force at issue and never changes,
 * so it is deliberately NOT checked against any list of current district codes.
 */

export type IdErrorCode = 'empty' | 'excel_number' | 'format' | 'birth_date' | 'check_character';

export type IdValidation =
  | { ok: true; id: string; birthDate: string /* YYYY-MM-DD */; gender: 'M' | 'F'; upgradedFrom15: boolean }
  | { ok: false; normalized: string; code: IdErrorCode; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const MIN_BIRTH_DATE = '1850-01-01';

/** Trims, drops all whitespace (incl. U+3000), maps full-width digits/X to half-width, x → X. */
const PLAIN_ID = /^\d{17}[\dX]$/;

export function normalizeIdNumber(raw: string): string {
  if (PLAIN_ID.test(raw)) return raw; // the common case: nothing to change
  return raw
    .replace(/[\s\u3000]+/g, '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[xXｘＸ]/g, 'X');
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function computeCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`需要 17 位数字，实为 "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Legacy 15-digit number (YYMMDD, 19xx) → 18 digits: insert "19" before YYMMDD, append check. */
export function upgradeFifteenDigit(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError(`需要 15 位数字，实为 "${id15}"`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + computeCheckCharacter(first17);
}

/** True if YYYY-MM-DD is a real calendar date (Gregorian leap years). */
function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

let lastDay: { time: number; iso: string } | null = null;

/** Local calendar date of `d` as YYYY-MM-DD (the last one cached: imports pass one `today` for every row). */
function isoDate(d: Date): string {
  if (lastDay?.time === d.getTime()) return lastDay.iso;
  lastDay = { time: d.getTime(), iso: localIso(d) };
  return lastDay.iso;
}

function localIso(d: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Excel turned the cell into a number: scientific notation or a decimal point. */
function looksLikeExcelNumber(s: string): boolean {
  return /^\d+(\.\d*)?E[+-]?\d+$/i.test(s) || (/^\d*\.\d*$/.test(s) && /\d/.test(s));
}

/** Validates a raw ID (normalizing it, upgrading 15 → 18 digits). `today` bounds the birth date. */
export function validateIdNumber(raw: string, today: Date = new Date()): IdValidation {
  const normalized = normalizeIdNumber(raw);
  const fail = (code: IdErrorCode, message: string): IdValidation => ({ ok: false, normalized, code, message });

  if (normalized === '') return fail('empty', '身份证号码为空');
  if (looksLikeExcelNumber(normalized)) {
    return fail(
      'excel_number',
      `“${normalized}”已被 Excel 转成了数字，最后几位已经丢失，无法还原；请把该列设置为“文本”格式后重新导出，不要手工猜补`,
    );
  }

  const upgradedFrom15 = /^\d{15}$/.test(normalized);
  const id = upgradedFrom15 ? upgradeFifteenDigit(normalized) : normalized;
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) {
    const len = normalized.length;
    const detail = /^0\d{16}[\dX]$/.test(id)
      ? '首位不能为 0'
      : len === 15 || len === 18
        ? '含有非法字符（只能是数字，末位可为 X）'
        : `实为 ${len} 位`;
    return fail('format', `格式错误：应为 18 位（17 位数字 + 数字或 X）或 15 位数字，${detail}`);
  }

  const [y, m, d] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)];
  const birthDate = `${y}-${m}-${d}`;
  if (!isRealDate(Number(y), Number(m), Number(d))) {
    return fail('birth_date', `出生日期错误：${birthDate} 不是真实存在的日期`);
  }
  if (birthDate > isoDate(today)) return fail('birth_date', `出生日期错误：${birthDate} 晚于今天`);
  if (birthDate < MIN_BIRTH_DATE) return fail('birth_date', `出生日期错误：${birthDate} 早于 ${MIN_BIRTH_DATE}`);

  const expected = computeCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected) return fail('check_character', `校验位错误：应为 ${expected}，实为 ${id[17]}`);

  const gender = Number(id[16]) % 2 === 1 ? 'M' : 'F';
  return { ok: true, id, birthDate, gender, upgradedFrom15 };
}

/**
 * 371003198506120414 → 371003**********14: the area code and the last two characters stay; the
 * birth date AND two of the three sequence digits are hidden, so the mask stays a mask next to a
 * birth date (and the check character leaves ~9 numbers even then). Screens show the birth year
 * or the age beside it, never the whole date. A 15-digit legacy number keeps its last digit
 * (371081850612041 → 371081********1: YYMMDD and two sequence digits hidden); any other length
 * keeps the area code only; shorter than 10 characters → all '*'.
 */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  const tail = id.length === 18 ? 2 : id.length === 15 ? 1 : 0;
  return id.slice(0, 6) + '*'.repeat(id.length - 6 - tail) + id.slice(id.length - tail);
}

/** The year of a YYYY-MM-DD birth date: what is shown beside a masked ID instead of the date. */
export function birthYearOf(birthDate: string): number {
  return Number(birthDate.slice(0, 4));
}

/**
 * Builds a valid 18-digit number (demo seed, benchmarks). The sequence's last digit is flipped
 * (0↔1, 2↔3, …, 8↔9) when needed so it is odd for 'M' and even for 'F'.
 */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number, gender: 'M' | 'F'): string {
  if (!/^[1-9]\d{5}$/.test(areaCode)) throw new RangeError(`地址码应为 6 位数字且首位非 0：${areaCode}`);
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!dm || !isRealDate(Number(dm[1]), Number(dm[2]), Number(dm[3]))) {
    throw new RangeError(`出生日期应为真实的 YYYY-MM-DD：${birthDate}`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`顺序码应为 0..999 的整数：${sequence}`);
  }
  const wantOdd = gender === 'M';
  const seq = (sequence % 2 === 1) === wantOdd ? sequence : sequence ^ 1;
  const first17 = `${areaCode}${dm[1]}${dm[2]}${dm[3]}${String(seq).padStart(3, '0')}`;
  return first17 + computeCheckCharacter(first17);
}
