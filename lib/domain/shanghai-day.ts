/**
 * Calendar days in Asia/Shanghai (UTC+8, no daylight saving): the agency's "today" and the
 * instants a local day starts, for date filters on timestamp columns. Pure and isomorphic.
 */

const OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar day 'YYYY-MM-DD' of an instant (default: now). */
export function shanghaiDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The year in Shanghai now: the default year of lists, filters and reports (read when asked, never kept). */
export function shanghaiYear(instant: Date = new Date()): number {
  return Number(shanghaiDate(instant).slice(0, 4));
}

/** The instant a Shanghai calendar day 'YYYY-MM-DD' begins (00:00 +08:00). */
export function shanghaiDayStart(date: string): Date {
  const t = new Date(`${date}T00:00:00+08:00`);
  if (Number.isNaN(t.getTime())) throw new RangeError(`日期应为 YYYY-MM-DD，实为“${date}”`);
  return t;
}

/** [start, end) instants covering the Shanghai days from..to, both inclusive. */
export function shanghaiDayRange(from: string, to: string): { start: Date; end: Date } {
  return { start: shanghaiDayStart(from), end: new Date(shanghaiDayStart(to).getTime() + 86_400_000) };
}

/** 'YYYY-MM-DD HH:mm' in Shanghai; '' for null. */
export function shanghaiDateTime(instant: Date | null): string {
  return instant ? new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ') : '';
}
