import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeReplay,
  intentId,
  encodeReplay,
  IntentKeys,
  isRequestKey,
  REPEAT_WINDOW_MS,
  REQUEST_KEY_TTL_MS,
} from './request-key';

test('a replayed answer is the answer: Dates, undefined and bigints survive the JSON', () => {
  const answer = {
    id: 7,
    at: new Date('2026-12-02T08:00:00.123Z'),
    note: undefined,
    nested: [{ day: new Date('2026-01-01T00:00:00Z'), n: null }, 'x', undefined],
    big: 12345678901234567890n,
  };
  const stored = JSON.parse(JSON.stringify(encodeReplay(answer))); // as jsonb gives it back
  assert.deepEqual(decodeReplay(stored), answer);
  assert.equal(decodeReplay(JSON.parse(JSON.stringify(encodeReplay(undefined)))), undefined);
  assert.deepEqual(decodeReplay(encodeReplay([1, 'a', true])), [1, 'a', true]);
  // a plain object that merely has a `$replay` field among others stays as it is
  assert.deepEqual(decodeReplay({ $replay: 'date', v: 'x', other: 1 }), { $replay: 'date', v: 'x', other: 1 });
});

test('request keys: random URL-safe strings of 16–100 characters, nothing else', () => {
  assert.ok(isRequestKey('0123456789abcdefABCDEF_-'));
  assert.ok(!isRequestKey('short'));
  assert.ok(!isRequestKey('x'.repeat(101)));
  assert.ok(!isRequestKey('0123456789abcdef;drop table'));
  assert.ok(!isRequestKey(12345678901234567));
});

test('one key per intent: reused while unanswered and just after the answer, fresh after the window', () => {
  let n = 0;
  const keys = new IntentKeys(() => `key-${++n}`);
  const a = keys.keyFor('save:{"x":1}', 0);
  assert.equal(keys.keyFor('save:{"x":1}', 5), a, 'a second click while the first is in flight');
  assert.notEqual(keys.keyFor('save:{"x":2}', 5), a, 'another input is another intent');
  keys.settled('save:{"x":1}', true, 100);
  assert.equal(keys.keyFor('save:{"x":1}', 100 + REPEAT_WINDOW_MS - 1), a, 'a double click answered in between');
  keys.settled('save:{"x":1}', true, 200 + REPEAT_WINDOW_MS);
  assert.notEqual(keys.keyFor('save:{"x":1}', 201 + 2 * REPEAT_WINDOW_MS), a, 'meant again, later');
});

test('another write in between ends the double-click window; an unanswered write keeps its key', () => {
  let n = 0;
  const keys = new IntentKeys(() => `key-${++n}`);
  const generate = keys.keyFor('generate:{"year":2025}', 0);
  keys.settled('generate:{"year":2025}', true, 100);
  const failed = keys.keyFor('save:{"x":1}', 200);
  keys.settled('save:{"x":1}', false, 300); // no answer: its retry must reuse the key
  keys.keyFor('import:{"list":2}', 400);
  keys.settled('import:{"list":2}', true, 500);
  const again = keys.keyFor('generate:{"year":2025}', 600); // within the window, but the user moved on
  assert.notEqual(again, generate, 'generated again after an import: a new intent');
  assert.equal(keys.keyFor('save:{"x":1}', 700), failed, 'the unanswered save is retried with its key');
});

test('a request that got no answer (network failure, server error) keeps its key for the retry', () => {
  let n = 0;
  const keys = new IntentKeys(() => `key-${++n}`);
  const a = keys.keyFor('approve:{"id":3}', 0);
  keys.settled('approve:{"id":3}', false, 10);
  assert.equal(keys.keyFor('approve:{"id":3}', 60 * 60 * 1000), a, 'retried an hour later: still the same intent');
  assert.notEqual(keys.keyFor('approve:{"id":3}', 60 * 60 * 1000 + REQUEST_KEY_TTL_MS + 1), a, 'the server forgot it');
});

test('intent fingerprints: stable, 28 hex digits, different for different requests', () => {
  const a = intentId('act /persons/5\n[{"year":2026}]');
  assert.match(a, /^[0-9a-f]{28}$/);
  assert.equal(intentId('act /persons/5\n[{"year":2026}]'), a);
  assert.notEqual(intentId('act /persons/5\n[{"year":2027}]'), a);
  const ids = new Set(Array.from({ length: 10_000 }, (_, i) => intentId(`act\n[{"amount":"${i}"}]`)));
  assert.equal(ids.size, 10_000);
});

test('intents survive a reload through entries()', () => {
  const keys = new IntentKeys(() => 'k1');
  keys.keyFor('sig', 0);
  const restored = new IntentKeys(() => 'k2', JSON.parse(JSON.stringify(keys.entries())));
  assert.equal(restored.keyFor('sig', 1), 'k1');
});
