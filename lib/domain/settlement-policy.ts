/**
 * 一站式结算 (六重保障) policy of one year: every threshold, rate and cap of the six layers, held as
 * data (seed 002, 文登 2019). Money in integer fen, rates in basis points (1 bp = 0.01%). Pure.
 *
 * Values the seeds do not give are local defaults and are listed in `localDefaults` (shown as
 * 本地默认值): the per-stay deductible (起付标准) by hospital level.
 */

export type HospitalLevel = 1 | 2 | 3;
export type SettlementTier = 1 | 2;

/** Per hospital level (一级/二级/三级). */
export type ByLevel = Record<HospitalLevel, number>;

/** A band of a cumulative piecewise-linear rule: `rateBp` of the part from `fromFen` up to the next band. */
export interface Band {
  fromFen: number;
  rateBp: number;
}

export interface SettlementPolicy {
  year: number;
  /** 第一层 基本医保 (居民住院). */
  basic: {
    /** 转诊转院/异地急诊: the person first bears this share of C. */
    referralShareBp: number;
    /** 起付标准 per stay, by level (local default: the seeds give none). */
    deductibleFen: ByLevel;
    /** 一档: one rate by level of R − D; annual payout cap. */
    tier1: { rateBp: ByLevel; annualCapFen: number };
    /** 二档: rateLow by level of the part of R from D up to splitFen, rateHigh of the part above; annual cap. */
    tier2: { splitFen: number; rateLowBp: ByLevel; rateHighBp: ByLevel; annualCapFen: number };
  };
  /** 第二层 大病保险(倾斜): bands on the year's cumulative P1; annualCapFen null = no cap. */
  critical: { bands: Band[]; annualCapFen: number | null };
  /** 第三层 医疗机构减免: rateBp of the stay's N, at most annualCapFen per person per year. */
  hospitalWaiver: { rateBp: number; annualCapFen: number };
  /** 第四层 医疗救助: rateBp of the year's cumulative P2 above thresholdFen; annual cap. */
  assistance: { thresholdFen: number; rateBp: number; annualCapFen: number };
  /** 第五层 商业补充保险: the year's cumulative burden brought down to burdenBp of the cumulative C; annual cap. */
  commercial: { burdenBp: number; annualCapFen: number };
  /** 第六层 再救助: rateBp of the year's cumulative P5 above thresholdFen; annual cap. */
  reAssistance: { thresholdFen: number; rateBp: number; annualCapFen: number };
  /** Dotted paths of values that are local defaults, not from the seeds (e.g. 'basic.deductibleFen'). */
  localDefaults: string[];
}

/** Seed 002: 文登 2019 「六重保障」; the deductible is a local default (300 / 600 / 1,000 元). */
export const WENDENG_2019_POLICY: SettlementPolicy = {
  year: 2019,
  basic: {
    referralShareBp: 1000,
    deductibleFen: { 1: 30_000, 2: 60_000, 3: 100_000 },
    tier1: { rateBp: { 1: 8000, 2: 6000, 3: 5000 }, annualCapFen: 20_000_000 },
    tier2: {
      splitFen: 4_000_000,
      rateLowBp: { 1: 8000, 2: 6500, 3: 5500 },
      rateHighBp: { 1: 8000, 2: 7000, 3: 7000 },
      annualCapFen: 30_000_000,
    },
  },
  critical: {
    bands: [
      { fromFen: 500_000, rateBp: 6500 },
      { fromFen: 10_000_000, rateBp: 7500 },
      { fromFen: 30_000_000, rateBp: 8500 },
    ],
    annualCapFen: null,
  },
  hospitalWaiver: { rateBp: 1000, annualCapFen: 20_000 },
  assistance: { thresholdFen: 2_000_000, rateBp: 7000, annualCapFen: 5_000_000 },
  commercial: { burdenBp: 980, annualCapFen: 60_000_000 },
  reAssistance: { thresholdFen: 500_000, rateBp: 7000, annualCapFen: 2_000_000 },
  localDefaults: ['basic.deductibleFen'],
};

/** The same values for another year (a starting point for a new year's version). */
export function policyForYear(base: SettlementPolicy, year: number): SettlementPolicy {
  return { ...structuredClone(base), year };
}

const LEVELS: HospitalLevel[] = [1, 2, 3];

/** Every problem of a policy, in Chinese; empty when it can be used. */
export function checkPolicy(p: SettlementPolicy): string[] {
  const problems: string[] = [];
  const money = (label: string, v: number) => {
    if (!Number.isSafeInteger(v) || v < 0) problems.push(`${label}必须是不小于 0 的金额`);
  };
  const rate = (label: string, v: number) => {
    if (!Number.isInteger(v) || v < 0 || v > 10000) problems.push(`${label}必须在 0%–100% 之间`);
  };
  if (!Number.isInteger(p.year) || p.year < 2000 || p.year > 2100) problems.push('年度无效');
  rate('转诊/急诊个人先行自付比例', p.basic.referralShareBp);
  for (const l of LEVELS) {
    money(`${l}级医院起付标准`, p.basic.deductibleFen[l]);
    rate(`一档${l}级医院支付比例`, p.basic.tier1.rateBp[l]);
    rate(`二档${l}级医院4万元以下支付比例`, p.basic.tier2.rateLowBp[l]);
    rate(`二档${l}级医院4万元以上支付比例`, p.basic.tier2.rateHighBp[l]);
  }
  money('一档年度最高支付限额', p.basic.tier1.annualCapFen);
  money('二档分段金额', p.basic.tier2.splitFen);
  money('二档年度最高支付限额', p.basic.tier2.annualCapFen);
  if (p.critical.bands.length === 0) problems.push('大病保险至少需要一个分段');
  p.critical.bands.forEach((b, i) => {
    money(`大病保险第${i + 1}段起点`, b.fromFen);
    rate(`大病保险第${i + 1}段比例`, b.rateBp);
    if (i > 0 && b.fromFen <= p.critical.bands[i - 1].fromFen) problems.push('大病保险分段起点必须递增');
  });
  if (p.critical.annualCapFen !== null) money('大病保险年度限额', p.critical.annualCapFen);
  rate('医疗机构减免比例', p.hospitalWaiver.rateBp);
  money('医疗机构减免年度限额', p.hospitalWaiver.annualCapFen);
  money('医疗救助起付线', p.assistance.thresholdFen);
  rate('医疗救助比例', p.assistance.rateBp);
  money('医疗救助年度限额', p.assistance.annualCapFen);
  rate('商业补充保险个人负担比例', p.commercial.burdenBp);
  money('商业补充保险年度限额', p.commercial.annualCapFen);
  money('再救助起付线', p.reAssistance.thresholdFen);
  rate('再救助比例', p.reAssistance.rateBp);
  money('再救助年度限额', p.reAssistance.annualCapFen);
  return problems;
}
