/**
 * The dashboard's period: a year and an optional month range, as calendar days and as month
 * numbers. Pure; the URL filters of the drill-down lists are built from it.
 */

export interface Period {
  year: number;
  monthFrom: number;
  monthTo: number;
  /** First day 'YYYY-MM-DD' (inclusive). */
  from: string;
  /** Last day 'YYYY-MM-DD' (inclusive). */
  to: string;
  /** The day after `to` (exclusive end). */
  endExclusive: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of the last day of a month (month 1–12). */
export function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function firstDayOfMonth(year: number, month: number): string {
  return `${year}-${pad(month)}-01`;
}

export function periodOf(f: { year: number; monthFrom?: number; monthTo?: number }): Period {
  const monthFrom = f.monthFrom ?? 1;
  const monthTo = f.monthTo ?? 12;
  return {
    year: f.year,
    monthFrom,
    monthTo,
    from: firstDayOfMonth(f.year, monthFrom),
    to: lastDayOfMonth(f.year, monthTo),
    endExclusive: monthTo === 12 ? `${f.year + 1}-01-01` : firstDayOfMonth(f.year, monthTo + 1),
  };
}

/** The months of the period, 1-based. */
export function monthsOf(p: Period): number[] {
  return Array.from({ length: p.monthTo - p.monthFrom + 1 }, (_, i) => p.monthFrom + i);
}

/** a ÷ b as a ratio (0.9 = 90 %), null when b is 0 or unknown; rounded to 4 decimals (0.01 %). */
export function ratio(a: number, b: number | null | undefined): number | null {
  if (!b) return null;
  return Math.round((a / b) * 10_000) / 10_000;
}

/** A drill-down target: a list page of the portal and the URL filters that give the same number. */
export interface Drill {
  path: string;
  query: Record<string, string>;
}

/** A drill target with the undefined filters left out and every value as text. */
export function drill(path: string, query: Record<string, string | number | undefined | null>): Drill {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q[k] = String(v);
  return { path, query: q };
}
