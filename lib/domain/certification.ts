/**
 * 门诊慢特病认定 (outpatient chronic/special disease certification) — pure rules used at the
 * delegated hospital's workstation and at the agency. Dates are calendar days 'YYYY-MM-DD'
 * (no time zone); periods are inclusive at both ends.
 */

import { addDays, addMonthsClamped, parseDate } from './calendar';

export type CertStatus = 'approved' | 'rejected' | 'revoked' | 'pending';
export type CertPeriod = { startDate: string; endDate: string | null };
export type CertLike = { status: CertStatus; startDate: string | null; endDate: string | null };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The certification period starting on `startDate`.
 * - review-exempt (免复审) diseases: no end date (endDate null);
 * - otherwise endDate = addMonthsClamped(start, validityMonths) − 1 day, i.e. the day before the
 *   (clamped) anniversary: 2026-01-15 + 24 → 2028-01-14; 2026-01-31 + 1 → 2026-02-28 − 1 day
 *   = 2026-02-27 (the same rule as java.time plusMonths(n).minusDays(1)).
 * A non-exempt disease without validityMonths is a catalog error and throws.
 */
export function certificationPeriod(
  startDate: string,
  disease: { reviewExempt: boolean; validityMonths: number | null },
): CertPeriod {
  parseDate(startDate, '认定开始日期');
  if (disease.reviewExempt) return { startDate, endDate: null };
  const n = disease.validityMonths;
  if (n === null) throw new Error('病种目录配置错误：该病种不是免复审病种，但未设置有效期（月），无法计算认定有效期');
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`病种有效期（月）应为正整数，实为 ${n}`);
  return { startDate, endDate: addDays(addMonthsClamped(startDate, n), -1) };
}

/** Approved, started on or before `date`, and not ended before it (open-ended = no end). */
export function isActiveOn(cert: CertLike, date: string): boolean {
  parseDate(date);
  if (cert.status !== 'approved' || cert.startDate === null) return false;
  return cert.startDate <= date && (cert.endDate === null || cert.endDate >= date);
}

const periodText = (start: string | null, end: string | null) =>
  end === null ? `${start ?? '—'} 起长期有效` : `${start ?? '—'} 至 ${end}`;

/**
 * A person may not hold two active certifications of the same disease: an approved one (revoked
 * and rejected ones have another status) whose period is open-ended or ends on/after the new
 * start date blocks the new one — this includes one that starts later than the new start date.
 */
export function duplicateActiveProblem(
  existing: readonly (CertLike & { diseaseCode: string; diseaseName?: string })[],
  diseaseCode: string,
  startDate: string,
): string | null {
  parseDate(startDate, '认定开始日期');
  const hit = existing.find(
    (c) => c.diseaseCode === diseaseCode && c.status === 'approved' && (c.endDate === null || c.endDate >= startDate),
  );
  if (!hit) return null;
  const label = hit.diseaseName ? `“${hit.diseaseName}”` : `病种 ${diseaseCode}`;
  return `该人员已持有${label}的有效认定（${periodText(hit.startDate, hit.endDate)}），不能重复认定`;
}

/**
 * A hospital files one application per person and disease at a time: while one of its own is
 * still pending (filed, not yet decided), a second is refused and the first is to be decided.
 * (Without this, the second would stay pending for good once the first was approved.)
 */
export function pendingDuplicateProblem(
  existing: readonly {
    diseaseCode: string;
    diseaseName?: string;
    status: CertStatus;
    hospitalId: number;
    filedOn: string;
  }[],
  diseaseCode: string,
  hospitalId: number,
): string | null {
  const hit = existing.find(
    (c) => c.diseaseCode === diseaseCode && c.status === 'pending' && c.hospitalId === hospitalId,
  );
  if (!hit) return null;
  const label = hit.diseaseName ? `“${hit.diseaseName}”` : `病种 ${diseaseCode}`;
  return `本院已于 ${hit.filedOn} 受理该人员${label}的认定申请，尚未作出决定：请在“本院认定记录”中找到该“待决定”申请，点“作出决定”，不要重复申请`;
}

/** Enrolled this year, and the disease is open to the person's scheme (居民 / 职工). */
export function schemeEligibilityProblem(
  disease: { forResident: boolean; forEmployee: boolean; name: string },
  enrollment: { scheme: 'resident' | 'employee' } | null,
): string | null {
  if (enrollment === null) return '该人员本年度未参保，不能认定';
  const open = enrollment.scheme === 'resident' ? disease.forResident : disease.forEmployee;
  if (open) return null;
  if (disease.forResident) return `${disease.name} 仅限城乡居民参保人员`;
  if (disease.forEmployee) return `${disease.name} 仅限职工医保参保人员`;
  return `${disease.name} 目前未对任何险种开放认定`;
}

/** The hospital may certify the disease on `onDate` (validFrom ≤ onDate ≤ validTo, both inclusive). */
export function delegationProblem(
  hospitalDiseases: readonly { diseaseCode: string; validFrom: string; validTo: string | null }[],
  diseaseCode: string,
  onDate: string,
): string | null {
  parseDate(onDate);
  const rows = hospitalDiseases.filter((h) => h.diseaseCode === diseaseCode);
  if (rows.some((h) => h.validFrom <= onDate && (h.validTo === null || h.validTo >= onDate))) return null;
  if (rows.length === 0)
    return `本院未获授权认定该病种（${diseaseCode}），请告知参保人到有该病种认定权限的医院或医保经办机构办理`;
  const spans = rows.map((h) => periodText(h.validFrom, h.validTo).replace('长期有效', '')).join('；');
  return `本院对该病种（${diseaseCode}）的认定授权期为 ${spans}，${onDate} 不在授权期内`;
}

/** Whole minutes from filing to decision (rounded down); a decision before filing throws. */
export function decisionMinutes(filedAt: Date, decidedAt: Date): number {
  const ms = decidedAt.getTime() - filedAt.getTime();
  if (Number.isNaN(ms)) throw new RangeError('申请时间或决定时间无效');
  if (ms < 0) throw new RangeError('决定时间早于申请时间');
  return Math.floor(ms / 60_000);
}

/**
 * < 60 → '即时办理（3 分钟）' ('即时办理（不足 1 分钟）' for 0); < 1 day → '2 小时 5 分钟' ('2 小时'
 * when the minutes are 0); otherwise '3 天' or '3 天 4 小时' (leftover minutes are dropped).
 */
export function formatDuration(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`时长应为非负整数分钟，实为 ${minutes}`);
  if (minutes < 60) return minutes === 0 ? '即时办理（不足 1 分钟）' : `即时办理（${minutes} 分钟）`;
  if (minutes < 1440) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
  }
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  return h === 0 ? `${d} 天` : `${d} 天 ${h} 小时`;
}

/**
 * 复审 list: approved, not review-exempt (endDate set), and today ≤ endDate ≤ today + withinDays;
 * soonest first (ties keep input order).
 */
export function dueForReview<T extends CertLike>(certs: readonly T[], today: string, withinDays = 60): T[] {
  if (!Number.isInteger(withinDays) || withinDays < 0) throw new RangeError(`天数应为非负整数，实为 ${withinDays}`);
  const last = addDays(today, withinDays);
  return certs
    .filter((c) => c.status === 'approved' && c.endDate !== null && c.endDate >= today && c.endDate <= last)
    .sort((a, b) => (a.endDate! < b.endDate! ? -1 : a.endDate! > b.endDate! ? 1 : 0));
}

/** Trims and upper-cases an ICD-10 code ('e11.9 ' → 'E11.9'). */
export function normalizeIcd10(code: string): string {
  return code.trim().toUpperCase();
}

/** ICD-10: letter + 2 digits, optionally '.' + 1–2 letters/digits (I10, E11.9, C34.9, N18.5). */
export function isValidIcd10(code: string): boolean {
  // ICD-10 and the national clinical edition (医保版): I10, E11.9, E11.900, E11.900X001.
  return /^[A-Z]\d{2}(\.[0-9A-Z]{1,3}(X\d{3})?)?$/.test(normalizeIcd10(code));
}

/** 定点医疗机构编码: 'H' + 6-digit area code (first digit not 0) + 5-digit serial, e.g. H37100300001. */
export function isValidHospitalCode(code: string): boolean {
  return /^H[1-9]\d{5}\d{5}$/.test(code);
}

/** 'MT-' + hospital code + year + 6-digit serial: certificateNumber('H37100300001', 2026, 123) → 'MT-H37100300001-2026-000123'. */
export function certificateNumber(hospitalCode: string, year: number, serial: number): string {
  if (!isValidHospitalCode(hospitalCode)) throw new RangeError(`医疗机构编码格式错误：${hospitalCode}`);
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`年度应为 4 位年份，实为 ${year}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 999_999)
    throw new RangeError(`流水号应为 1..999999 的整数，实为 ${serial}`);
  return `MT-${hospitalCode}-${year}-${pad(serial, 6)}`;
}

/**
 * The start date of an approval: not before the diagnosis date (the condition must be diagnosed)
 * and not after the decision day (an on-the-spot decision takes effect at once, not in the future).
 */
export function startDateProblem(startDate: string, diagnosisDate: string, today: string): string | null {
  parseDate(startDate, '认定开始日期');
  if (startDate < diagnosisDate) return `认定开始日期不能早于诊断日期（${diagnosisDate}）`;
  if (startDate > today) return `认定开始日期不能晚于今天（${today}）`;
  return null;
}
