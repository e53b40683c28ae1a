/**
 * Rules for the agency's 门诊慢特病 catalog (dated versions) and the delegation of diseases to
 * hospitals. Dates are calendar days 'YYYY-MM-DD'; delegation periods are inclusive at both ends,
 * an open end (validTo null) runs for ever.
 */
import { addDays } from './calendar';

/** Catalog code: one capital letter and 5 digits (M00503 national, L00001 local). */
export const DISEASE_CODE_RE = /^[A-Z]\d{5}$/;

export const MAX_VALIDITY_MONTHS = 120;

/** A real calendar day written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  try {
    addDays(s, 0);
    return true;
  } catch {
    return false;
  }
}

export interface VersionRules {
  forResident: boolean;
  forEmployee: boolean;
  reviewExempt: boolean;
  validityMonths: number | null;
}

/** The content of a version: open to at least one scheme; a validity of 1..120 months unless 免复审. */
export function versionContentProblem(v: VersionRules): { field: keyof VersionRules; message: string } | null {
  if (!v.forResident && !v.forEmployee)
    return { field: 'forResident', message: '请至少选择一个适用险种（城乡居民或职工）' };
  if (v.reviewExempt) return null;
  const n = v.validityMonths;
  if (n === null) return { field: 'validityMonths', message: '非免复审病种须填写认定有效期（月）' };
  if (!Number.isInteger(n) || n < 1 || n > MAX_VALIDITY_MONTHS) {
    return { field: 'validityMonths', message: `认定有效期应为 1–${MAX_VALIDITY_MONTHS} 个月的整数` };
  }
  return null;
}

/**
 * The effective date of a new version: today or later (a past date would rewrite the rules past
 * decisions were made under), and not the date of an existing version (versions are never edited).
 */
export function versionDateProblem(
  effectiveFrom: string,
  today: string,
  existingDates: readonly string[],
): { kind: 'past' | 'duplicate'; message: string } | null {
  if (effectiveFrom < today) {
    return {
      kind: 'past',
      message: `生效日期 ${effectiveFrom} 早于今天（${today}）：目录变更只能从今天或以后生效，已生效的版本不能追溯修改`,
    };
  }
  if (existingDates.includes(effectiveFrom)) {
    return { kind: 'duplicate', message: `该病种已有 ${effectiveFrom} 生效的版本；版本不能修改，请选择其他生效日期` };
  }
  return null;
}

export interface DatedVersion {
  effectiveFrom: string;
}

/**
 * What the catalog list shows for one disease: the version in force on `today` (or, when none is
 * yet, the first scheduled one), and the next version scheduled after today, if any.
 */
export function currentAndNext<V extends DatedVersion>(
  versions: readonly V[],
  today: string,
): { shown: V; inForce: boolean; next: V | null } | null {
  const sorted = [...versions].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  const past = sorted.filter((v) => v.effectiveFrom <= today);
  const future = sorted.filter((v) => v.effectiveFrom > today);
  if (past.length > 0) return { shown: past[past.length - 1], inForce: true, next: future[0] ?? null };
  if (future.length > 0) return { shown: future[0], inForce: false, next: future[1] ?? null };
  return null;
}

export interface Period {
  validFrom: string;
  validTo: string | null;
}

/** Two inclusive periods share at least one day. */
export function periodsOverlap(a: Period, b: Period): boolean {
  return (b.validTo === null || a.validFrom <= b.validTo) && (a.validTo === null || b.validFrom <= a.validTo);
}

const spanText = (p: Period) => (p.validTo === null ? `${p.validFrom} 起长期` : `${p.validFrom} 至 ${p.validTo}`);

/**
 * A new delegation of a disease to a hospital: starts today or later, ends on or after its start,
 * and does not overlap another delegation of the same disease to the same hospital.
 */
export function delegationGrantProblem(
  existing: readonly Period[],
  grant: Period,
  today: string,
): { kind: 'dates' | 'overlap'; message: string } | null {
  if (grant.validFrom < today)
    return { kind: 'dates', message: `授权开始日期 ${grant.validFrom} 早于今天（${today}），授权不能追溯` };
  if (grant.validTo !== null && grant.validTo < grant.validFrom)
    return { kind: 'dates', message: '授权终止日期不能早于开始日期' };
  const clash = existing.find((p) => periodsOverlap(p, grant));
  if (clash) return { kind: 'overlap', message: `该医院已有此病种的授权（${spanText(clash)}），与新授权期间重叠` };
  return null;
}

/**
 * Ending a delegation on `validTo` (its last day): not before its start, not before yesterday
 * (ending on yesterday stops it today; decisions already made are not undone retroactively), and
 * not one that has already ended or later than an end already set.
 */
export function delegationEndProblem(delegation: Period, validTo: string, today: string): string | null {
  if (delegation.validTo !== null && delegation.validTo < today) return `该授权已于 ${delegation.validTo} 终止`;
  if (validTo < delegation.validFrom) return `终止日期不能早于授权开始日期 ${delegation.validFrom}`;
  const yesterday = addDays(today, -1);
  if (validTo < yesterday) return `终止日期最早为昨天（${yesterday}，即今天起停止授权），不能追溯终止`;
  if (delegation.validTo !== null && validTo > delegation.validTo)
    return `终止日期不能晚于已定的终止日期 ${delegation.validTo}`;
  return null;
}

/**
 * Cancelling (deleting) a delegation is for one that has not started yet (granted by mistake or
 * no longer wanted); once it has started, decisions may rest on it and it can only be ended.
 */
export function delegationCancelProblem(delegation: Period, today: string): string | null {
  if (delegation.validFrom <= today) return `该授权已于 ${delegation.validFrom} 生效，不能取消，只能终止`;
  return null;
}

/** The 6-digit area part of a hospital code H + area + serial (H37100300001 → 371003). */
export function hospitalAreaCode(code: string): string {
  return code.slice(1, 7);
}
