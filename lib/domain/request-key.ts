/**
 * Idempotency keys (issue 13 §5): the rules that need no database. A write sent twice with the
 * same key runs once; the second answer is the first one's, replayed from `request_keys`.
 */

/** The header a client sends a write's key in (lib/client/request-keys.ts; read by lib/server/invoke.ts). */
export const REQUEST_KEY_HEADER = 'x-request-key';

/** What the second answer of a write says. */
export const ALREADY_DONE_MESSAGE = '该操作已完成（重复提交未重复执行）';

/** How long a key is kept: a retry later than this runs again. */
export const REQUEST_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** A key as clients make them (random, 16–100 URL-safe characters); anything else is ignored. */
export function isRequestKey(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{16,100}$/.test(value);
}

/*
 * A handler's answer, stored as JSON and given back as it was: Dates stay Dates, undefined stays
 * undefined (JSON alone would turn the one into a string and drop the other), bigints stay bigints.
 */
const TAG = '$replay';
type Tagged = { [TAG]: 'date' | 'undefined' | 'bigint'; v?: string };

export function encodeReplay(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify({ v: value }, function (this: Record<string, unknown>, key, v: unknown) {
      const raw = this[key];
      if (raw instanceof Date) return { [TAG]: 'date', v: raw.toISOString() } satisfies Tagged;
      if (raw === undefined) return { [TAG]: 'undefined' } satisfies Tagged;
      if (typeof raw === 'bigint') return { [TAG]: 'bigint', v: raw.toString() } satisfies Tagged;
      return v;
    }),
  ).v;
}

export function decodeReplay(stored: unknown): unknown {
  if (Array.isArray(stored)) return stored.map(decodeReplay);
  if (stored === null || typeof stored !== 'object') return stored;
  const tagged = stored as Partial<Tagged>;
  if (typeof tagged[TAG] === 'string' && Object.keys(stored).every((k) => k === TAG || k === 'v')) {
    if (tagged[TAG] === 'date') return new Date(tagged.v as string);
    if (tagged[TAG] === 'bigint') return BigInt(tagged.v as string);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(stored)) out[k] = decodeReplay(v);
  return out;
}

/** A job's key row with no answer yet is taken for abandoned (the process died) after this long. */
export const PENDING_JOB_STALE_MS = 10 * 60 * 1000;

/**
 * The client's rule for when a write reuses a key: the same request (same action, same input) sent
 * again while the first has no answer (in flight, a network failure, a server error) or within
 * REPEAT_WINDOW_MS of its answer (a double click: Next.js sends server actions one after another)
 * is the same intent; after that, a fresh key (the user meant it again). A different write sent in
 * between also ends that window: the user moved on (submitted, imported, approved), so the same
 * request again is meant again — e.g. 生成花名册 after a newer list was imported. A write still
 * unanswered keeps its key whatever is sent meanwhile (its retry must not run twice).
 */
export const REPEAT_WINDOW_MS = 10_000;

export interface Intent {
  key: string;
  sentAt: number;
  /** When its answer arrived; null while none has (in flight or failed in transit). */
  answeredAt: number | null;
}

export class IntentKeys {
  private readonly intents: Map<string, Intent>;

  /** `saved`: the entries() of an earlier page of the same tab (sessionStorage), to survive a reload. */
  constructor(
    private readonly newKey: () => string,
    saved: Iterable<[string, Intent]> = [],
  ) {
    this.intents = new Map(saved);
  }

  entries(): [string, Intent][] {
    return [...this.intents];
  }

  /** The key to send `signature` with at `now`. */
  keyFor(signature: string, now: number): string {
    this.prune(now);
    const known = this.intents.get(signature);
    if (known) {
      known.answeredAt = null; // sent again: in flight again
      known.sentAt = now;
      return known.key;
    }
    for (const [sig, intent] of this.intents) if (intent.answeredAt !== null) this.intents.delete(sig);
    const key = this.newKey();
    this.intents.set(signature, { key, sentAt: now, answeredAt: null });
    return key;
  }

  /** The server answered (`definitive`: a 2xx–4xx status) or did not (a network failure, a 5xx). */
  settled(signature: string, definitive: boolean, now: number): void {
    const known = this.intents.get(signature);
    if (known && definitive) known.answeredAt = now;
  }

  private prune(now: number) {
    for (const [sig, intent] of this.intents)
      if (
        (intent.answeredAt !== null && now - intent.answeredAt > REPEAT_WINDOW_MS) ||
        now - intent.sentAt > REQUEST_KEY_TTL_MS // the server has forgotten it too
      )
        this.intents.delete(sig);
  }
}

/**
 * A short fingerprint of a request's signature (two 53-bit cyrb53 hashes, hex), so the intents kept
 * in sessionStorage hold no form contents (names, ID numbers, passwords).
 */
export function intentId(signature: string): string {
  const cyrb53 = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < signature.length; i++) {
      const ch = signature.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  };
  return cyrb53(1) + cyrb53(2);
}
