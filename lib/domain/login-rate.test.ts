import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, isRateLimited, LOGIN_RATE, recentFailures } from './login-rate';

const t0 = Date.parse('2026-11-22T08:00:00Z');
const sec = (s: number) => t0 + s * 1000;

test('19 failures in 5 minutes are allowed, the 20th closes the address', () => {
  let times: number[] = [];
  for (let i = 0; i < LOGIN_RATE.limit - 1; i++) times = afterFailure(times, sec(i));
  assert.equal(isRateLimited(times, sec(30)), false);
  times = afterFailure(times, sec(30));
  assert.equal(isRateLimited(times, sec(31)), true);
});

test('a sliding window: the address opens again when its oldest failure is 5 minutes old', () => {
  let times: number[] = [];
  for (let i = 0; i < 20; i++) times = afterFailure(times, sec(i * 10)); // 0 … 190 s
  assert.equal(isRateLimited(times, sec(299)), true);
  assert.equal(isRateLimited(times, sec(300)), false); // the first (0 s) has left the window
  times = afterFailure(times, sec(300));
  assert.equal(isRateLimited(times, sec(301)), true); // 10 … 190 s and 300 s: 20 again
  assert.equal(isRateLimited(times, sec(310)), false);
});

test('failures spread out never add up', () => {
  let times: number[] = [];
  for (let i = 0; i < 100; i++) {
    times = afterFailure(times, sec(i * 20)); // one every 20 s: 15 per window
    assert.equal(isRateLimited(times, sec(i * 20)), false);
  }
});

test('only what the rule can count is kept', () => {
  let times: number[] = [];
  for (let i = 0; i < 500; i++) times = afterFailure(times, sec(i / 10));
  assert.equal(times.length, LOGIN_RATE.limit);
  assert.deepEqual(recentFailures(times, sec(1000)), []);
  assert.equal(isRateLimited([], t0), false);
});

test('another rule', () => {
  const rule = { limit: 2, windowMs: 1000 };
  const times = afterFailure(afterFailure([], t0, rule), t0 + 500, rule);
  assert.equal(isRateLimited(times, t0 + 999, rule), true);
  assert.equal(isRateLimited(times, t0 + 1000, rule), false);
});
