/** Types, labels and checks of the one-stop settlement (see ./settlement.ts). Pure. */
import type { BandPart } from './settlement-math';
import type { HospitalLevel, SettlementTier } from './settlement-policy';

export type LayerKey = 'basic' | 'critical' | 'hospitalWaiver' | 'assistance' | 'commercial' | 'reAssistance';
export const LAYER_KEYS: LayerKey[] = [
  'basic',
  'critical',
  'hospitalWaiver',
  'assistance',
  'commercial',
  'reAssistance',
];
export const LAYER_LABELS: Record<LayerKey, string> = {
  basic: '基本医保',
  critical: '大病保险(倾斜)',
  hospitalWaiver: '医疗机构减免',
  assistance: '医疗救助',
  commercial: '商业补充保险',
  reAssistance: '再救助',
};

export interface Stay {
  /** T 医疗费总额 (fen). */
  totalFen: number;
  /** C 合规费用 (fen), ≤ T. */
  policyRangeFen: number;
  level: HospitalLevel;
  tier: SettlementTier;
  /** 转诊转院 or 异地急诊: the person first bears 10% of C. */
  referral: boolean;
  /** 'YYYY-MM-DD' (出院/结算日期); its calendar year is the stay's year. */
  date: string;
}

export type LayerAmounts = Record<LayerKey, number>;

/** The person's cumulative figures of the year (fen). */
export interface YearToDate {
  stays: number;
  totalFen: number;
  policyRangeFen: number;
  p1Fen: number;
  p2Fen: number;
  p4Fen: number;
  p5Fen: number;
  p6Fen: number;
  personFen: number;
  paid: LayerAmounts;
}

export const zeroLayers = (): LayerAmounts => ({
  basic: 0,
  critical: 0,
  hospitalWaiver: 0,
  assistance: 0,
  commercial: 0,
  reAssistance: 0,
});

export const emptyYearToDate = (): YearToDate => ({
  stays: 0,
  totalFen: 0,
  policyRangeFen: 0,
  p1Fen: 0,
  p2Fen: 0,
  p4Fen: 0,
  p5Fen: 0,
  p6Fen: 0,
  personFen: 0,
  paid: zeroLayers(),
});

/** One layer's amount and the figures that produced it. */
export interface LayerResult {
  key: LayerKey;
  no: number;
  amountFen: number;
  /** The amount before the annual cap (and, for layer 5, before the P4 limit). */
  uncappedFen: number;
  capFen: number | null;
  /** This layer's payout of the year before / after this stay. */
  paidBeforeFen: number;
  paidAfterFen: number;
  /** The figure the rule reads: for cumulative layers the year's cumulative base before/after this stay. */
  baseBeforeFen: number;
  baseAfterFen: number;
  /** 起付标准 / 起付线 / (layer 5) the burden target, rounded for display. */
  thresholdFen: number | null;
  /** Rates applied and the part of the base each applies to. */
  parts: BandPart[];
  /** The burden left after this layer (P1, P2, N − L3, P4, P5, P6). */
  remainingFen: number;
}

export interface StayResult {
  year: number;
  outOfPolicyFen: number;
  referralShareFen: number;
  /** R: the policy-range cost layer 1 reads after the referral share. */
  eligibleFen: number;
  layers: LayerResult[];
  amounts: LayerAmounts;
  /** P6 + (N − L3). */
  personFen: number;
  ytdBefore: YearToDate;
  ytdAfter: YearToDate;
}

/** Problems of a stay's figures (Chinese); empty when it can be settled. */
export function checkStay(stay: Stay): string[] {
  const out: string[] = [];
  const money = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= 100_000_000_000;
  if (!money(stay.totalFen)) out.push('医疗费总额必须是不小于 0 的金额');
  if (!money(stay.policyRangeFen)) out.push('合规费用必须是不小于 0 的金额');
  if (stay.policyRangeFen > stay.totalFen) out.push('合规费用不能大于医疗费总额');
  if (![1, 2, 3].includes(stay.level)) out.push('医院等级必须是一级、二级或三级');
  if (![1, 2].includes(stay.tier)) out.push('缴费档次必须是一档或二档');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(stay.date)) out.push('结算日期无效');
  return out;
}
