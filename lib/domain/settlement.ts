/**
 * 一站式结算 (六重保障, seed 002): one hospital stay of a poverty person through the six layers in
 * order, given the policy of the year and the person's year to date (the earlier saved stays of the
 * same calendar year). Pure.
 *
 * T total cost, C policy-range cost (合规费用), N = T − C. Each layer's amount is computed exactly
 * (fen × basis points) and rounded half-up to the fen once; then its annual cap applies
 * (min(amount, cap − paid earlier this year)).
 * 1 基本医保: R = C − round(10% × C) on a referral/emergency, else C; deductible D per stay by level;
 *   一档 rate × (R − D); 二档 rateLow × (part of R from D to 4万) + rateHigh × (part above 4万). P1 = C − L1.
 * 2 大病保险: bands on the year's cumulative P1: f(ytd P1 + P1) − f(ytd P1). P2 = P1 − L2.
 * 3 医疗机构减免: 10% × N, at most 200 元 a year. Reduces N, not P2.
 * 4 医疗救助: 70% of cumulative P2 above 2万 (f(after) − f(before)), cap 5万. P4 = P2 − L4.
 * 5 商业补充保险: cumulative burden B = Σ P4 − Σ L5 (earlier) + this P4, brought down to 9.8% × Σ C:
 *   round(B − 9.8% × ΣC) when positive, at most this P4, cap 60万. P5 = P4 − L5.
 * 6 再救助: 70% of cumulative P5 above 5,000 (f(after) − f(before)), cap 2万. P6 = P5 − L6.
 * The person pays P6 + (N − L3); L1 + … + L6 + that = T.
 */
import { applyCap, bandIncrement, BP, fenOf, roundHalfUp, type BandPart } from './settlement-math';
import type { SettlementPolicy } from './settlement-policy';
import {
  checkStay,
  LAYER_KEYS,
  type LayerAmounts,
  type LayerKey,
  type LayerResult,
  type Stay,
  type StayResult,
  type YearToDate,
} from './settlement-types';

export * from './settlement-types';

export const yearOf = (date: string): number => Number(date.slice(0, 4));

function basicLayer(p: SettlementPolicy, stay: Stay, ytd: YearToDate) {
  const c = stay.policyRangeFen;
  const referralShareFen = stay.referral ? roundHalfUp(c * p.basic.referralShareBp, BP) : 0;
  const r = c - referralShareFen;
  const d = p.basic.deductibleFen[stay.level];
  let parts: BandPart[];
  let capFen: number;
  if (stay.tier === 1) {
    const rateBp = p.basic.tier1.rateBp[stay.level];
    parts = [{ fromFen: d, toFen: null, rateBp, baseFen: Math.max(0, r - d) }];
    capFen = p.basic.tier1.annualCapFen;
  } else {
    const t2 = p.basic.tier2;
    const low = Math.max(0, Math.min(r, t2.splitFen) - d);
    const high = Math.max(0, r - Math.max(t2.splitFen, d));
    parts = [
      { fromFen: d, toFen: t2.splitFen, rateBp: t2.rateLowBp[stay.level], baseFen: low },
      { fromFen: Math.max(t2.splitFen, d), toFen: null, rateBp: t2.rateHighBp[stay.level], baseFen: high },
    ];
    capFen = t2.annualCapFen;
  }
  const uncappedFen = fenOf(parts.reduce((s, x) => s + x.baseFen * x.rateBp, 0));
  const amountFen = applyCap(uncappedFen, capFen, ytd.paid.basic);
  const layer = result('basic', amountFen, uncappedFen, capFen, ytd.paid.basic, r, r, d, parts, c - amountFen);
  return { layer, referralShareFen, eligibleFen: r };
}

function result(
  key: LayerKey,
  amountFen: number,
  uncappedFen: number,
  capFen: number | null,
  paidBeforeFen: number,
  baseBeforeFen: number,
  baseAfterFen: number,
  thresholdFen: number | null,
  parts: BandPart[],
  remainingFen: number,
): LayerResult {
  const no = LAYER_KEYS.indexOf(key) + 1;
  const paidAfterFen = paidBeforeFen + amountFen;
  return {
    key,
    no,
    amountFen,
    uncappedFen,
    capFen,
    paidBeforeFen,
    paidAfterFen,
    baseBeforeFen,
    baseAfterFen,
    thresholdFen,
    parts,
    remainingFen,
  };
}

/** A cumulative layer over bands: f(before + base) − f(before), rounded, then the annual cap. */
function cumulativeLayer(
  key: LayerKey,
  bands: { fromFen: number; rateBp: number }[],
  capFen: number | null,
  beforeFen: number,
  baseFen: number,
  paidBeforeFen: number,
): LayerResult {
  const { fenBp, parts } = bandIncrement(bands, beforeFen, beforeFen + baseFen);
  const uncappedFen = fenOf(fenBp);
  const amountFen = applyCap(uncappedFen, capFen, paidBeforeFen);
  const threshold = bands[0]?.fromFen ?? null;
  return result(
    key,
    amountFen,
    uncappedFen,
    capFen,
    paidBeforeFen,
    beforeFen,
    beforeFen + baseFen,
    threshold,
    parts,
    baseFen - amountFen,
  );
}

function commercialLayer(p: SettlementPolicy, stay: Stay, ytd: YearToDate, p4: number): LayerResult {
  const before = ytd.p4Fen - ytd.paid.commercial;
  const after = before + p4;
  const cumulativeC = ytd.policyRangeFen + stay.policyRangeFen;
  const targetFenBp = cumulativeC * p.commercial.burdenBp;
  const excessFenBp = after * BP - targetFenBp;
  const uncappedFen = excessFenBp > 0 ? fenOf(excessFenBp) : 0;
  const amountFen = applyCap(Math.min(uncappedFen, p4), p.commercial.annualCapFen, ytd.paid.commercial);
  const parts: BandPart[] = [{ fromFen: 0, toFen: null, rateBp: p.commercial.burdenBp, baseFen: cumulativeC }];
  const target = fenOf(targetFenBp);
  const cap = p.commercial.annualCapFen;
  return result(
    'commercial',
    amountFen,
    uncappedFen,
    cap,
    ytd.paid.commercial,
    before,
    after,
    target,
    parts,
    p4 - amountFen,
  );
}

/** Settles one stay after the person's year to date (earlier saved stays of the same year). */
export function settleStay(p: SettlementPolicy, stay: Stay, ytd: YearToDate): StayResult {
  const problems = checkStay(stay);
  if (problems.length > 0) throw new RangeError(problems.join('；'));
  if (yearOf(stay.date) !== p.year) throw new RangeError(`结算日期 ${stay.date} 不在政策年度 ${p.year} 内`);
  const n = stay.totalFen - stay.policyRangeFen;
  const { layer: l1, referralShareFen, eligibleFen } = basicLayer(p, stay, ytd);
  const p1 = l1.remainingFen;
  const l2 = cumulativeLayer('critical', p.critical.bands, p.critical.annualCapFen, ytd.p1Fen, p1, ytd.paid.critical);
  const p2 = l2.remainingFen;
  const waiver = applyCap(fenOf(n * p.hospitalWaiver.rateBp), p.hospitalWaiver.annualCapFen, ytd.paid.hospitalWaiver);
  const l3 = result(
    'hospitalWaiver',
    waiver,
    fenOf(n * p.hospitalWaiver.rateBp),
    p.hospitalWaiver.annualCapFen,
    ytd.paid.hospitalWaiver,
    n,
    n,
    null,
    [{ fromFen: 0, toFen: null, rateBp: p.hospitalWaiver.rateBp, baseFen: n }],
    n - waiver,
  );
  const a = p.assistance;
  const l4 = cumulativeLayer(
    'assistance',
    [{ fromFen: a.thresholdFen, rateBp: a.rateBp }],
    a.annualCapFen,
    ytd.p2Fen,
    p2,
    ytd.paid.assistance,
  );
  const p4 = l4.remainingFen;
  const l5 = commercialLayer(p, stay, ytd, p4);
  const p5 = l5.remainingFen;
  const ra = p.reAssistance;
  const l6 = cumulativeLayer(
    'reAssistance',
    [{ fromFen: ra.thresholdFen, rateBp: ra.rateBp }],
    ra.annualCapFen,
    ytd.p5Fen,
    p5,
    ytd.paid.reAssistance,
  );
  const p6 = l6.remainingFen;
  const layers = [l1, l2, l3, l4, l5, l6];
  const amounts = Object.fromEntries(layers.map((l) => [l.key, l.amountFen])) as LayerAmounts;
  const personFen = p6 + (n - waiver);
  const ytdAfter: YearToDate = {
    stays: ytd.stays + 1,
    totalFen: ytd.totalFen + stay.totalFen,
    policyRangeFen: ytd.policyRangeFen + stay.policyRangeFen,
    p1Fen: ytd.p1Fen + p1,
    p2Fen: ytd.p2Fen + p2,
    p4Fen: ytd.p4Fen + p4,
    p5Fen: ytd.p5Fen + p5,
    p6Fen: ytd.p6Fen + p6,
    personFen: ytd.personFen + personFen,
    paid: Object.fromEntries(LAYER_KEYS.map((k) => [k, ytd.paid[k] + amounts[k]])) as LayerAmounts,
  };
  return {
    year: p.year,
    outOfPolicyFen: n,
    referralShareFen,
    eligibleFen,
    layers,
    amounts,
    personFen,
    ytdBefore: ytd,
    ytdAfter,
  };
}
