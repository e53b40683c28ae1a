/**
 * Every write the browser sends carries an idempotency key in the x-request-key header, so that a
 * double click or a retry runs once on the server (lib/server/request-key.ts). Installed once, by
 * Providers, around window.fetch: it keys the portal's server-action calls (a POST with a
 * Next-Action header: every form and confirm button) and its POSTs to /api routes without a file
 * body (the import confirmations; a file upload is stored first, then confirmed by such a POST).
 * One key per intent (lib/domain/request-key.ts IntentKeys): the same action with the same input,
 * sent again while unanswered or just after the answer, reuses the key — also after a reload of the
 * page (a form left waiting on a lost answer): the intents are kept in the tab's sessionStorage, as
 * fingerprints (intentId) only.
 */

const STORE = 'portal.requestKeys';

function loadIntents(storage: Storage | undefined): [string, Intent][] {
  try {
    const saved: unknown = JSON.parse(storage?.getItem(STORE) ?? '[]');
    return Array.isArray(saved) ? (saved as [string, Intent][]) : [];
  } catch {
    return [];
  }
}
import { intentId, IntentKeys, REQUEST_KEY_HEADER, type Intent } from '@/lib/domain/request-key';

/** 128 random bits, hex (crypto.randomUUID needs a secure context; an intranet http:// address is not one). */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function bodyText(body: RequestInit['body']): string | null {
  if (body == null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof FormData)
    return [...body.entries()]
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : `file:${v.name}:${v.size}:${v.lastModified}`}`)
      .join('&');
  return null; // a file or stream being uploaded
}

/** What identifies a write's intent: its action or route and its input; null for a request not keyed. */
export function writeSignature(url: string, init: RequestInit | undefined, origin: string): string | null {
  if ((init?.method ?? 'GET').toUpperCase() !== 'POST') return null;
  const action = new Headers(init?.headers).get('next-action');
  const target = new URL(url, origin);
  const apiWrite =
    target.origin === origin && target.pathname.startsWith('/api/') && !target.pathname.startsWith('/api/auth/');
  if (!action && !apiWrite) return null;
  const body = bodyText(init?.body);
  if (body === null) return null;
  return `${action ?? ''} ${target.pathname}${action ? '' : target.search}\n${body}`;
}

/** Wraps `target.fetch` (window) so that every write carries its intent's key. Once per window. */
export function installRequestKeys(target: {
  fetch: typeof fetch;
  location: { origin: string };
  sessionStorage?: Storage;
}): void {
  const marked = target as { __requestKeys?: true };
  if (marked.__requestKeys) return;
  marked.__requestKeys = true;
  let storage: Storage | undefined;
  try {
    storage = target.sessionStorage; // throws where storage is blocked
  } catch {
    storage = undefined;
  }
  const keys = new IntentKeys(randomKey, loadIntents(storage));
  const save = () => {
    try {
      storage?.setItem(STORE, JSON.stringify(keys.entries()));
    } catch {
      // full or blocked: the keys live as long as the page
    }
  };
  const original = target.fetch.bind(target);
  target.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const signature = url === null ? null : writeSignature(url, init, target.location.origin);
    if (signature === null) return original(input, init);
    const id = intentId(signature);
    const headers = new Headers(init?.headers);
    headers.set(REQUEST_KEY_HEADER, keys.keyFor(id, Date.now()));
    save();
    try {
      const res = await original(input, { ...init, headers });
      keys.settled(id, res.status < 500, Date.now()); // a 5xx may have written: a retry keeps the key
      return res;
    } catch (err) {
      keys.settled(id, false, Date.now());
      throw err;
    } finally {
      save();
    }
  };
}
