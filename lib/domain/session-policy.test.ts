import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  activityRefreshDue,
  ACTIVITY_RESOLUTION_SECONDS,
  loginClaims,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
  sessionRefusal,
} from './session-policy';

const t0 = 1_800_000_000;

test('a fresh token of the current version is good', () => {
  assert.equal(sessionRefusal(loginClaims(3, t0), 3, t0 + 60), null);
});

test('a token of an older version is refused', () => {
  assert.equal(sessionRefusal(loginClaims(3, t0), 4, t0 + 60), 'revoked');
});

test('a token without the claims (issued before them) is refused', () => {
  assert.equal(sessionRefusal({}, 0, t0), 'incomplete');
  assert.equal(sessionRefusal({ sv: 0, loginAt: t0 }, 0, t0), 'incomplete');
});

test('8 hours without use end the session', () => {
  const claims = { ...loginClaims(0, t0), lastActive: t0 + 3600 };
  assert.equal(sessionRefusal(claims, 0, t0 + 3600 + SESSION_IDLE_SECONDS - 1), null);
  assert.equal(sessionRefusal(claims, 0, t0 + 3600 + SESSION_IDLE_SECONDS), 'idle');
});

test('12 hours after login the session ends even when in use', () => {
  const claims = { ...loginClaims(0, t0), lastActive: t0 + SESSION_ABSOLUTE_SECONDS - 10 };
  assert.equal(sessionRefusal(claims, 0, t0 + SESSION_ABSOLUTE_SECONDS - 1), null);
  assert.equal(sessionRefusal(claims, 0, t0 + SESSION_ABSOLUTE_SECONDS), 'expired');
});

test('the idle clock is rewritten only when stale, and never for a dead token', () => {
  const claims = loginClaims(0, t0);
  assert.equal(activityRefreshDue(claims, t0 + ACTIVITY_RESOLUTION_SECONDS - 1), false);
  assert.equal(activityRefreshDue(claims, t0 + ACTIVITY_RESOLUTION_SECONDS), true);
  assert.equal(activityRefreshDue(claims, t0 + SESSION_IDLE_SECONDS), false);
  assert.equal(activityRefreshDue({}, t0), false);
});
