import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  afterFailedAttempt,
  afterSuccessfulLogin,
  isLocked,
  LOCK_MINUTES,
  minutesLeft,
  type LockState,
} from './lockout';

const t0 = new Date('2026-11-22T08:00:00Z');
const plus = (min: number) => new Date(t0.getTime() + min * 60_000);

test('four failures do not lock; the fifth locks for 15 minutes', () => {
  let s: LockState = { failedAttempts: 0, lockedUntil: null };
  for (let i = 1; i <= 4; i++) {
    const r = afterFailedAttempt(s, t0);
    assert.equal(r.locked, false);
    assert.equal(r.failedAttempts, i);
    s = r;
  }
  const fifth = afterFailedAttempt(s, t0);
  assert.equal(fifth.locked, true);
  assert.equal(fifth.lockedUntil?.getTime(), plus(LOCK_MINUTES).getTime());
  assert.equal(isLocked(fifth, plus(14)), true);
  assert.equal(isLocked(fifth, plus(15)), false);
  assert.equal(minutesLeft(fifth, plus(10)), 5);
});

test('after the lock runs out the count starts again', () => {
  const expired = { failedAttempts: 0, lockedUntil: plus(-1) };
  const r = afterFailedAttempt(expired, t0);
  assert.equal(r.failedAttempts, 1);
  assert.equal(r.lockedUntil, null);
});

test('a successful login clears the count', () => {
  assert.deepEqual(afterSuccessfulLogin(), { failedAttempts: 0, lockedUntil: null });
});
