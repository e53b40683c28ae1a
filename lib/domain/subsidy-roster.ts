/**
 * Building a roster batch (参保缴费资助花名册) from what the lists and the registry say for a year,
 * against what is already approved. Pure: the caller reads the facts and writes the lines.
 *
 * - A person's subsidy is the most favourable of the latest list versions naming them
 *   (`chooseSubsidy`), for their tier (the year's resident enrollment, 一档 when not yet enrolled) and
 *   age group.
 * - Not yet approved for the person: a `roster` line — or, when their town's roster was already
 *   approved this year, an `addition` (年中新增): paid themselves → refund, not yet → the fund.
 * - Approved already: a changed amount becomes a signed `change` line referring to the frozen line;
 *   a person no longer listed gets nothing more, and what was paid stays (`stopped`).
 * - Enrolled in the employee scheme only: not a resident contribution, listed apart.
 */
import type { PersonCategory } from './list-row';
import {
  adjustmentsOf,
  ageGroupOf,
  chooseSubsidy,
  contributionOf,
  midYearSettlement,
  type AgeGroup,
  type Contributions,
  type ListEntry,
  type SubsidyChoice,
  type SubsidyRule,
  type Tier,
} from './subsidy';

export interface PersonFacts {
  personId: number;
  townCode: string;
  birthDate: string;
  /** The tier of the year's active resident enrollment; null when not enrolled as a resident. */
  tier: Tier | null;
  /** Enrolled in the employee scheme this year and not as a resident. */
  employeeOnly: boolean;
  /** What the person paid themselves for the year (resident enrollment). */
  paidFen: number;
  /** The latest version of every list naming the person this year. */
  entries: ListEntry[];
}

export interface YearStandards {
  standardId: number;
  contributions: Contributions;
  rules: (SubsidyRule & { ruleId: number })[];
}

/** What is approved for a person this year: their frozen first line and the net amount with approved changes. */
export interface ApprovedState {
  lineId: number;
  category: PersonCategory;
  netFen: number;
}

export type LineKind = 'roster' | 'addition' | 'change';
export type Settlement = 'subsidy' | 'refund' | 'fund';

export interface PlannedLine {
  personId: number;
  townCode: string;
  kind: LineKind;
  category: PersonCategory;
  source: string;
  tier: Tier;
  ageGroup: AgeGroup;
  contributionFen: number;
  /** roster / addition: the subsidy; change: the signed delta. */
  amountFen: number;
  paidFen: number;
  settlement: Settlement;
  refLineId: number | null;
  ruleId: number | null;
}

export interface Entitlement {
  personId: number;
  townCode: string;
  category: PersonCategory;
  source: string;
  tier: Tier;
  ageGroup: AgeGroup;
  contributionFen: number;
  amountFen: number;
  paidFen: number;
  ruleId: number | null;
}

export type ApartReason = 'employee_only' | 'no_standard';

export const APART_REASONS: Record<ApartReason, string> = {
  employee_only: '本年度参加职工医保，不属于居民个人缴费资助范围',
  no_standard: '所属类别本年度没有资助标准（或资助为 0 元）',
};

/** The winning entry of a person's entries for their contribution (chooseSubsidy's winner). */
type ChooseWinner = (entries: readonly ListEntry[], contributionFen: number) => SubsidyChoice['winner'];

/** A person's entitlement this year, or why they get none. */
export function entitlementOf(
  p: PersonFacts,
  year: number,
  standards: YearStandards,
  labels: Record<PersonCategory, string>,
): Entitlement | { apart: ApartReason } {
  const choose: ChooseWinner = (entries, fen) => chooseSubsidy(entries, standards.rules, fen, labels).winner;
  return entitlementWith(p, year, standards, choose, ruleIdsOf(standards));
}

/** The id of the year's rule for each category (the first rule listed for it, as `rules.find` gives). */
function ruleIdsOf(standards: YearStandards): Map<PersonCategory, number> {
  const ids = new Map<PersonCategory, number>();
  for (const r of standards.rules) if (!ids.has(r.category)) ids.set(r.category, r.ruleId);
  return ids;
}

function entitlementWith(
  p: PersonFacts,
  year: number,
  standards: YearStandards,
  choose: ChooseWinner,
  ruleIds: Map<PersonCategory, number>,
): Entitlement | { apart: ApartReason } {
  if (p.employeeOnly) return { apart: 'employee_only' };
  const tier: Tier = p.tier ?? 'tier1';
  const ageGroup = ageGroupOf(p.birthDate, year);
  const contributionFen = contributionOf(standards.contributions, tier, ageGroup);
  const winner = choose(p.entries, contributionFen);
  if (!winner) return { apart: 'no_standard' };
  return {
    personId: p.personId,
    townCode: p.townCode,
    category: winner.category,
    source: winner.source,
    tier,
    ageGroup,
    contributionFen,
    amountFen: winner.amountFen,
    paidFen: p.paidFen,
    ruleId: ruleIds.get(winner.category) ?? null,
  };
}

/**
 * chooseSubsidy's winner, computed once per distinct contribution and entries: a district's roster
 * of 30,000 people has a few hundred such combinations, and the choice (with its losers' reasons,
 * which a roster does not keep) was most of planRoster's time.
 */
function memoizedWinner(standards: YearStandards, labels: Record<PersonCategory, string>): ChooseWinner {
  const cache = new Map<string, SubsidyChoice['winner']>();
  return (entries, contributionFen) => {
    let key = String(contributionFen);
    for (const e of entries) key += `\x1e${e.category}\x1f${e.source}\x1f${e.listDate}`;
    let winner = cache.get(key);
    if (winner === undefined) {
      winner = chooseSubsidy(entries, standards.rules, contributionFen, labels).winner;
      cache.set(key, winner);
    }
    return winner;
  };
}

export interface RosterPlan {
  lines: PlannedLine[];
  /** Approved earlier, no longer listed: nothing more is paid, what was paid stays. */
  stopped: { personId: number; lineId: number; netFen: number }[];
  apart: { personId: number; reason: ApartReason }[];
}

/**
 * The lines of a new batch: `approved` holds the frozen state of the people in scope,
 * `townsApproved` the towns whose roster of the year is approved (later people are additions).
 */
export function planRoster(
  facts: readonly PersonFacts[],
  year: number,
  standards: YearStandards,
  approved: ReadonlyMap<number, ApprovedState>,
  townsApproved: ReadonlySet<string>,
  labels: Record<PersonCategory, string>,
): RosterPlan {
  const apart: RosterPlan['apart'] = [];
  const entitled = new Map<number, Entitlement>();
  const choose = memoizedWinner(standards, labels);
  const ruleIds = ruleIdsOf(standards);
  for (const p of facts) {
    const e = entitlementWith(p, year, standards, choose, ruleIds);
    if ('apart' in e) apart.push({ personId: p.personId, reason: e.apart });
    else entitled.set(p.personId, e);
  }
  const frozen = [...approved.entries()].map(([personId, a]) => ({
    personId,
    category: a.category,
    amountFen: a.netFen,
  }));
  const { adjustments, removed } = adjustmentsOf(frozen, [...entitled.values()]);
  const lines: PlannedLine[] = adjustments.map((adj) => {
    const e = entitled.get(adj.personId)!;
    let kind: LineKind = 'roster';
    let amountFen = e.amountFen;
    let settlement: Settlement = 'subsidy';
    let refLineId: number | null = null;
    if (adj.reason === 'amount_changed') {
      kind = 'change';
      amountFen = adj.deltaFen;
      refLineId = approved.get(adj.personId)!.lineId;
    } else if (townsApproved.has(e.townCode)) {
      kind = 'addition';
      settlement = midYearSettlement(e.amountFen, e.paidFen).kind;
    }
    // One literal (not spreads of the entitlement): 30,000 of them are built for a district.
    return {
      personId: e.personId,
      townCode: e.townCode,
      category: e.category,
      source: e.source,
      tier: e.tier,
      ageGroup: e.ageGroup,
      contributionFen: e.contributionFen,
      amountFen,
      paidFen: e.paidFen,
      ruleId: e.ruleId,
      refLineId,
      settlement,
      kind,
    };
  });
  const stopped = removed
    .filter((r) => r.amountFen > 0)
    .map((r) => ({ personId: r.personId, lineId: approved.get(r.personId)!.lineId, netFen: r.amountFen }));
  return { lines, stopped, apart };
}

/** What a regeneration changed against the lines it replaced (or the approved state it adjusts). */
export interface RosterDiff {
  /** 'draft': compared with the lines of the batch's previous generation; 'first': nothing before. */
  comparedTo: 'draft' | 'first';
  added: { personId: number; afterFen: number }[];
  removed: { personId: number; beforeFen: number }[];
  changed: { personId: number; beforeFen: number; afterFen: number }[];
  /** Approved earlier, no longer listed (nothing more paid, nothing taken back). */
  stopped: { personId: number; netFen: number }[];
  apart: Record<ApartReason, number>;
  /** How many of each there are; the lists above keep the first DIFF_LIST_LIMIT of each. */
  counts: { added: number; removed: number; changed: number; stopped: number };
}

/** The lists of a stored diff keep this many entries each (the counts are whole). */
export const DIFF_LIST_LIMIT = 500;

/** The difference of two generations of a batch (by person: the sum of their lines). */
export function rosterDiff(
  before: readonly { personId: number; amountFen: number }[] | null,
  plan: RosterPlan,
): RosterDiff {
  const sum = (lines: readonly { personId: number; amountFen: number }[]) => {
    const m = new Map<number, number>();
    for (const l of lines) m.set(l.personId, (m.get(l.personId) ?? 0) + l.amountFen);
    return m;
  };
  const now = sum(plan.lines);
  const old = sum(before ?? []);
  const apart = { employee_only: 0, no_standard: 0 };
  for (const a of plan.apart) apart[a.reason]++;
  // Counted whole, kept up to DIFF_LIST_LIMIT: a first roster "adds" every one of its 30,000 people.
  const counts = { added: 0, removed: 0, changed: 0, stopped: plan.stopped.length };
  const added: RosterDiff['added'] = [];
  const removed: RosterDiff['removed'] = [];
  const changed: RosterDiff['changed'] = [];
  for (const [personId, afterFen] of now) {
    const beforeFen = old.get(personId);
    if (beforeFen === undefined) {
      if (counts.added++ < DIFF_LIST_LIMIT) added.push({ personId, afterFen });
    } else if (beforeFen !== afterFen) {
      if (counts.changed++ < DIFF_LIST_LIMIT) changed.push({ personId, beforeFen, afterFen });
    }
  }
  for (const [personId, beforeFen] of old)
    if (!now.has(personId) && counts.removed++ < DIFF_LIST_LIMIT) removed.push({ personId, beforeFen });
  const stopped = plan.stopped.slice(0, DIFF_LIST_LIMIT).map(({ personId, netFen }) => ({ personId, netFen }));
  return { comparedTo: before ? 'draft' : 'first', added, removed, changed, stopped, apart, counts };
}

/** Totals of lines by a key (town or category): people (distinct, first lines only) and fen (all lines). */
export function totalsBy<K extends string>(
  lines: readonly { personId: number; kind: LineKind; amountFen: number }[],
  keyOf: (l: (typeof lines)[number]) => K,
): Map<K, { people: number; amountFen: number }> {
  const out = new Map<K, { people: number; amountFen: number }>();
  for (const l of lines) {
    const k = keyOf(l);
    const t = out.get(k) ?? { people: 0, amountFen: 0 };
    if (l.kind !== 'change') t.people++;
    t.amountFen += l.amountFen;
    out.set(k, t);
  }
  return out;
}
