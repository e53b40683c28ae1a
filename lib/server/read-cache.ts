import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { dataChangeHorizon } from '@/db/schema';

/** The data domains the triggers of migration 0021 note (each a set of tables). */
export type DataDomain =
  'registry' | 'reference' | 'users' | 'targets' | 'lists' | 'cases' | 'certifications' | 'subsidies' | 'assistance';

interface Entry {
  /** pg_current_snapshot() taken before the result was computed. */
  snapshot: string;
  /** performance.now() when the snapshot query was sent (the snapshot is no older). */
  takenAt: number;
  value: unknown;
  storedAt: number;
}

const MAX_ENTRIES = 2000;
/** An entry is dropped after this long even when nothing changed (memory; and a day's date in some figures). */
const TTL_MS = 15 * 60_000;
/** data_changes rows older than the previous prune go at most this often (per process). */
const PRUNE_EVERY_MS = 10 * 60_000;

interface CacheState {
  entries: Map<string, Entry>;
  inflight: Map<string, Promise<Entry>>;
  /** The notes query the next requests share, until it starts. */
  nextNotes: Promise<Notes> | null;
  lastPrune: { at: number; xmin: string | null };
}
const states = new WeakMap<Db, CacheState>();
function stateOf(db: Db): CacheState {
  let s = states.get(db);
  if (!s) {
    s = { entries: new Map(), inflight: new Map(), nextNotes: null, lastPrune: { at: Date.now(), xmin: null } };
    states.set(db, s);
  }
  return s;
}

/**
 * A read whose result is kept and served again for as long as none of `domains` changed — exactly:
 * an entry holds the snapshot it was computed after, and is served only while no transaction that
 * changed one of its domains (data_changes, written by the writers' own triggers) is visible now but
 * was not in that snapshot. So a figure is never older than what this request could see, including a
 * write that committed while the figure was being computed (that one makes the entry stale at once).
 * A hit costs a share of one small query (the notes and a snapshot, `currentNotes`); concurrent misses
 * of one key compute once, and the cached reads a computation makes itself (a panel inside an export,
 * a year inside a panel) use the notes it was computed after — no query of their own. Reads go
 * through `db` (the read client: a replica's snapshot and notes when DATABASE_READ_URL is set).
 */
export async function cachedRead<T>(db: Db, key: string, domains: DataDomain[], compute: () => Promise<T>): Promise<T> {
  const state = stateOf(db);
  const seen = computingAfter.getStore() ?? (await currentNotes(db, state));
  if (!seen.snapshot) return compute(); // no horizon row: nothing is cached
  const held = state.entries.get(key);
  if (held && Date.now() - held.storedAt < TTL_MS && unchangedSince(seen, held.snapshot, domains)) {
    state.entries.delete(key); // most recently used last
    state.entries.set(key, held);
    return held.value as T;
  }
  // One computation of a key at a time. A request may use one that started no earlier than the notes
  // it has seen (its snapshot is at least as new); one that started earlier only if nothing changed since.
  for (;;) {
    let run = state.inflight.get(key);
    if (!run) {
      const started = computeEntry(db, state, key, seen, compute);
      run = started;
      state.inflight.set(key, started);
      void started.then(
        () => state.inflight.get(key) === started && state.inflight.delete(key),
        () => state.inflight.get(key) === started && state.inflight.delete(key),
      );
    }
    const entry = await run;
    if (entry.takenAt >= seen.takenAt || unchangedSince(seen, entry.snapshot, domains)) return entry.value as T;
  }
}

/** The notes a computation was started after: the cached reads it makes itself check against them. */
const computingAfter = new AsyncLocalStorage<Notes>();

async function computeEntry<T>(
  db: Db,
  state: CacheState,
  key: string,
  seen: Notes,
  compute: () => Promise<T>,
): Promise<Entry> {
  const value = await computingAfter.run(seen, compute);
  const entry: Entry = { snapshot: seen.snapshot!, takenAt: seen.takenAt, value, storedAt: Date.now() };
  state.entries.delete(key);
  state.entries.set(key, entry);
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  await maybePrune(db, state, seen.xmin!);
  return entry;
}

/** The notes, horizon and a snapshot as a request sees them (one query shared by the requests waiting for it). */
interface Notes {
  horizon: bigint;
  notes: { domain: string; xid: bigint }[];
  /** pg_current_snapshot() of the query, and its xmin; null without a horizon row (nothing is cached then). */
  snapshot: string | null;
  xmin: string | null;
  /** performance.now() when the query was sent (its snapshot is no older). */
  takenAt: number;
}

/**
 * The notes visible now. Requests that ask before the query starts share it (it starts on the next
 * turn of the event loop), so under load one query serves many; a request never shares a query that
 * started before it asked, so what it sees is never older than its own arrival.
 */
function currentNotes(db: Db, state: CacheState): Promise<Notes> {
  if (state.nextNotes) return state.nextNotes;
  const next = new Promise<Notes>((resolve, reject) =>
    setImmediate(() => {
      state.nextNotes = null;
      const takenAt = performance.now();
      db.select({
        horizon: sql<string>`${dataChangeHorizon.xid}::text`,
        notes: sql<string[] | null>`(select array_agg(c.domain || ':' || c.xid::text) from data_changes c)`,
        snapshot: sql<string>`pg_current_snapshot()::text`,
        xmin: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`,
      })
        .from(dataChangeHorizon)
        .then(([row]) =>
          resolve({
            horizon: row ? BigInt(row.horizon) : BigInt(Number.MAX_SAFE_INTEGER),
            notes: (row?.notes ?? []).map((n) => {
              const at = n.lastIndexOf(':');
              return { domain: n.slice(0, at), xid: BigInt(n.slice(at + 1)) };
            }),
            snapshot: row?.snapshot ?? null,
            xmin: row?.xmin ?? null,
            takenAt,
          }),
        )
        .catch(reject);
    }),
  );
  state.nextNotes = next;
  return next;
}

/** pg_visible_in_snapshot for a committed transaction: 'xmin:xmax:xip,…'. */
export function visibleInSnapshot(xid: bigint, snapshot: string): boolean {
  const [xmin, xmax, xip] = snapshot.split(':');
  if (xid < BigInt(xmin)) return true;
  if (xid >= BigInt(xmax)) return false;
  return !xip.split(',').some((x) => x !== '' && BigInt(x) === xid);
}

/** True when no change of `domains` in the notes seen was invisible in `snapshot` (and none was pruned since). */
function unchangedSince(seen: Notes, snapshot: string, domains: DataDomain[]): boolean {
  if (seen.horizon > BigInt(snapshot.split(':')[0])) return false;
  return seen.notes.every((n) => !domains.includes(n.domain as DataDomain) || visibleInSnapshot(n.xid, snapshot));
}

/**
 * Every PRUNE_EVERY_MS: drops the notes of transactions older than the oldest one running at the
 * previous prune (all visible to every snapshot since), and raises the horizon to it — an entry whose
 * snapshot is older than the horizon is then stale (it might have missed a dropped note).
 */
async function maybePrune(db: Db, state: CacheState, xminNow: string): Promise<void> {
  if (Date.now() - state.lastPrune.at < PRUNE_EVERY_MS) return;
  const below = state.lastPrune.xmin;
  state.lastPrune = { at: Date.now(), xmin: xminNow };
  if (!below) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`update data_change_horizon set xid = greatest(xid, ${below}::xid8)`);
    await tx.execute(sql`delete from data_changes where xid < ${below}::xid8`);
  });
}

/** For tests: forget the entries of `db` (the next reads compute afresh). */
export function clearReadCache(db: Db): void {
  states.delete(db);
}
