/**
 * Contribution subsidies (参保缴费资助), the rules: a person's personal contribution for a year
 * (by tier and age group), the subsidy a category's rule gives (`full`: the whole contribution;
 * `fixed`: an amount, never more than the contribution), the one most favourable subsidy of a
 * person named by several lists, and what a mid-year addition gets (refund or the pre-allocated
 * fund). Money in integer fen. Pure: no I/O.
 *
 * Seeds: 002 (文登 2019: adults 450 元, students 200 元; 2020: 一档 450 / 二档 650, minors and college
 * students 200; "年中新增人员，已缴费的按规定标准返还本人；未缴费的从财政预拨资金予以解决"), 004 (峄城:
 * 特困人员 the whole personal contribution; 低保, 返贫致贫, 低保边缘, 监测帮扶 a fixed amount each).
 */
import type { PersonCategory } from './list-row';

export type Tier = 'tier1' | 'tier2';
export type AgeGroup = 'adult' | 'minor' | 'student';

/** The personal contribution of a year, in fen, by tier and age group. */
export type Contributions = Record<Tier, Record<AgeGroup, number>>;

export type SubsidyRule =
  { category: PersonCategory; kind: 'full' } | { category: PersonCategory; kind: 'fixed'; amountFen: number };

/**
 * Equal amounts: the category first in this order wins (the one whose policy is the strongest
 * entitlement: 特困 are 全额资助 by law, then 低保, 返贫致贫, 低保边缘, 监测帮扶, 脱贫, the others).
 */
export const CATEGORY_PRECEDENCE: readonly PersonCategory[] = [
  'tekun',
  'dibao',
  'poverty_returned',
  'dibao_edge',
  'monitored',
  'poverty_alleviated',
  'disabled_severe',
  'veteran',
  'other',
];

/** Under 18 in the year → minor; a college student by status; otherwise adult. */
export function ageGroupOf(birthDate: string, year: number, isCollegeStudent = false): AgeGroup {
  if (isCollegeStudent) return 'student';
  return year - Number(birthDate.slice(0, 4)) < 18 ? 'minor' : 'adult';
}

export function contributionOf(c: Contributions, tier: Tier, group: AgeGroup): number {
  return c[tier][group];
}

/** What a rule gives for a contribution: `full` all of it, `fixed` its amount capped at the contribution. */
export function subsidyOf(rule: SubsidyRule, contributionFen: number): number {
  if (rule.kind === 'full') return contributionFen;
  return Math.max(0, Math.min(rule.amountFen, contributionFen));
}

/** One list naming the person in the year. */
export interface ListEntry {
  category: PersonCategory;
  source: string;
  listDate: string;
}

export interface Candidate extends ListEntry {
  amountFen: number | null;
}

export interface Loser extends Candidate {
  /** Chinese: why this entry is not the one paid. */
  reason: string;
}

export interface SubsidyChoice {
  winner: (Candidate & { amountFen: number }) | null;
  losers: Loser[];
}

const rank = (c: PersonCategory) => {
  const i = CATEGORY_PRECEDENCE.indexOf(c);
  return i < 0 ? CATEGORY_PRECEDENCE.length : i;
};

/**
 * One subsidy per person per year, the most favourable: every entry's amount under the year's
 * rules; the highest wins; equal amounts → CATEGORY_PRECEDENCE, then the earlier list date.
 * Every other entry is returned with the reason it lost.
 */
export function chooseSubsidy(
  entries: readonly ListEntry[],
  rules: readonly SubsidyRule[],
  contributionFen: number,
  labels: Record<PersonCategory, string>,
): SubsidyChoice {
  const ruleOf = new Map(rules.map((r) => [r.category, r]));
  const candidates: Candidate[] = entries.map((e) => {
    const rule = ruleOf.get(e.category);
    return { ...e, amountFen: rule ? subsidyOf(rule, contributionFen) : null };
  });
  const ranked = candidates
    .filter((c): c is Candidate & { amountFen: number } => c.amountFen != null && c.amountFen > 0)
    .sort(
      (a, b) =>
        b.amountFen - a.amountFen || rank(a.category) - rank(b.category) || a.listDate.localeCompare(b.listDate),
    );
  const winner = ranked[0] ?? null;
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const losers: Loser[] = candidates
    .filter((c) => c !== winner)
    .map((c) => {
      let reason: string;
      if (c.amountFen == null) reason = `该年度没有“${labels[c.category]}”的资助标准`;
      else if (c.amountFen === 0) reason = `按“${labels[c.category]}”标准资助 0 元`;
      else if (!winner) reason = '';
      else if (c.category === winner.category)
        reason = `同为“${labels[c.category]}”，已按另一份名单（${winner.listDate}）计一次`;
      else if (c.amountFen < winner.amountFen)
        reason = `按“${labels[c.category]}”资助 ${yuan(c.amountFen)} 元，低于按“${labels[winner.category]}”的 ${yuan(winner.amountFen)} 元`;
      else
        reason = `与“${labels[winner.category]}”同为 ${yuan(c.amountFen)} 元，按类别先后顺序取“${labels[winner.category]}”`;
      return { ...c, reason };
    });
  return { winner, losers };
}

/** A person added by a newer list after the roster was approved: paid themselves → refund; not yet → the fund pays. */
export function midYearSettlement(
  subsidyFen: number,
  paidFen: number,
): { kind: 'refund'; amountFen: number } | { kind: 'fund'; amountFen: number } {
  if (paidFen > 0) return { kind: 'refund', amountFen: Math.min(subsidyFen, paidFen) };
  return { kind: 'fund', amountFen: subsidyFen };
}

export interface RosterLine {
  personId: number;
  category: PersonCategory;
  amountFen: number;
}

export interface Adjustment {
  personId: number;
  /** Signed: what is added to (or taken from) the frozen line. */
  deltaFen: number;
  reason: 'added' | 'amount_changed';
  category: PersonCategory;
}

/**
 * A regenerated roster against the frozen (approved) one: new people and changed amounts become
 * adjustment lines with signed deltas; people no longer listed get nothing in later batches, and
 * what was already paid to them stays (no negative line): they are returned apart.
 */
export function adjustmentsOf(
  frozen: readonly RosterLine[],
  current: readonly RosterLine[],
): { adjustments: Adjustment[]; removed: RosterLine[] } {
  const before = new Map(frozen.map((l) => [l.personId, l]));
  const now = new Map(current.map((l) => [l.personId, l]));
  const adjustments: Adjustment[] = [];
  for (const line of current) {
    const old = before.get(line.personId);
    if (!old)
      adjustments.push({ personId: line.personId, deltaFen: line.amountFen, reason: 'added', category: line.category });
    else if (old.amountFen !== line.amountFen) {
      adjustments.push({
        personId: line.personId,
        deltaFen: line.amountFen - old.amountFen,
        reason: 'amount_changed',
        category: line.category,
      });
    }
  }
  return { adjustments, removed: frozen.filter((l) => !now.has(l.personId)) };
}

/**
 * A bank account as typed ("农业银行 6228 4800 1234 5678") kept masked: every run of 8 or more
 * digits keeps its first 4 and last 4 (6228********5678); the portal stores no whole account number.
 */
export function maskAccountRef(text: string): string {
  return text.trim().replace(/(\d[\d\s-]{6,}\d)/g, (run) => {
    const digits = run.replace(/\D/g, '');
    if (digits.length < 8) return run;
    return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 8)}${digits.slice(-4)}`;
  });
}
