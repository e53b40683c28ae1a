import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importAsShown, INTERRUPTED_MESSAGE } from './import-stale';

const now = new Date('2026-10-01T12:00:00Z');
const running = (minutesAgo: number) => ({
  id: 1,
  status: 'running' as const,
  startedAt: new Date(now.getTime() - minutesAgo * 60_000),
  finishedAt: null,
  message: null,
});

test('a running import reads as running for an hour, then as interrupted', () => {
  assert.equal(importAsShown(running(59), now).status, 'running');
  const stale = importAsShown(running(61), now);
  assert.equal(stale.status, 'failed');
  assert.equal(stale.message, INTERRUPTED_MESSAGE);
  assert.equal(stale.id, 1);
});

test('a finished import is shown as it is', () => {
  const done = { ...running(600), status: 'completed' as const, message: '完成' };
  assert.equal(importAsShown(done, now), done);
});
