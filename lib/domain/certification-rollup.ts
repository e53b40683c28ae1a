/**
 * The certification panel's counts for any town and month range of a year, derived from the year's
 * applications (one row each, a few fields) instead of a query per filter: by hospital, by disease
 * and in total — filed, by status, and the days from filing to decision of the decided ones (mean;
 * median as percentile_cont(0.5), the mean of the two middle values for an even count). A disease is
 * named by the newest catalog version among its applications in the view. Pure.
 */

export interface ApplicationRow {
  hospitalId: number;
  hospitalName: string;
  diseaseCode: string;
  diseaseName: string;
  /** The catalog version's effective date, 'YYYY-MM-DD' (the newest names the disease). */
  versionFrom: string;
  townCode: string;
  /** Month of the filing day (Shanghai), 1–12. */
  month: number;
  status: 'pending' | 'approved' | 'rejected' | 'revoked';
  /** Days from filing to decision; null while pending. */
  days: number | null;
}

export interface ApplicationCounts {
  filed: number;
  pending: number;
  approved: number;
  rejected: number;
  revoked: number;
  avgDays: number | null;
  medianDays: number | null;
}

export interface ApplicationView {
  townCode?: string;
  monthFrom: number;
  monthTo: number;
}

function countsOf(rows: ApplicationRow[]): ApplicationCounts {
  const c: ApplicationCounts = {
    filed: rows.length,
    pending: 0,
    approved: 0,
    rejected: 0,
    revoked: 0,
    avgDays: null,
    medianDays: null,
  };
  const days: number[] = [];
  for (const r of rows) {
    c[r.status] += 1;
    if (r.days !== null) days.push(r.days);
  }
  if (days.length) {
    days.sort((a, b) => a - b);
    const mid = days.length >> 1;
    c.avgDays = days.reduce((s, d) => s + d, 0) / days.length;
    c.medianDays = days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2;
  }
  return c;
}

function groupBy<K>(rows: ApplicationRow[], keyOf: (r: ApplicationRow) => K): Map<K, ApplicationRow[]> {
  const groups = new Map<K, ApplicationRow[]>();
  for (const r of rows) {
    const g = groups.get(keyOf(r));
    if (g) g.push(r);
    else groups.set(keyOf(r), [r]);
  }
  return groups;
}

/**
 * The year's applications arranged for deriving many views: ordered by month, and by days within a
 * month (so a view is one contiguous slice, and sorting its days for the median merges ≤ 12 sorted runs).
 */
export interface ApplicationYear {
  rows: ApplicationRow[];
  /** `start[m - 1]`: the first row of month m; `start[12]`: the number of rows. */
  start: number[];
}

const byDays = (a: ApplicationRow, b: ApplicationRow) =>
  a.days === b.days ? 0 : a.days === null ? 1 : b.days === null ? -1 : a.days - b.days;

export function indexApplications(rows: ApplicationRow[]): ApplicationYear {
  const ordered = [...rows].sort((a, b) => a.month - b.month || byDays(a, b));
  const start: number[] = [];
  let i = 0;
  for (let m = 1; m <= 13; m++) {
    while (i < ordered.length && ordered[i].month < m) i++;
    start.push(i);
  }
  return { rows: ordered, start };
}

export function deriveCertifications(year: ApplicationYear, view: ApplicationView) {
  const months = year.rows.slice(year.start[view.monthFrom - 1], year.start[view.monthTo]);
  const inView = view.townCode ? months.filter((r) => r.townCode === view.townCode) : months;
  const byHospital = [...groupBy(inView, (r) => r.hospitalId)].map(([hospitalId, rs]) => ({
    hospitalId,
    hospitalName: rs[0].hospitalName,
    ...countsOf(rs),
  }));
  const byDisease = [...groupBy(inView, (r) => r.diseaseCode)].map(([diseaseCode, rs]) => ({
    diseaseCode,
    diseaseName: rs.reduce((newest, r) => (r.versionFrom > newest.versionFrom ? r : newest)).diseaseName,
    ...countsOf(rs),
  }));
  return { byHospital, byDisease, totals: countsOf(inView) };
}
