import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PERSON_CATEGORIES, type PersonCategory } from './list-row';
import {
  DIFF_LIST_LIMIT,
  entitlementOf,
  planRoster,
  rosterDiff,
  totalsBy,
  type ApprovedState,
  type PersonFacts,
  type RosterPlan,
  type YearStandards,
} from './subsidy-roster';

const YEAR = 2026;
/** Seed 002's 2020 standards (carried on as the demo years' 示例), seed 004's rule shapes. */
const STANDARDS: YearStandards = {
  standardId: 7,
  contributions: {
    tier1: { adult: 45000, minor: 20000, student: 20000 },
    tier2: { adult: 65000, minor: 20000, student: 20000 },
  },
  rules: [
    { category: 'tekun', kind: 'full', ruleId: 11 },
    { category: 'dibao', kind: 'fixed', amountFen: 30000, ruleId: 12 },
    { category: 'monitored', kind: 'fixed', amountFen: 15000, ruleId: 13 },
  ],
};
const TOWN_A = '371003001';
const TOWN_B = '371003002';

function person(personId: number, over: Partial<PersonFacts> & { categories?: PersonCategory[] } = {}): PersonFacts {
  const { categories = ['dibao'], ...rest } = over;
  return {
    personId,
    townCode: TOWN_A,
    birthDate: '1960-05-01',
    tier: 'tier1',
    employeeOnly: false,
    paidFen: 0,
    entries: categories.map((category, i) => ({ category, source: `src${i}`, listDate: `2026-0${i + 1}-01` })),
    ...rest,
  };
}

const plan = (
  facts: PersonFacts[],
  approved: [number, ApprovedState][] = [],
  townsApproved: string[] = [],
): RosterPlan => planRoster(facts, YEAR, STANDARDS, new Map(approved), new Set(townsApproved), PERSON_CATEGORIES);
const lineOf = (p: RosterPlan, personId: number) => p.lines.find((l) => l.personId === personId);

describe('entitlementOf', () => {
  test('the most favourable of three lists, with its source and the rule that gives it', () => {
    const e = entitlementOf(
      person(1, { categories: ['monitored', 'tekun', 'dibao'] }),
      YEAR,
      STANDARDS,
      PERSON_CATEGORIES,
    );
    assert.ok(!('apart' in e));
    assert.equal(e.category, 'tekun');
    assert.equal(e.source, 'src1');
    assert.equal(e.amountFen, 45000);
    assert.equal(e.contributionFen, 45000);
    assert.equal(e.ruleId, 11);
  });

  test('not enrolled as a resident: 一档 (not 二档); enrolled in 二档: the 二档 contribution', () => {
    const none = entitlementOf(person(1, { tier: null, categories: ['tekun'] }), YEAR, STANDARDS, PERSON_CATEGORIES);
    assert.ok(!('apart' in none));
    assert.equal(none.tier, 'tier1');
    assert.equal(none.amountFen, 45000);
    const tier2 = entitlementOf(
      person(1, { tier: 'tier2', categories: ['tekun'] }),
      YEAR,
      STANDARDS,
      PERSON_CATEGORIES,
    );
    assert.ok(!('apart' in tier2));
    assert.equal(tier2.tier, 'tier2');
    assert.equal(tier2.amountFen, 65000);
  });

  test('a minor’s contribution is the minor standard, and a fixed rule is capped at it', () => {
    const e = entitlementOf(
      person(1, { birthDate: '2015-03-01', categories: ['dibao'] }),
      YEAR,
      STANDARDS,
      PERSON_CATEGORIES,
    );
    assert.ok(!('apart' in e));
    assert.equal(e.ageGroup, 'minor');
    assert.equal(e.contributionFen, 20000);
    assert.equal(e.amountFen, 20000, '低保 300 元 capped at the minor’s 200 元');
    const adult = entitlementOf(person(1, { birthDate: '2008-01-01' }), YEAR, STANDARDS, PERSON_CATEGORIES);
    assert.ok(!('apart' in adult));
    assert.equal(adult.ageGroup, 'adult', '18 in the year is an adult');
    assert.equal(adult.amountFen, 30000);
  });

  test('employee-only and categories without a standard are apart', () => {
    assert.deepEqual(
      entitlementOf(person(1, { employeeOnly: true, categories: ['tekun'] }), YEAR, STANDARDS, PERSON_CATEGORIES),
      { apart: 'employee_only' },
    );
    assert.deepEqual(entitlementOf(person(1, { categories: ['veteran'] }), YEAR, STANDARDS, PERSON_CATEGORIES), {
      apart: 'no_standard',
    });
  });
});

describe('planRoster', () => {
  test('nothing approved: a roster line per entitled person (subsidy), the others apart and without a line', () => {
    const p = plan([
      person(1, { categories: ['dibao', 'tekun'] }),
      person(2, { employeeOnly: true }),
      person(3, { categories: ['veteran'] }),
      person(4, { paidFen: 45000 }),
    ]);
    assert.deepEqual(
      p.lines.map((l) => [l.personId, l.kind, l.category, l.amountFen, l.settlement, l.refLineId]),
      [
        [1, 'roster', 'tekun', 45000, 'subsidy', null],
        [4, 'roster', 'dibao', 30000, 'subsidy', null],
      ],
    );
    assert.equal(lineOf(p, 1)?.ruleId, 11);
    assert.deepEqual(p.apart, [
      { personId: 2, reason: 'employee_only' },
      { personId: 3, reason: 'no_standard' },
    ]);
    assert.deepEqual(p.stopped, []);
  });

  test('after the town’s roster is approved a new person is an addition: paid → refund, unpaid → fund', () => {
    const p = plan(
      [person(1, { paidFen: 45000 }), person(2, { paidFen: 0 }), person(3, { townCode: TOWN_B })],
      [],
      [TOWN_A],
    );
    assert.deepEqual(
      p.lines.map((l) => [l.personId, l.kind, l.settlement, l.amountFen, l.paidFen]),
      [
        [1, 'addition', 'refund', 30000, 45000],
        [2, 'addition', 'fund', 30000, 0],
        [3, 'roster', 'subsidy', 30000, 0], // another town, whose roster is not approved yet
      ],
    );
  });

  test('approved already: unchanged → no line; changed → a signed change referring to the frozen line', () => {
    const p = plan(
      [
        person(1, { categories: ['dibao'] }), // 300 as approved
        person(2, { categories: ['dibao', 'tekun'] }), // 300 → 450
        person(3, { categories: ['monitored'] }), // 300 → 150
      ],
      [
        [1, { lineId: 101, category: 'dibao', netFen: 30000 }],
        [2, { lineId: 102, category: 'dibao', netFen: 30000 }],
        [3, { lineId: 103, category: 'dibao', netFen: 30000 }],
      ],
      [TOWN_A],
    );
    assert.equal(lineOf(p, 1), undefined);
    assert.deepEqual(
      p.lines.map((l) => [l.personId, l.kind, l.amountFen, l.refLineId, l.category, l.settlement]),
      [
        [2, 'change', 15000, 102, 'tekun', 'subsidy'],
        [3, 'change', -15000, 103, 'monitored', 'subsidy'],
      ],
    );
  });

  test('the net of earlier changes counts: a person already adjusted to 450 gets no further line', () => {
    const p = plan(
      [person(1, { categories: ['tekun'] })],
      [[1, { lineId: 5, category: 'dibao', netFen: 45000 }]],
      [TOWN_A],
    );
    assert.deepEqual(p.lines, []);
  });

  test('approved, no longer listed: stopped (nothing more, no negative line); a zero net is not reported', () => {
    const p = plan(
      [person(1)],
      [
        [1, { lineId: 101, category: 'dibao', netFen: 30000 }],
        [2, { lineId: 102, category: 'dibao', netFen: 30000 }],
        [3, { lineId: 103, category: 'dibao', netFen: 0 }],
      ],
      [TOWN_A],
    );
    assert.deepEqual(p.lines, []);
    assert.deepEqual(p.stopped, [{ personId: 2, lineId: 102, netFen: 30000 }]);
  });

  test('an approved person now employee-only is stopped and apart, never a negative line', () => {
    const p = plan(
      [person(1, { employeeOnly: true })],
      [[1, { lineId: 9, category: 'dibao', netFen: 30000 }]],
      [TOWN_A],
    );
    assert.deepEqual(p.lines, []);
    assert.deepEqual(p.stopped, [{ personId: 1, lineId: 9, netFen: 30000 }]);
    assert.deepEqual(p.apart, [{ personId: 1, reason: 'employee_only' }]);
  });
});

describe('rosterDiff', () => {
  const p = plan([
    person(1, { categories: ['tekun'] }), // 450, was 300 → changed
    person(2), // 300, was 300 → same
    person(4), // 300, new → added
    person(5, { employeeOnly: true }),
    person(6, { categories: ['veteran'] }),
    person(7, { categories: ['other'] }),
  ]);

  test('the first generation: everything added, compared to nothing', () => {
    const d = rosterDiff(null, p);
    assert.equal(d.comparedTo, 'first');
    assert.deepEqual(d.counts, { added: 3, removed: 0, changed: 0, stopped: 0 });
    assert.deepEqual(d.apart, { employee_only: 1, no_standard: 2 });
  });

  test('against the previous generation: added, removed, changed (by person, summing lines)', () => {
    const before = [
      { personId: 1, amountFen: 30000 },
      { personId: 2, amountFen: 20000 },
      { personId: 2, amountFen: 10000 }, // two lines summing to 300: unchanged
      { personId: 3, amountFen: 15000 },
    ];
    const d = rosterDiff(before, p);
    assert.equal(d.comparedTo, 'draft');
    assert.deepEqual(d.added, [{ personId: 4, afterFen: 30000 }]);
    assert.deepEqual(d.removed, [{ personId: 3, beforeFen: 15000 }]);
    assert.deepEqual(d.changed, [{ personId: 1, beforeFen: 30000, afterFen: 45000 }]);
    assert.deepEqual(d.counts, { added: 1, removed: 1, changed: 1, stopped: 0 });
  });

  test('an empty previous generation is a draft comparison, not the first', () => {
    assert.equal(rosterDiff([], p).comparedTo, 'draft');
  });

  test('stopped people are carried with their net amount', () => {
    const s = plan([], [[8, { lineId: 80, category: 'dibao', netFen: 30000 }]], [TOWN_A]);
    const d = rosterDiff(null, s);
    assert.deepEqual(d.stopped, [{ personId: 8, netFen: 30000 }]);
    assert.equal(d.counts.stopped, 1);
  });

  test('the lists keep the first DIFF_LIST_LIMIT entries; the counts stay whole', () => {
    const n = DIFF_LIST_LIMIT + 7;
    const many = plan(Array.from({ length: n }, (_, i) => person(1000 + i)));
    const gone = Array.from({ length: n }, (_, i) => ({ personId: 5000 + i, amountFen: 100 }));
    const changedBefore = Array.from({ length: n }, (_, i) => ({ personId: 1000 + i, amountFen: 100 }));
    const d = rosterDiff([...gone, ...changedBefore.slice(0, 3)], many);
    assert.equal(d.added.length, DIFF_LIST_LIMIT);
    assert.equal(d.counts.added, n - 3);
    assert.equal(d.removed.length, DIFF_LIST_LIMIT);
    assert.equal(d.counts.removed, n);
    assert.equal(d.removed[0].personId, 5000, 'the first entries are kept');
    assert.equal(d.counts.changed, 3);
    const c = rosterDiff(changedBefore, many);
    assert.equal(c.changed.length, DIFF_LIST_LIMIT);
    assert.equal(c.counts.changed, n);
    const stoppedPlan = plan(
      [],
      Array.from({ length: n }, (_, i): [number, ApprovedState] => [
        i + 1,
        { lineId: i + 1, category: 'dibao', netFen: 1 },
      ]),
    );
    const s = rosterDiff(null, stoppedPlan);
    assert.equal(s.stopped.length, DIFF_LIST_LIMIT);
    assert.equal(s.counts.stopped, n);
  });
});

describe('totalsBy', () => {
  test('people count first lines only (a change is no new person); amounts sum every line, signed', () => {
    const lines = [
      { personId: 1, kind: 'roster' as const, amountFen: 30000, town: TOWN_A },
      { personId: 1, kind: 'change' as const, amountFen: -15000, town: TOWN_A },
      { personId: 2, kind: 'addition' as const, amountFen: 45000, town: TOWN_A },
      { personId: 3, kind: 'change' as const, amountFen: 15000, town: TOWN_B },
      { personId: 4, kind: 'roster' as const, amountFen: 20000, town: TOWN_B },
    ];
    const t = totalsBy(lines, (l) => (l as (typeof lines)[number]).town);
    assert.deepEqual(t.get(TOWN_A), { people: 2, amountFen: 60000 });
    assert.deepEqual(t.get(TOWN_B), { people: 1, amountFen: 35000 });
    assert.equal(t.size, 2);
  });
});
