import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ASSISTANCE_ANNUAL_CAP_FEN,
  assessCap,
  assistanceTotals,
  favouredCategory,
  parseMedType,
  parseRefundFlag,
  reversalProblem,
  stands,
  yearOverCap,
  type AssistanceFacts,
} from './assistance';

const rec = (id: number, date: string, fen: number, extra: Partial<AssistanceFacts> = {}): AssistanceFacts => ({
  id,
  kind: 'settlement',
  reversedById: null,
  settlementDate: date,
  assistanceFen: fen,
  ...extra,
});

describe('annual cap: 住院 and 门诊 together, at most 5万元, flagged never cut', () => {
  test('the cap is 5万元', () => assert.equal(ASSISTANCE_ANNUAL_CAP_FEN, 5_000_000));

  test('under the cap nothing is flagged', () => {
    const r = assessCap([rec(1, '2026-01-05', 2_000_000), rec(2, '2026-03-01', 3_000_000)]);
    assert.deepEqual(r.get(2), { ytdFen: 5_000_000, capExceeded: false, excessFen: 0 });
    assert.equal(r.get(1)!.capExceeded, false);
  });

  test('the record that passes the cap is flagged with the part beyond it; later ones wholly', () => {
    const r = assessCap([
      rec(3, '2026-06-01', 1_000_000),
      rec(1, '2026-01-05', 3_000_000),
      rec(2, '2026-03-01', 1_500_000),
    ]);
    assert.deepEqual(r.get(1), { ytdFen: 3_000_000, capExceeded: false, excessFen: 0 });
    assert.deepEqual(r.get(2), { ytdFen: 4_500_000, capExceeded: false, excessFen: 0 });
    assert.deepEqual(r.get(3), { ytdFen: 5_500_000, capExceeded: true, excessFen: 500_000 });
    const more = assessCap([rec(1, '2026-01-05', 6_000_000), rec(2, '2026-02-01', 100)]);
    assert.deepEqual(more.get(1), { ytdFen: 6_000_000, capExceeded: true, excessFen: 1_000_000 });
    assert.deepEqual(more.get(2), { ytdFen: 6_000_100, capExceeded: true, excessFen: 100 });
  });

  test('the same date orders by id', () => {
    const r = assessCap([rec(2, '2026-01-05', 3_000_000), rec(1, '2026-01-05', 3_000_000)]);
    assert.equal(r.get(1)!.capExceeded, false);
    assert.equal(r.get(2)!.excessFen, 1_000_000);
  });

  test('reversed originals and reversals do not count toward the cap and are never flagged', () => {
    const r = assessCap([
      rec(1, '2026-01-05', 4_000_000, { reversedById: 9 }),
      rec(9, '2026-01-06', -4_000_000, { kind: 'reversal' }),
      rec(2, '2026-02-01', 4_000_000),
    ]);
    assert.equal(r.get(1)!.capExceeded, false);
    assert.equal(r.get(9)!.capExceeded, false);
    assert.deepEqual(r.get(2), { ytdFen: 4_000_000, capExceeded: false, excessFen: 0 });
  });

  test('yearOverCap: the standing total and the excess', () => {
    assert.deepEqual(yearOverCap([rec(1, '2026-01-01', 3_000_000), rec(2, '2026-02-01', 2_500_000)]), {
      totalFen: 5_500_000,
      excessFen: 500_000,
    });
    assert.deepEqual(yearOverCap([rec(1, '2026-01-01', 3_000_000, { reversedById: 5 })]), {
      totalFen: 0,
      excessFen: 0,
    });
  });
});

describe('reversals', () => {
  const original = { id: 1, kind: 'settlement' as const, reversedById: null, personId: 7, assistanceFen: 12_345 };
  const reversal = { initSettlementId: 'S1', personId: 7, assistanceFen: -12_345 };

  test('a reversal of a known, standing settlement of the same person and amount cancels it', () => {
    assert.equal(reversalProblem(reversal, original), null);
    assert.equal(reversalProblem({ ...reversal, assistanceFen: 12_345 }, original), null);
  });

  test('an unknown original is an error, never a negative record that adds', () => {
    assert.match(reversalProblem(reversal, null)!, /原结算.*不存在/);
  });

  test('already reversed, a reversal as original, another person, another amount', () => {
    assert.match(reversalProblem(reversal, { ...original, reversedById: 3 })!, /已被冲销/);
    assert.match(reversalProblem(reversal, { ...original, kind: 'reversal' })!, /本身是一条冲销/);
    assert.match(reversalProblem(reversal, { ...original, personId: 8 })!, /人员.*不一致/);
    assert.match(reversalProblem({ ...reversal, assistanceFen: -1 }, original)!, /金额.*不一致/);
  });

  test('stands: settlements not reversed', () => {
    assert.equal(stands({ kind: 'settlement', reversedById: null }), true);
    assert.equal(stands({ kind: 'settlement', reversedById: 2 }), false);
    assert.equal(stands({ kind: 'reversal', reversedById: null }), false);
  });
});

describe('medical type from text and national codes', () => {
  const cases: [unknown, 'inpatient' | 'outpatient' | null][] = [
    ['住院', 'inpatient'],
    ['普通住院', 'inpatient'],
    ['21', 'inpatient'],
    [21, 'inpatient'],
    ['21-普通住院', 'inpatient'],
    ['22 外伤住院', 'inpatient'],
    ['24', 'inpatient'],
    ['28', 'inpatient'],
    ['日间手术', 'inpatient'],
    ['52', 'inpatient'],
    ['生育住院', 'inpatient'],
    ['门诊', 'outpatient'],
    ['普通门诊', 'outpatient'],
    ['11', 'outpatient'],
    ['11 普通门诊', 'outpatient'],
    ['14', 'outpatient'],
    ['门诊慢特病', 'outpatient'],
    ['门慢', 'outpatient'],
    ['门特', 'outpatient'],
    ['急诊', 'outpatient'],
    ['41', 'outpatient'],
    ['定点药店购药', 'outpatient'],
    ['５１', 'outpatient'],
    ['inpatient', 'inpatient'],
    ['outpatient', 'outpatient'],
    ['', null],
    [null, null],
    ['体检', null],
    ['99', null],
  ];
  for (const [input, expected] of cases)
    test(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(parseMedType(input), expected));
});

test('refund flag', () => {
  for (const v of ['1', '是', 'Y', '退费', '冲销']) assert.equal(parseRefundFlag(v), true, v);
  for (const v of ['0', '否', 'N', '', null, '正常']) assert.equal(parseRefundFlag(v), false, String(v));
  assert.equal(parseRefundFlag('也许'), null);
});

test('favoured category: CATEGORY_PRECEDENCE, null when none', () => {
  assert.equal(favouredCategory(['poverty_alleviated', 'dibao', 'monitored']), 'dibao');
  assert.equal(favouredCategory(['other', 'tekun']), 'tekun');
  assert.equal(favouredCategory([]), null);
  assert.equal(favouredCategory([null, 'nonsense']), null);
});

test('totals: 人次 standing settlements, 人数 distinct people, 金额 standing only', () => {
  const rows = [
    { ...rec(1, '2026-01-01', 100_00), personId: 1, medType: 'inpatient' as const },
    { ...rec(2, '2026-01-02', 50_00), personId: 1, medType: 'outpatient' as const },
    { ...rec(3, '2026-01-03', 70_00, { reversedById: 4 }), personId: 2, medType: 'inpatient' as const },
    { ...rec(4, '2026-01-04', -70_00, { kind: 'reversal' }), personId: 2, medType: 'inpatient' as const },
    { ...rec(5, '2026-01-05', 30_00), personId: 3, medType: 'outpatient' as const },
  ];
  assert.deepEqual(assistanceTotals(rows), {
    total: 5,
    personTimes: 3,
    people: 2,
    assistanceFen: 180_00,
    inpatientFen: 100_00,
    outpatientFen: 80_00,
  });
});
