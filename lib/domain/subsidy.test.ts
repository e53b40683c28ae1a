import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PERSON_CATEGORIES } from './list-row';
import {
  adjustmentsOf,
  ageGroupOf,
  chooseSubsidy,
  contributionOf,
  midYearSettlement,
  subsidyOf,
  type Contributions,
  type SubsidyRule,
} from './subsidy';

/** Seed 002, 2020: 一档 450, 二档 650, minors and college students 200. */
const C2020: Contributions = {
  tier1: { adult: 45000, minor: 20000, student: 20000 },
  tier2: { adult: 65000, minor: 20000, student: 20000 },
};
/** Seed 004's shape: 特困 full; the others a fixed amount (示例 amounts). */
const RULES: SubsidyRule[] = [
  { category: 'tekun', kind: 'full' },
  { category: 'dibao', kind: 'fixed', amountFen: 30000 },
  { category: 'poverty_returned', kind: 'fixed', amountFen: 30000 },
  { category: 'dibao_edge', kind: 'fixed', amountFen: 15000 },
  { category: 'monitored', kind: 'fixed', amountFen: 15000 },
];
const entry = (category: SubsidyRule['category'], listDate = '2020-01-10', source = 'minzheng') => ({
  category,
  source,
  listDate,
});

describe('contribution and rule', () => {
  test('contribution by tier and age group', () => {
    assert.equal(contributionOf(C2020, 'tier2', 'adult'), 65000);
    assert.equal(contributionOf(C2020, 'tier2', 'student'), 20000);
    assert.equal(ageGroupOf('2005-06-01', 2020), 'minor');
    assert.equal(ageGroupOf('2002-06-01', 2020), 'adult');
    assert.equal(ageGroupOf('2001-06-01', 2020, true), 'student');
  });

  test('full pays the whole contribution; fixed its amount, capped at the contribution', () => {
    assert.equal(subsidyOf({ category: 'tekun', kind: 'full' }, 65000), 65000);
    assert.equal(subsidyOf({ category: 'dibao', kind: 'fixed', amountFen: 30000 }, 65000), 30000);
    assert.equal(
      subsidyOf({ category: 'dibao', kind: 'fixed', amountFen: 30000 }, 20000),
      20000,
      'a minor’s 200 元 caps a 300 元 rule',
    );
  });
});

describe('chooseSubsidy: one subsidy per person per year, the most favourable', () => {
  test('three lists name one person: 特困 (full 650) beats 低保 (300) and 监测 (150), each loser says why', () => {
    const r = chooseSubsidy(
      [entry('dibao'), entry('monitored', '2020-02-01', 'fupin'), entry('tekun', '2020-03-01')],
      RULES,
      65000,
      PERSON_CATEGORIES,
    );
    assert.equal(r.winner?.category, 'tekun');
    assert.equal(r.winner?.amountFen, 65000);
    assert.deepEqual(
      r.losers.map((l) => [l.category, l.amountFen]),
      [
        ['dibao', 30000],
        ['monitored', 15000],
      ],
    );
    assert.match(r.losers[0].reason, /按“低保对象”资助 300\.00 元，低于按“特困人员”的 650\.00 元/);
  });

  test('equal amounts: the fixed precedence order decides (低保 before 返贫致贫), whatever the list order', () => {
    const a = chooseSubsidy([entry('poverty_returned'), entry('dibao')], RULES, 45000, PERSON_CATEGORIES);
    const b = chooseSubsidy([entry('dibao'), entry('poverty_returned')], RULES, 45000, PERSON_CATEGORIES);
    assert.equal(a.winner?.category, 'dibao');
    assert.equal(b.winner?.category, 'dibao');
    assert.match(a.losers[0].reason, /同为 300\.00 元，按类别先后顺序取“低保对象”/);
  });

  test('the cap makes a tie: a minor on 特困 and 低保 lists gets 200 元 once, as 特困', () => {
    const r = chooseSubsidy([entry('dibao'), entry('tekun')], RULES, 20000, PERSON_CATEGORIES);
    assert.deepEqual([r.winner?.category, r.winner?.amountFen], ['tekun', 20000]);
  });

  test('a category without a rule loses with that reason; none at all → no subsidy', () => {
    const r = chooseSubsidy([entry('veteran'), entry('dibao_edge')], RULES, 45000, PERSON_CATEGORIES);
    assert.equal(r.winner?.category, 'dibao_edge');
    assert.match(r.losers[0].reason, /没有“优抚对象”的资助标准/);
    const none = chooseSubsidy([entry('veteran')], RULES, 45000, PERSON_CATEGORIES);
    assert.equal(none.winner, null);
  });

  test('the same category on two lists counts once (the earlier list)', () => {
    const r = chooseSubsidy(
      [entry('dibao', '2020-05-01'), entry('dibao', '2020-01-01')],
      RULES,
      45000,
      PERSON_CATEGORIES,
    );
    assert.equal(r.winner?.listDate, '2020-01-01');
    assert.match(r.losers[0].reason, /同为“低保对象”，已按另一份名单/);
  });
});

describe('mid-year additions and adjustments', () => {
  test('already paid → refund (never more than paid); not paid → the pre-allocated fund', () => {
    assert.deepEqual(midYearSettlement(45000, 45000), { kind: 'refund', amountFen: 45000 });
    assert.deepEqual(midYearSettlement(65000, 45000), { kind: 'refund', amountFen: 45000 });
    assert.deepEqual(midYearSettlement(45000, 0), { kind: 'fund', amountFen: 45000 });
  });

  test('adjustment deltas: added (+), amount changed (signed), removed apart (what was paid stays)', () => {
    const frozen = [
      { personId: 1, category: 'dibao' as const, amountFen: 30000 },
      { personId: 2, category: 'dibao' as const, amountFen: 30000 },
      { personId: 3, category: 'monitored' as const, amountFen: 15000 },
    ];
    const current = [
      { personId: 1, category: 'tekun' as const, amountFen: 45000 },
      { personId: 3, category: 'monitored' as const, amountFen: 15000 },
      { personId: 4, category: 'dibao_edge' as const, amountFen: 15000 },
    ];
    const r = adjustmentsOf(frozen, current);
    assert.deepEqual(
      r.adjustments.map((a) => [a.personId, a.deltaFen, a.reason]),
      [
        [1, 15000, 'amount_changed'],
        [4, 15000, 'added'],
      ],
    );
    assert.deepEqual(
      r.removed.map((l) => l.personId),
      [2],
    );
    assert.deepEqual(adjustmentsOf(current, frozen).adjustments.find((a) => a.personId === 1)?.deltaFen, -15000);
  });
});
