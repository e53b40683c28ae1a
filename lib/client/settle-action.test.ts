import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTION_UNANSWERED, settleAction } from './settle-action';

test('an answered action is passed through as it is: success and refusal', async () => {
  assert.deepEqual(await settleAction(Promise.resolve({ ok: true as const, data: { id: 7 } })), {
    ok: true,
    data: { id: 7 },
  });
  const refused = { ok: false as const, status: 409 as const, error: '该任务已销号' };
  assert.deepEqual(await settleAction<never>(Promise.resolve(refused)), refused);
});

test('a call that fails on the way becomes a failed result with the Chinese message, not a rejection', async () => {
  const result = await settleAction<{ id: number }>(Promise.reject(new TypeError('Failed to fetch')));
  assert.deepEqual(result, { ok: false, status: 503, error: ACTION_UNANSWERED });
  assert.match(ACTION_UNANSWERED, /不会重复执行/);
});
