import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shanghaiDate, shanghaiDateTime, shanghaiDayRange, shanghaiDayStart } from '@/lib/domain/shanghai-day';

test('shanghaiDate: the local day of an instant, which is the next UTC day after 16:00 UTC', () => {
  assert.equal(shanghaiDate(new Date('2026-03-01T15:59:59Z')), '2026-03-01');
  assert.equal(shanghaiDate(new Date('2026-03-01T16:00:00Z')), '2026-03-02');
  assert.equal(shanghaiDate(new Date('2026-12-31T20:00:00Z')), '2027-01-01');
});

test('shanghaiDayStart: 00:00 +08:00; bad input throws', () => {
  assert.equal(shanghaiDayStart('2026-03-02').toISOString(), '2026-03-01T16:00:00.000Z');
  assert.throws(() => shanghaiDayStart('2026-3-2'), /YYYY-MM-DD/);
});

test('shanghaiDayRange: both days inclusive, end exclusive at the next local midnight', () => {
  const { start, end } = shanghaiDayRange('2026-01-01', '2026-01-31');
  assert.equal(start.toISOString(), '2025-12-31T16:00:00.000Z');
  assert.equal(end.toISOString(), '2026-01-31T16:00:00.000Z');
  const late = new Date('2026-01-31T15:59:00Z'); // 23:59 on Jan 31 in Shanghai
  assert.ok(late >= start && late < end);
});

test('shanghaiDateTime: minutes in local time; null → empty', () => {
  assert.equal(shanghaiDateTime(new Date('2026-03-01T16:05:59Z')), '2026-03-02 00:05');
  assert.equal(shanghaiDateTime(null), '');
});
