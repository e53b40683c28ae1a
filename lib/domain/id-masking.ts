/**
 * Masking ID numbers inside free text and original spreadsheet rows (error reports, stored
 * messages), and re-masking masks written before the current format. Pure: no I/O.
 */
import { maskIdNumber, normalizeIdNumber } from './id-number';

/**
 * 15 to 18 digits (half- or full-width, spaces allowed between them, the last may be X) not
 * inside a longer run of digits: an ID number as other bureaus' spreadsheets type it.
 */
const ID_LIKE =
  /(?<![0-9０-９])[0-9０-９](?:[\s\u3000]*[0-9０-９]){13,16}[\s\u3000]*[0-9０-９XxＸｘ](?![0-9０-９XxＸｘ])/g;

/** Every ID-like value in the text masked (371003198506120414 → 371003**********14); `onId` sees each, normalized. */
export function maskIdLikeText(text: string, onId?: (id: string) => void): string {
  return text.replace(ID_LIKE, (found) => {
    const id = normalizeIdNumber(found);
    onId?.(id);
    return maskIdNumber(id);
  });
}

/** The YYYYMMDD an ID-like value carries in its birth-date positions, if it reads as one. */
function birthDigits(id: string): string | null {
  const digits = id.length === 15 ? `19${id.slice(6, 12)}` : id.slice(6, 14);
  return /^\d{8}$/.test(digits) ? digits : null;
}

const pad2 = (s: string) => s.padStart(2, '0');

/** A cell that is just a date (1985-06-12, 1985/6/12, 1985.06.12, 1985年6月12日, 19850612) → YYYYMMDD. */
function dateDigits(cell: string): string | null {
  const s = cell.trim();
  const plain = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (plain) return plain[1] + plain[2] + plain[3];
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  return m ? m[1] + pad2(m[2]) + pad2(m[3]) : null;
}

/**
 * The cells of one original row as they may be shown: ID-like values masked, and a cell that
 * repeats the birth date of an ID in the same row cut to its year (1985年), since that date next
 * to the mask would give the number back.
 */
export function maskRowCells(cells: string[]): string[] {
  const births = new Set<string>();
  const masked = cells.map((c) =>
    maskIdLikeText(c, (id) => {
      const b = birthDigits(id);
      if (b) births.add(b);
    }),
  );
  if (births.size === 0) return masked;
  return masked.map((c) => {
    const d = dateDigits(c);
    return d && births.has(d) ? `${d.slice(0, 4)}年` : c;
  });
}

/** A mask of the earlier format (area + 8 '*' + last 4) → the current one (area + 10 '*' + last 2). */
const LEGACY_MASK = /(?<![0-9X*])(\d{6})\*{8}[\dX]{2}([\dX]{2})(?![0-9X*])/g;

/** Stored data (audit rows, suggestion evidence) with every earlier-format mask re-masked, deeply. */
export function remaskLegacy<T>(value: T): T {
  if (typeof value === 'string') return value.replace(LEGACY_MASK, '$1**********$2') as T;
  if (Array.isArray(value)) return value.map(remaskLegacy) as T;
  if (typeof value === 'object' && value !== null && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remaskLegacy(v)])) as T;
  return value;
}
