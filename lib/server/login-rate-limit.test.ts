import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLoginRateLimiter } from './login-rate-limit';

const t0 = Date.parse('2026-11-22T08:00:00Z');

test('each address has its own window', () => {
  const limiter = createLoginRateLimiter({ limit: 3, windowMs: 60_000 });
  for (let i = 0; i < 3; i++) limiter.recordFailure('203.0.113.7', t0 + i);
  assert.equal(limiter.isLimited('203.0.113.7', t0 + 10), true);
  assert.equal(limiter.isLimited('203.0.113.8', t0 + 10), false);
  assert.equal(limiter.isLimited('203.0.113.7', t0 + 60_000), false);
});

test('unknown addresses share one bucket', () => {
  const limiter = createLoginRateLimiter({ limit: 2, windowMs: 60_000 });
  limiter.recordFailure(null, t0);
  limiter.recordFailure(null, t0);
  assert.equal(limiter.isLimited(null, t0), true);
  assert.equal(limiter.isLimited('203.0.113.7', t0), false);
});

test('memory is bounded: old addresses go first, a limited address stays while it is recent', () => {
  const limiter = createLoginRateLimiter({ limit: 2, windowMs: 60_000 }, 100);
  limiter.recordFailure('198.51.100.1', t0);
  limiter.recordFailure('198.51.100.1', t0);
  for (let i = 0; i < 1000; i++) limiter.recordFailure(`10.0.${i >> 8}.${i & 255}`, t0 + 61_000 + i);
  // The limited address's failures have left the window anyway; the newest addresses are still counted.
  assert.equal(limiter.isLimited('198.51.100.1', t0 + 61_000), false);
  limiter.recordFailure('10.0.3.231', t0 + 62_000);
  assert.equal(limiter.isLimited('10.0.3.231', t0 + 62_000), true);
});
