/**
 * Several stays of one person in a year (worked by hand from the rules of issue 12), the order of
 * a year, recomputation and the property that the parts always add up to T.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { emptyYearToDate, LAYER_KEYS, type StayResult } from './settlement';
import { WENDENG_2019_POLICY as P, type SettlementPolicy } from './settlement-policy';
import { settlementDiff, settlePersonYear, type OrderedStay, type StayFigures } from './settlement-year';

const s = (
  seq: number,
  date: string,
  totalFen: number,
  policyRangeFen: number,
  x: Partial<OrderedStay> = {},
): OrderedStay => ({
  seq,
  date,
  totalFen,
  policyRangeFen,
  level: 3,
  tier: 1,
  referral: false,
  ...x,
});
const amounts = (r: StayResult) => [...LAYER_KEYS.map((k) => r.amounts[k]), r.personFen];

describe('several stays of one person (一档, level 3)', () => {
  // Stay 1, C = T = 30万: L1 (30,000,000 − 100,000) × 50% = 14,950,000; P1 15,050,000;
  //   L2 9,500,000 × 65% + 5,050,000 × 75% = 6,175,000 + 3,787,500 = 9,962,500; P2 5,087,500;
  //   L4 (5,087,500 − 2,000,000) × 70% = 2,161,250; P4 2,926,250; L5 target 2,940,000 → 0;
  //   L6 (2,926,250 − 500,000) × 70% = 1,698,375; person 1,227,875.
  // Stay 2, T 21万 C 20万: L1 9,950,000 capped at 20,000,000 − 14,950,000 = 5,050,000 (一档 cap reached);
  //   P1 14,950,000, cum P1 15,050,000 → 30,000,000 all at 75%: L2 11,212,500; P2 3,737,500;
  //   L3 10% × 1,000,000 → 20,000 (cap); L4 70% × 3,737,500 = 2,616,250 (≤ 5,000,000 − 2,161,250); P4 1,121,250;
  //   L5 B = 2,926,250 + 1,121,250 = 4,047,500 < 9.8% × 5,000万 fen (4,900,000) → 0;
  //   L6 70% × 1,121,250 = 784,875 capped at 2,000,000 − 1,698,375 = 301,625 (cap reached);
  //   P6 819,625; person 819,625 + 1,000,000 − 20,000 = 1,799,625.
  // Stay 3, T 10.5万 C 10万: L1 0 (cap); cum P1 30,000,000 → 40,000,000 at 85%: L2 8,500,000; P2 1,500,000;
  //   L3 0 (200 元 reached); L4 1,050,000 capped at 5,000,000 − 4,777,500 = 222,500 (cap reached); P4 1,277,500;
  //   L5 B 5,325,000 < 5,880,000 → 0; L6 0 (cap); person 1,277,500 + 500,000 = 1,777,500.
  const stays = [
    s(1, '2019-03-01', 30_000_000, 30_000_000),
    s(2, '2019-06-01', 21_000_000, 20_000_000),
    s(3, '2019-09-01', 10_500_000, 10_000_000),
  ];

  test('each stay after the ones before it, every cap reached on the way', () => {
    const [r1, r2, r3] = settlePersonYear(P, stays).map((x) => x.result);
    assert.deepEqual(amounts(r1), [14_950_000, 9_962_500, 0, 2_161_250, 0, 1_698_375, 1_227_875]);
    assert.deepEqual(amounts(r2), [5_050_000, 11_212_500, 20_000, 2_616_250, 0, 301_625, 1_799_625]);
    assert.deepEqual(amounts(r3), [0, 8_500_000, 0, 222_500, 0, 0, 1_777_500]);
    assert.equal(r3.ytdAfter.paid.basic, 20_000_000);
    assert.equal(r3.ytdAfter.paid.assistance, 5_000_000);
    assert.equal(r3.ytdAfter.paid.reAssistance, 2_000_000);
    assert.equal(r3.ytdAfter.paid.hospitalWaiver, 20_000);
    assert.equal(r2.ytdBefore.p1Fen, 15_050_000);
    assert.deepEqual(r2.ytdBefore, r1.ytdAfter);
    assert.equal(r3.ytdAfter.totalFen, 61_500_000);
  });

  test('the order is the date, then the sequence — not the order given', () => {
    const shuffled = settlePersonYear(P, [stays[2], stays[0], stays[1]]);
    assert.deepEqual(
      shuffled.map((x) => x.stay.seq),
      [1, 2, 3],
    );
    const sameDay = settlePersonYear(P, [s(9, '2019-03-01', 100, 100), s(4, '2019-03-01', 200, 200)]);
    assert.deepEqual(
      sameDay.map((x) => x.stay.seq),
      [4, 9],
    );
  });

  test('cancelling stay 1 recomputes the later ones; the difference shows what changes', () => {
    const before = new Map<number, StayFigures>(
      settlePersonYear(P, stays).map(({ stay, result }) => [stay.seq, result]),
    );
    const after = new Map<number, StayFigures>(
      settlePersonYear(P, stays.slice(1)).map(({ stay, result }) => [stay.seq, result]),
    );
    // Stay 2 alone: L1 (20,000,000 − 100,000) × 50% = 9,950,000 now uncapped
    assert.equal(after.get(2)?.amounts.basic, 9_950_000);
    const diff = settlementDiff(before, after);
    assert.equal(diff.find((d) => d.key === 1)?.after, null);
    assert.equal(diff.find((d) => d.key === 1)?.delta.basic, -14_950_000);
    assert.equal(diff.find((d) => d.key === 2)?.delta.basic, 9_950_000 - 5_050_000);
    assert.ok(diff.every((d) => d.changed));
    const same = settlementDiff(before, before);
    assert.ok(same.every((d) => !d.changed));
  });
});

test('layer 5 across stays keeps the year’s burden at 9.8% (一档 level 1)', () => {
  // Stay 1, C = T = 1万: L1 (1,000,000 − 30,000) × 80% = 776,000; P1 224,000 (< 5,000 元, no layer 2, 4);
  //   L5 224,000 − 98,000 = 126,000; person 98,000.
  // Stay 2, C = T = 5,000 元: L1 (500,000 − 30,000) × 80% = 376,000; P1 124,000 (cum 348,000: no layer 2);
  //   L5: B = 224,000 − 126,000 + 124,000 = 222,000, target 9.8% × 1,500,000 = 147,000 → 75,000; person 49,000.
  const [r1, r2] = settlePersonYear(P, [
    s(1, '2019-01-10', 1_000_000, 1_000_000, { level: 1 }),
    s(2, '2019-02-10', 500_000, 500_000, { level: 1 }),
  ]).map((x) => x.result);
  assert.deepEqual(amounts(r1), [776_000, 0, 0, 0, 126_000, 0, 98_000]);
  assert.deepEqual(amounts(r2), [376_000, 0, 0, 0, 75_000, 0, 49_000]);
  assert.equal(r2.ytdAfter.personFen, 147_000);
});

/** A stay of 2019 with figures up to 60万元 (often 0, often C = T). */
const stayArb = fc
  .record({
    total: fc.oneof(fc.integer({ min: 0, max: 60_000_000 }), fc.constant(0), fc.integer({ min: 0, max: 200_000 })),
    share: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constant(10_000)),
    level: fc.constantFrom(1 as const, 2 as const, 3 as const),
    tier: fc.constantFrom(1 as const, 2 as const),
    referral: fc.boolean(),
    day: fc.integer({ min: 0, max: 364 }),
  })
  .map((x): Omit<OrderedStay, 'seq'> => ({
    totalFen: x.total,
    policyRangeFen: Math.floor((x.total * x.share) / 10_000),
    level: x.level,
    tier: x.tier,
    referral: x.referral,
    date: new Date(Date.UTC(2019, 0, 1 + x.day)).toISOString().slice(0, 10),
  }));

const rate = fc.integer({ min: 0, max: 10_000 });
const money = fc.integer({ min: 0, max: 50_000_000 });
/** Any valid policy: rates 0–100%, caps and thresholds anywhere. */
const policyArb: fc.Arbitrary<SettlementPolicy> = fc
  .record({
    rates: fc.array(rate, { minLength: 16, maxLength: 16 }),
    money: fc.array(money, { minLength: 12, maxLength: 12 }),
  })
  .map(({ rates: r, money: m }) => ({
    year: 2019,
    basic: {
      referralShareBp: r[0],
      deductibleFen: { 1: m[0] % 200_000, 2: m[1] % 200_000, 3: m[2] % 200_000 },
      tier1: { rateBp: { 1: r[1], 2: r[2], 3: r[3] }, annualCapFen: m[3] },
      tier2: {
        splitFen: m[4] % 10_000_000,
        rateLowBp: { 1: r[4], 2: r[5], 3: r[6] },
        rateHighBp: { 1: r[7], 2: r[8], 3: r[9] },
        annualCapFen: m[5],
      },
    },
    critical: {
      bands: [
        { fromFen: m[6] % 1_000_000, rateBp: r[10] },
        { fromFen: 1_000_000 + (m[7] % 10_000_000), rateBp: r[11] },
      ],
      annualCapFen: m[8] % 2 === 0 ? null : m[8],
    },
    hospitalWaiver: { rateBp: r[12], annualCapFen: m[9] % 100_000 },
    assistance: { thresholdFen: m[10] % 5_000_000, rateBp: r[13], annualCapFen: m[11] },
    commercial: { burdenBp: r[14], annualCapFen: m[3] },
    reAssistance: { thresholdFen: m[1] % 5_000_000, rateBp: r[15], annualCapFen: m[5] },
    localDefaults: [],
  }));

function checkYear(policy: SettlementPolicy, stays: Omit<OrderedStay, 'seq'>[]) {
  const results = settlePersonYear(
    policy,
    stays.map((x, i) => ({ ...x, seq: i })),
  );
  let ytd = emptyYearToDate();
  for (const { stay, result } of results) {
    assert.deepEqual(result.ytdBefore, ytd);
    const parts = LAYER_KEYS.reduce((sum, k) => sum + result.amounts[k], 0) + result.personFen;
    assert.equal(parts, stay.totalFen, 'the six layers and the person’s share add up to T');
    for (const l of result.layers) {
      assert.ok(Number.isSafeInteger(l.amountFen) && l.amountFen >= 0, `${l.key} is a non-negative fen amount`);
      assert.ok(l.remainingFen >= 0, `${l.key} leaves a non-negative burden`);
      if (l.capFen !== null)
        assert.ok(l.paidAfterFen <= Math.max(l.capFen, l.paidBeforeFen), `${l.key} within its cap`);
    }
    assert.ok(result.amounts.commercial <= result.layers[3].remainingFen, 'layer 5 ≤ this stay’s P4');
    assert.ok(result.personFen >= 0);
    ytd = result.ytdAfter;
  }
}

describe('property: the parts always add up to T, no layer is negative', () => {
  test('the 2019 文登 policy, 1–8 stays a year', () => {
    fc.assert(
      fc.property(fc.array(stayArb, { minLength: 1, maxLength: 8 }), (stays) => checkYear(P, stays)),
      { numRuns: 2000 },
    );
  });

  test('any valid policy', () => {
    fc.assert(
      fc.property(policyArb, fc.array(stayArb, { minLength: 1, maxLength: 6 }), (policy, stays) =>
        checkYear(policy, stays),
      ),
      { numRuns: 2000 },
    );
  });
});

test('the second stay reads the first’s year to date (the e2e example: the 200 元 waiver used up, cumulative P1/P2/P5)', () => {
  // Stay 1 (T 5万 C 4万): 1,950,000 / 1,007,500 / 20,000 / 0 / 650,500 / 0, person 1,372,000.
  // Stay 2 (T 21万 C 20万): L1 (20,000,000 − 100,000) × 50% = 9,950,000, P1 10,050,000;
  //   L2 cum P1 2,050,000 → 12,100,000: 7,950,000 × 65% + 2,100,000 × 75% = 5,167,500 + 1,575,000 = 6,742,500; P2 3,307,500;
  //   L3 0 (200 元 used); L4 cum P2 1,042,500 → 4,350,000: 70% × 2,350,000 = 1,645,000; P4 1,662,500;
  //   L5 B = 1,042,500 − 650,500 + 1,662,500 = 2,054,500 < 9.8% × 24,000,000 = 2,352,000 → 0;
  //   L6 cum P5 392,000 → 2,054,500: 70% × 1,554,500 = 1,088,150; person 574,350 + 1,000,000 = 1,574,350.
  const [r1, r2] = settlePersonYear(P, [
    s(1, '2019-03-01', 5_000_000, 4_000_000),
    s(2, '2019-06-01', 21_000_000, 20_000_000),
  ]).map((x) => x.result);
  assert.deepEqual(amounts(r1), [1_950_000, 1_007_500, 20_000, 0, 650_500, 0, 1_372_000]);
  assert.deepEqual(amounts(r2), [9_950_000, 6_742_500, 0, 1_645_000, 0, 1_088_150, 1_574_350]);
});
