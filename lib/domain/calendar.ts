/**
 * Calendar days 'YYYY-MM-DD' (no time zone): parsing a real day and adding days or months.
 * Pure; "today" is shanghaiDate() in ./shanghai-day.ts.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysInMonth(y: number, m: number /* 1..12 */): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses a real calendar day 'YYYY-MM-DD' (2026-02-30 is refused, not rolled over). */
export function parseDate(s: string, label = '日期'): [number, number, number] {
  const m = DATE_RE.exec(s);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RangeError(`${label}应为真实存在的日期（YYYY-MM-DD），实为“${s}”`);
  }
  return [y, mo, d];
}

const fmt = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Adds whole days to 'YYYY-MM-DD' (negative allowed). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Adds whole months; a day that does not exist in the target month is clamped to that month's
 * last day (2026-01-31 + 1 → 2026-02-28, 2024-02-29 + 12 → 2025-02-28).
 */
export function addMonthsClamped(date: string, months: number): string {
  const [y, m, d] = parseDate(date);
  const idx = y * 12 + (m - 1) + months;
  const ty = Math.floor(idx / 12);
  const tm = idx - ty * 12 + 1;
  return fmt(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}
