import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drill, lastDayOfMonth, monthsOf, periodOf, ratio } from './dashboard-period';

test('periodOf: the whole year by default, a month range with its last day and the exclusive end', () => {
  assert.deepEqual(periodOf({ year: 2026 }), {
    year: 2026,
    monthFrom: 1,
    monthTo: 12,
    from: '2026-01-01',
    to: '2026-12-31',
    endExclusive: '2027-01-01',
  });
  const p = periodOf({ year: 2024, monthFrom: 2, monthTo: 2 });
  assert.equal(p.to, '2024-02-29');
  assert.equal(p.endExclusive, '2024-03-01');
  assert.deepEqual(monthsOf(periodOf({ year: 2026, monthFrom: 5, monthTo: 8 })), [5, 6, 7, 8]);
  assert.equal(lastDayOfMonth(2025, 2), '2025-02-28');
});

test('ratio: may pass 1, null without a denominator, 4 decimals', () => {
  assert.equal(ratio(364_674, 362_530), 1.0059);
  assert.equal(ratio(10_375, 10_030), 1.0344);
  assert.equal(ratio(5, 0), null);
  assert.equal(ratio(5, null), null);
});

test('drill drops blank filters and writes values as text', () => {
  assert.deepEqual(drill('/persons', { year: 2026, townCode: undefined, status: 'enrolled', name: '' }), {
    path: '/persons',
    query: { year: '2026', status: 'enrolled' },
  });
});
