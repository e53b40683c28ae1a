/**
 * 医疗救助 (medical assistance) rules. Pure: no I/O.
 *
 * - The per-person annual cap (seed 004): 住院 and 门诊 assistance of one person in one calendar
 *   year counted together, at most 5万元. A record that takes the person's year-to-date past the cap
 *   is kept whole and flagged (capExceeded) with the amount by which it passes — never cut.
 * - Reversals (冲销/退费结算): a reversal row cancels its original; the original and the reversal
 *   then count for nothing (neither in 人次 nor in 金额). A reversal whose original is unknown is an
 *   error row, never a negative record that adds.
 * - A record "stands" when it is a settlement that no reversal cancelled. 人次 = standing
 *   settlements; 人数 = distinct people with at least one standing settlement; 金额 = the sum of
 *   the standing settlements' assistance.
 */
import { CATEGORY_PRECEDENCE } from './subsidy';
import type { PersonCategory } from './list-row';
import { toHalfWidth } from './import-headers';

export type MedType = 'inpatient' | 'outpatient';
export type AssistanceKind = 'settlement' | 'reversal';

/** Seed 004: 住院 and 门诊 assistance together, at most 5万元 per person per year. */
export const ASSISTANCE_ANNUAL_CAP_FEN = 5_000_000;

export const MED_TYPE_LABELS: Record<MedType, string> = { inpatient: '住院', outpatient: '门诊' };

export const ASSISTANCE_SOURCE_LABELS: Record<'import' | 'manual' | 'settlement', string> = {
  import: '导入',
  manual: '手工录入',
  settlement: '一站式结算',
};

/**
 * National MED_TYPE codes (医疗类别): 1x 门诊 (11 普通门诊, 12 门诊挂号, 13 急诊, 14 门诊慢特病,
 * 15/16/19 门诊统筹 and others), 2x 住院 (21 普通住院, 22 外伤住院, 23 转外诊治住院, 24 急诊转住院,
 * 25 异地住院, 26 单病种住院, 28 日间手术), 41 定点药店购药 (门诊), 51 生育门诊, 52 生育住院.
 */
function medTypeOfCode(code: string): MedType | null {
  if (code === '52' || code === '5302') return 'inpatient';
  if (code === '51' || code === '41' || code === '5301') return 'outpatient';
  if (/^1\d{1,3}$/.test(code)) return 'outpatient';
  if (/^2\d{1,3}$/.test(code)) return 'inpatient';
  return null;
}

/** 住院 / 21 / 普通住院 / 日间手术 → inpatient; 门诊 / 11 / 门诊慢特病 / 急诊 / 药店购药 → outpatient; else null. */
export function parseMedType(value: unknown): MedType | null {
  const s = toHalfWidth(value == null ? '' : String(value))
    .replace(/\s+/g, '')
    .toLowerCase();
  if (s === '') return null;
  if (s === 'inpatient') return 'inpatient';
  if (s === 'outpatient') return 'outpatient';
  const code = /^(\d{2,4})(?:[-—:：.、]?\D.*)?$/.exec(s)?.[1];
  if (code) return medTypeOfCode(code);
  if (/住院|日间手术|入院/.test(s)) return 'inpatient';
  if (/门诊|急诊|门特|门慢|慢特病|慢病|特殊病|购药|药店|两病/.test(s)) return 'outpatient';
  return null;
}

/** 退费结算标志: 1 / 是 / Y / 退费 / 冲销 → true; 0 / 否 / N / 正常 / blank → false; anything else → null. */
export function parseRefundFlag(value: unknown): boolean | null {
  const s = toHalfWidth(value == null ? '' : String(value))
    .replace(/\s+/g, '')
    .toUpperCase();
  if (['', '0', '否', 'N', 'NO', 'FALSE', '正常', '正常结算', '结算'].includes(s)) return false;
  if (['1', '是', 'Y', 'YES', 'TRUE', '退费', '退费结算', '冲销', '冲正', '撤销'].includes(s)) return true;
  return null;
}

/** A record's facts the rules need. */
export interface AssistanceFacts {
  id: number;
  kind: AssistanceKind;
  reversedById: number | null;
  settlementDate: string;
  assistanceFen: number;
}

/** A settlement that no reversal cancelled: it counts in 人次, 人数 and 金额. */
export const stands = (r: Pick<AssistanceFacts, 'kind' | 'reversedById'>): boolean =>
  r.kind === 'settlement' && r.reversedById == null;

export interface CapAssessment {
  /** The person's standing assistance of the year up to and including this record. */
  ytdFen: number;
  /** This record takes the year-to-date past the cap (it is kept whole, never cut). */
  capExceeded: boolean;
  /** How much of this record lies beyond the cap (0 when not flagged). */
  excessFen: number;
}

/**
 * The cap check of one person's year: standing records in settlement-date order (then id), a
 * running total; a record whose running total passes `capFen` is flagged with the part of it
 * beyond the cap. Records that do not stand are never flagged (ytd: what stood before them).
 */
export function assessCap(
  records: readonly AssistanceFacts[],
  capFen = ASSISTANCE_ANNUAL_CAP_FEN,
): Map<number, CapAssessment> {
  const ordered = [...records].sort((a, b) =>
    a.settlementDate < b.settlementDate ? -1 : a.settlementDate > b.settlementDate ? 1 : a.id - b.id,
  );
  const out = new Map<number, CapAssessment>();
  let ytd = 0;
  for (const r of ordered) {
    if (!stands(r)) {
      out.set(r.id, { ytdFen: ytd, capExceeded: false, excessFen: 0 });
      continue;
    }
    const before = ytd;
    ytd += r.assistanceFen;
    const excess = ytd > capFen ? ytd - Math.max(before, capFen) : 0;
    out.set(r.id, { ytdFen: ytd, capExceeded: excess > 0, excessFen: excess });
  }
  return out;
}

/** A person's year against the cap: the standing total and how much of it lies beyond the cap. */
export function yearOverCap(
  records: readonly Pick<AssistanceFacts, 'kind' | 'reversedById' | 'assistanceFen'>[],
  capFen = ASSISTANCE_ANNUAL_CAP_FEN,
): { totalFen: number; excessFen: number } {
  const totalFen = records.filter(stands).reduce((s, r) => s + r.assistanceFen, 0);
  return { totalFen, excessFen: Math.max(0, totalFen - capFen) };
}

/** The original a reversal names, as found (null: unknown). */
export interface ReversalTarget {
  id: number;
  kind: AssistanceKind;
  reversedById: number | null;
  personId: number;
  assistanceFen: number;
}

/**
 * Why a reversal cannot cancel its original (Chinese), or null when it can. A reversal cancels a
 * settlement of the same person not yet cancelled, for the same assistance amount (the sign of the
 * reversal's amount is ignored: exports write it negative or positive).
 */
export function reversalProblem(
  reversal: { initSettlementId: string; personId: number; assistanceFen: number },
  original: ReversalTarget | null,
): string | null {
  if (!original) return `冲销的原结算（原结算ID ${reversal.initSettlementId}）不存在：未导入原结算，冲销不能单独计入`;
  if (original.kind !== 'settlement') return `原结算ID ${reversal.initSettlementId} 本身是一条冲销记录，不能再被冲销`;
  if (original.reversedById != null) return `原结算（原结算ID ${reversal.initSettlementId}）已被冲销过`;
  if (original.personId !== reversal.personId)
    return `冲销记录的人员与原结算（${reversal.initSettlementId}）的人员不一致`;
  if (Math.abs(reversal.assistanceFen) !== original.assistanceFen)
    return `冲销金额与原结算（${reversal.initSettlementId}）的医疗救助金额不一致`;
  return null;
}

/** The most favourable category among the lists naming a person (CATEGORY_PRECEDENCE), null when none. */
export function favouredCategory(categories: readonly (string | null)[]): PersonCategory | null {
  let best: PersonCategory | null = null;
  let bestRank = Infinity;
  for (const c of categories) {
    const rank = CATEGORY_PRECEDENCE.indexOf(c as PersonCategory);
    if (rank >= 0 && rank < bestRank) {
      best = c as PersonCategory;
      bestRank = rank;
    }
  }
  return best;
}

/** The totals of a set of records: what the list, its export and the dashboard cards all show. */
export interface AssistanceTotals {
  /** Records listed (standing, cancelled originals and reversals alike). */
  total: number;
  /** 人次: standing settlements. */
  personTimes: number;
  /** 人数: distinct people with a standing settlement. */
  people: number;
  /** 金额: the standing settlements' assistance, fen; and split by medical type. */
  assistanceFen: number;
  inpatientFen: number;
  outpatientFen: number;
}

/** The totals of records in memory (the SQL of db/queries/assistance.ts computes the same). */
export function assistanceTotals(
  records: readonly (Pick<AssistanceFacts, 'kind' | 'reversedById' | 'assistanceFen'> & {
    personId: number;
    medType: MedType;
  })[],
): AssistanceTotals {
  const standing = records.filter(stands);
  const sum = (rs: typeof standing) => rs.reduce((s, r) => s + r.assistanceFen, 0);
  return {
    total: records.length,
    personTimes: standing.length,
    people: new Set(standing.map((r) => r.personId)).size,
    assistanceFen: sum(standing),
    inpatientFen: sum(standing.filter((r) => r.medType === 'inpatient')),
    outpatientFen: sum(standing.filter((r) => r.medType === 'outpatient')),
  };
}

/** The settlement date's year (the record's year: the cap and every total are per calendar year). */
export const yearOfDate = (date: string): number => Number(date.slice(0, 4));
