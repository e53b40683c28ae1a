import assert from 'node:assert/strict';
import { afterEach, mock, test } from 'node:test';
import { enrollmentInputSchema, personListQuerySchema } from './persons';

const input = (paidDate: string) => ({
  personId: 1,
  year: 2026,
  scheme: 'resident',
  tier: 'tier1',
  status: 'active',
  paidYuan: '450',
  paidDate,
});

afterEach(() => mock.timers.reset());

test('a payment dated today in Shanghai is accepted while the UTC date is still yesterday (00:00–08:00 there)', () => {
  mock.timers.enable({ apis: ['Date'], now: new Date('2026-12-02T17:30:00Z') }); // 2026-12-03 01:30 in Shanghai
  assert.equal(enrollmentInputSchema.safeParse(input('2026-12-03')).success, true);
});

test('a payment dated after today in Shanghai is refused with the Chinese message', () => {
  mock.timers.enable({ apis: ['Date'], now: new Date('2026-12-02T15:30:00Z') }); // 2026-12-02 23:30 in Shanghai
  const r = enrollmentInputSchema.safeParse(input('2026-12-03'));
  assert.equal(r.success, false);
  assert.deepEqual(
    r.error?.issues.map((i) => i.message),
    ['缴费日期不能晚于今天'],
  );
});

test("the list's default year is Shanghai's year when the request is parsed, not when the server started", () => {
  mock.timers.enable({ apis: ['Date'], now: new Date('2026-12-31T15:59:00Z') }); // 23:59 on 31 Dec in Shanghai
  assert.equal(personListQuerySchema.parse({}).year, 2026);
  mock.timers.setTime(new Date('2026-12-31T16:01:00Z').getTime()); // 00:01 on 1 Jan, the server still running
  assert.equal(personListQuerySchema.parse({}).year, 2027);
  // Enrolling for next year is allowed from the new year's view too, the year after is not.
  assert.equal(enrollmentInputSchema.safeParse({ ...input('2026-12-31'), year: 2028 }).success, true);
  assert.equal(enrollmentInputSchema.safeParse({ ...input('2026-12-31'), year: 2029 }).success, false);
});
