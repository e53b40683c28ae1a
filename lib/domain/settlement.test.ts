/**
 * 一站式结算: worked examples computed by hand from the rules of issue 12 (seed 002, 文登 2019;
 * deductible 300 / 600 / 1,000 元 as local defaults). All money in fen: 1 元 = 100.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyYearToDate, settleStay, type Stay, type StayResult, type YearToDate } from './settlement';
import { checkPolicy, WENDENG_2019_POLICY as P, policyForYear, type SettlementPolicy } from './settlement-policy';

const stay = (s: Partial<Stay> & Pick<Stay, 'totalFen' | 'policyRangeFen'>): Stay => ({
  level: 3,
  tier: 1,
  referral: false,
  date: '2019-05-01',
  ...s,
});
const amounts = (r: StayResult) => [
  r.amounts.basic,
  r.amounts.critical,
  r.amounts.hospitalWaiver,
  r.amounts.assistance,
  r.amounts.commercial,
  r.amounts.reAssistance,
  r.personFen,
];
const ytdWith = (x: Partial<YearToDate>): YearToDate => ({ ...emptyYearToDate(), ...x });

describe('layer 1 基本医保', () => {
  test('一档: rate by level of R − D, deductible per stay', () => {
    // C = 10,000 元, level 1: (1,000,000 − 30,000) × 80% = 776,000
    assert.equal(
      settleStay(P, stay({ totalFen: 1_000_000, policyRangeFen: 1_000_000, level: 1 }), emptyYearToDate()).amounts
        .basic,
      776_000,
    );
    // level 2: (1,000,000 − 60,000) × 60% = 564,000; level 3: (1,000,000 − 100,000) × 50% = 450,000
    assert.equal(
      settleStay(P, stay({ totalFen: 1_000_000, policyRangeFen: 1_000_000, level: 2 }), emptyYearToDate()).amounts
        .basic,
      564_000,
    );
    assert.equal(
      settleStay(P, stay({ totalFen: 1_000_000, policyRangeFen: 1_000_000, level: 3 }), emptyYearToDate()).amounts
        .basic,
      450_000,
    );
  });

  test('below the deductible pays nothing; P1 = C', () => {
    const r = settleStay(P, stay({ totalFen: 50_000, policyRangeFen: 50_000, level: 3 }), emptyYearToDate());
    assert.equal(r.amounts.basic, 0);
    assert.equal(r.layers[0].remainingFen, 50_000);
  });

  test('the 10% share on a referral or emergency: R = C − 10% × C, and the share stays in P1', () => {
    // level 1 一档, C = 10,000 元: share 100,000, R = 900,000, (900,000 − 30,000) × 80% = 696,000, P1 = 304,000
    const r = settleStay(
      P,
      stay({ totalFen: 1_000_000, policyRangeFen: 1_000_000, level: 1, referral: true }),
      emptyYearToDate(),
    );
    assert.equal(r.referralShareFen, 100_000);
    assert.equal(r.eligibleFen, 900_000);
    assert.equal(r.amounts.basic, 696_000);
    assert.equal(r.layers[0].remainingFen, 304_000);
  });

  test('二档: the 4万 split', () => {
    // level 3, C = 5万: (4,000,000 − 100,000) × 55% + (5,000,000 − 4,000,000) × 70% = 2,145,000 + 700,000
    const l3 = settleStay(
      P,
      stay({ totalFen: 5_000_000, policyRangeFen: 5_000_000, tier: 2, level: 3 }),
      emptyYearToDate(),
    );
    assert.equal(l3.amounts.basic, 2_845_000);
    assert.deepEqual(
      l3.layers[0].parts.map((p) => p.baseFen),
      [3_900_000, 1_000_000],
    );
    // level 1: 3,970,000 × 80% + 1,000,000 × 80% = 3,976,000
    const l1 = settleStay(
      P,
      stay({ totalFen: 5_000_000, policyRangeFen: 5_000_000, tier: 2, level: 1 }),
      emptyYearToDate(),
    );
    assert.equal(l1.amounts.basic, 3_976_000);
    // level 2, exactly 4万: (4,000,000 − 60,000) × 65% = 2,561,000, nothing above
    const at = settleStay(
      P,
      stay({ totalFen: 4_000_000, policyRangeFen: 4_000_000, tier: 2, level: 2 }),
      emptyYearToDate(),
    );
    assert.equal(at.amounts.basic, 2_561_000);
    // level 2, 4万 + 1 元: + 100 × 70% = 2,561,070
    const over = settleStay(
      P,
      stay({ totalFen: 4_000_100, policyRangeFen: 4_000_100, tier: 2, level: 2 }),
      emptyYearToDate(),
    );
    assert.equal(over.amounts.basic, 2_561_070);
  });

  test('annual caps: 一档 20万, 二档 30万', () => {
    // 一档 level 3: the year has paid 14,950,000; (20,000,000 − 100,000) × 50% = 9,950,000 → cap leaves 5,050,000
    const t1 = settleStay(
      P,
      stay({ totalFen: 20_000_000, policyRangeFen: 20_000_000 }),
      ytdWith({ paid: { ...emptyYearToDate().paid, basic: 14_950_000 } }),
    );
    assert.equal(t1.layers[0].uncappedFen, 9_950_000);
    assert.equal(t1.amounts.basic, 5_050_000);
    assert.equal(t1.layers[0].paidAfterFen, 20_000_000);
    // 二档 level 1: paid 15,976,000; uncapped (20,000,000 − 30,000) × 80% = 15,976,000 → 30,000,000 − 15,976,000 = 14,024,000
    const t2 = settleStay(
      P,
      stay({ totalFen: 20_000_000, policyRangeFen: 20_000_000, tier: 2, level: 1 }),
      ytdWith({ paid: { ...emptyYearToDate().paid, basic: 15_976_000 } }),
    );
    assert.equal(t2.amounts.basic, 14_024_000);
  });
});

describe('layers 2–6 alone', () => {
  test('layer 2 reads the year’s cumulative P1 across its bands, no cap', () => {
    // ytd P1 15,050,000; this P1 14,950,000 (level 3 一档 with layer 1 capped at 5,050,000 remaining):
    // all of 15,050,000 → 30,000,000 lies in the 75% band: 11,212,500
    const ytd = ytdWith({ p1Fen: 15_050_000, paid: { ...emptyYearToDate().paid, basic: 14_950_000 } });
    const r = settleStay(P, stay({ totalFen: 20_000_000, policyRangeFen: 20_000_000 }), ytd);
    assert.equal(r.layers[1].baseBeforeFen, 15_050_000);
    assert.equal(r.layers[1].baseAfterFen, 30_000_000);
    assert.equal(r.amounts.critical, 11_212_500);
    // above 30万 the 85% band: ytd P1 30,000,000, this stay's P1 = C (layer 1 cap reached) = 10,000,000 → 8,500,000
    const full = ytdWith({ p1Fen: 30_000_000, paid: { ...emptyYearToDate().paid, basic: 20_000_000 } });
    assert.equal(
      settleStay(P, stay({ totalFen: 10_000_000, policyRangeFen: 10_000_000 }), full).amounts.critical,
      8_500_000,
    );
  });

  test('layer 3: 10% of N, 200 元 per person per year', () => {
    // N = 10,000 元: 10% = 100,000 → 20,000
    const r = settleStay(P, stay({ totalFen: 1_100_000, policyRangeFen: 100_000 }), emptyYearToDate());
    assert.equal(r.layers[2].uncappedFen, 100_000);
    assert.equal(r.amounts.hospitalWaiver, 20_000);
    // already 150 元 this year: N = 1,000 元 → 100 元 → only 50 元 left
    const ytd = ytdWith({ paid: { ...emptyYearToDate().paid, hospitalWaiver: 15_000 } });
    assert.equal(
      settleStay(P, stay({ totalFen: 200_000, policyRangeFen: 100_000 }), ytd).amounts.hospitalWaiver,
      5_000,
    );
    // reached: nothing more, the person pays all of N (and, of C = 1,000 元 below the deductible,
    // the 9.8% layer 5 leaves: 9,800)
    const full = ytdWith({ paid: { ...emptyYearToDate().paid, hospitalWaiver: 20_000 } });
    const none = settleStay(P, stay({ totalFen: 200_000, policyRangeFen: 100_000 }), full);
    assert.equal(none.amounts.hospitalWaiver, 0);
    assert.equal(none.amounts.commercial, 90_200);
    assert.equal(none.personFen, 9_800 + 100_000);
  });

  test('layer 5 never pays more than this stay’s P4', () => {
    // An earlier burden of 10,000 元 left over (ytd P4 1,000,000, C 1,000,000, nothing from layer 5).
    // This stay level 1 一档 C = 1,000 元: L1 (100,000 − 30,000) × 80% = 56,000, P1 44,000;
    // L2 44,000 × 65% = 28,600 (cum P1 1,000,000 → 1,044,000), P2 15,400; L4 0 (cum P2 < 2万);
    // L5: B = 1,000,000 + 15,400, target 9.8% × 1,100,000 = 107,800 → 907,600, limited to P4 15,400.
    const ytd = ytdWith({
      stays: 1,
      totalFen: 1_000_000,
      policyRangeFen: 1_000_000,
      p1Fen: 1_000_000,
      p2Fen: 1_000_000,
      p4Fen: 1_000_000,
      p5Fen: 1_000_000,
    });
    const r = settleStay(P, stay({ totalFen: 100_000, policyRangeFen: 100_000, level: 1 }), ytd);
    assert.deepEqual(amounts(r), [56_000, 28_600, 0, 0, 15_400, 0, 0]);
    assert.equal(r.layers[4].uncappedFen, 907_600);
  });

  test('layer 5 annual cap', () => {
    // level 1 一档 C = 1万: L1 776,000, P1 224,000 (< 5,000 元: no layer 2), L5 uncapped 224,000 − 98,000 = 126,000;
    // a cap of 1,000 元 leaves 100,000; P5 = 124,000; layer 6 nothing (< 5,000 元)
    const capped: SettlementPolicy = { ...P, commercial: { ...P.commercial, annualCapFen: 100_000 } };
    const r = settleStay(capped, stay({ totalFen: 1_000_000, policyRangeFen: 1_000_000, level: 1 }), emptyYearToDate());
    assert.deepEqual(amounts(r), [776_000, 0, 0, 0, 100_000, 0, 124_000]);
  });
});

describe('rounding half-up to the fen', () => {
  test('each layer rounds .5 up, once', () => {
    // level 3 一档 C = 1,000.01 元: (100,001 − 100,000) × 50% = 0.5 fen → 1
    const r = settleStay(P, stay({ totalFen: 100_005, policyRangeFen: 100_001 }), emptyYearToDate());
    assert.equal(r.amounts.basic, 1);
    // N = 4 fen → 0.4 → 0;  N = 5 fen → 0.5 → 1
    assert.equal(r.amounts.hospitalWaiver, 0);
    assert.equal(
      settleStay(P, stay({ totalFen: 100_006, policyRangeFen: 100_001 }), emptyYearToDate()).amounts.hospitalWaiver,
      1,
    );
    // the referral share of C = 5 fen: 0.5 → 1
    assert.equal(
      settleStay(P, stay({ totalFen: 5, policyRangeFen: 5, referral: true }), emptyYearToDate()).referralShareFen,
      1,
    );
  });
});

describe('the whole chain on one stay', () => {
  test('一档 level 3, T 5万 C 4万', () => {
    // L1 (4,000,000 − 100,000) × 50% = 1,950,000; P1 2,050,000
    // L2 (2,050,000 − 500,000) × 65% = 1,007,500; P2 1,042,500
    // L3 10% × 1,000,000 = 100,000 → 20,000
    // L4 cum P2 1,042,500 < 2万 → 0; P4 1,042,500
    // L5 1,042,500 − 9.8% × 4,000,000 (392,000) = 650,500; P5 392,000
    // L6 392,000 < 5,000 元 → 0; person 392,000 + 1,000,000 − 20,000 = 1,372,000
    const r = settleStay(P, stay({ totalFen: 5_000_000, policyRangeFen: 4_000_000 }), emptyYearToDate());
    assert.deepEqual(amounts(r), [1_950_000, 1_007_500, 20_000, 0, 650_500, 0, 1_372_000]);
    assert.equal(r.layers[4].thresholdFen, 392_000);
  });

  test('二档 level 2 referral, T 32万 C 30万 (layers 4 and 6 pay, layer 6 rounds .5 up)', () => {
    // share 3,000,000, R 27,000,000; L1 (4,000,000 − 60,000) × 65% + 23,000,000 × 70% = 2,561,000 + 16,100,000 = 18,661,000
    // P1 11,339,000; L2 9,500,000 × 65% + 1,339,000 × 75% = 6,175,000 + 1,004,250 = 7,179,250; P2 4,159,750
    // L3 20,000; L4 (4,159,750 − 2,000,000) × 70% = 1,511,825; P4 2,647,925
    // L5 target 2,940,000 > 2,647,925 → 0; L6 (2,647,925 − 500,000) × 70% = 1,503,547.5 → 1,503,548
    // P6 1,144,377; person 1,144,377 + 2,000,000 − 20,000 = 3,124,377
    const r = settleStay(
      P,
      stay({ totalFen: 32_000_000, policyRangeFen: 30_000_000, tier: 2, level: 2, referral: true }),
      emptyYearToDate(),
    );
    assert.deepEqual(amounts(r), [18_661_000, 7_179_250, 20_000, 1_511_825, 0, 1_503_548, 3_124_377]);
  });

  test('a stay of another year than the policy is refused; bad figures are refused', () => {
    assert.throws(
      () => settleStay(P, stay({ totalFen: 1, policyRangeFen: 1, date: '2020-01-01' }), emptyYearToDate()),
      /政策年度/,
    );
    assert.throws(() => settleStay(P, stay({ totalFen: 1, policyRangeFen: 2 }), emptyYearToDate()), /合规费用不能大于/);
    assert.doesNotThrow(() =>
      settleStay(
        policyForYear(P, 2020),
        stay({ totalFen: 1, policyRangeFen: 1, date: '2020-01-01' }),
        emptyYearToDate(),
      ),
    );
  });
});

test('policy checks: the 2019 values pass; a rate over 100% or bands out of order do not', () => {
  assert.deepEqual(checkPolicy(P), []);
  assert.deepEqual(P.localDefaults, ['basic.deductibleFen']);
  const bad: SettlementPolicy = {
    ...P,
    assistance: { ...P.assistance, rateBp: 10_001 },
    critical: { bands: [P.critical.bands[1], P.critical.bands[0]], annualCapFen: null },
  };
  assert.deepEqual(checkPolicy(bad), ['大病保险分段起点必须递增', '医疗救助比例必须在 0%–100% 之间']);
});
