import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REQUEST_KEY_HEADER } from '@/lib/domain/request-key';
import { installRequestKeys, writeSignature } from './request-keys';

const ORIGIN = 'http://portal.example';
const action = (id: string, body: string): RequestInit => ({
  method: 'POST',
  headers: { Accept: 'text/x-component', 'Next-Action': id },
  body,
});

/** A window whose fetch records the key each request carried and answers `status` (or fails). */
function fakeWindow(sessionStorage?: Storage) {
  const sent: (string | null)[] = [];
  const w = {
    location: { origin: ORIGIN },
    sessionStorage,
    answer: 200 as number | 'network',
    fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get(REQUEST_KEY_HEADER));
      if (w.answer === 'network') throw new TypeError('Failed to fetch');
      return new Response('{}', { status: w.answer });
    }) as typeof fetch,
  };
  installRequestKeys(w);
  return { w, sent };
}

test('a double click sends one key; another input or another action, another key', async () => {
  const { w, sent } = fakeWindow();
  await w.fetch(`${ORIGIN}/persons/5`, action('abc', '[{"year":2026}]'));
  await w.fetch(`${ORIGIN}/persons/5`, action('abc', '[{"year":2026}]'));
  await w.fetch(`${ORIGIN}/persons/5`, action('abc', '[{"year":2027}]'));
  await w.fetch(`${ORIGIN}/persons/5`, action('def', '[{"year":2026}]'));
  assert.match(sent[0] ?? '', /^[0-9a-f]{32}$/);
  assert.equal(sent[1], sent[0]);
  assert.equal(new Set(sent).size, 3);
});

test('a retry after a network failure or a server error reuses the key', async () => {
  const { w, sent } = fakeWindow();
  w.answer = 'network';
  await assert.rejects(w.fetch('/subsidies', action('approve', '[{"id":3}]')));
  w.answer = 502;
  await w.fetch('/subsidies', action('approve', '[{"id":3}]'));
  w.answer = 200;
  await w.fetch('/subsidies', action('approve', '[{"id":3}]'));
  assert.equal(new Set(sent).size, 1);
});

test('reads, sign-in and file uploads are not keyed; import confirmations are', async () => {
  assert.equal(writeSignature(`${ORIGIN}/api/persons?page=2`, undefined, ORIGIN), null);
  assert.equal(
    writeSignature(`${ORIGIN}/api/auth/callback/credentials`, { method: 'POST', body: 'a=1' }, ORIGIN),
    null,
  );
  const file = new Blob(['x']);
  assert.equal(
    writeSignature(`${ORIGIN}/api/imports/lists?fileName=a.csv`, { method: 'POST', body: file }, ORIGIN),
    null,
  );
  assert.equal(writeSignature('https://elsewhere.example/api/x', { method: 'POST' }, ORIGIN), null);
  const confirm = writeSignature(`${ORIGIN}/api/imports/lists?uploadId=u1&header=h`, { method: 'POST' }, ORIGIN);
  assert.ok(confirm?.includes('uploadId=u1'));
  const { w, sent } = fakeWindow();
  await w.fetch('/api/persons');
  assert.deepEqual(sent, [null]);
});

/** A sessionStorage of one tab: what a reload of the page finds again. */
function tabStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
    key: () => null,
    get length() {
      return items.size;
    },
  };
}

test('a reload does not lose an unanswered write: the retry on the new page has its key', async () => {
  const storage = tabStorage();
  const before = fakeWindow(storage);
  before.w.answer = 502;
  await before.w.fetch('/subsidies', action('allocate', '[{"amount":"1.23","note":"文财社指〔2026〕1号"}]'));
  const after = fakeWindow(storage); // the page reloaded: a new window object, the same tab
  await after.w.fetch('/subsidies', action('allocate', '[{"amount":"1.23","note":"文财社指〔2026〕1号"}]'));
  assert.equal(after.sent[0], before.sent[0]);
  assert.ok(!JSON.stringify([...storage.getItem('portal.requestKeys')!]).includes('文财社'), 'no form contents kept');
  const other = fakeWindow(tabStorage()); // another tab: its own intents
  await other.w.fetch('/subsidies', action('allocate', '[{"amount":"1.23","note":"文财社指〔2026〕1号"}]'));
  assert.notEqual(other.sent[0], before.sent[0]);
});
