import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { pgArray } from '@/db/queries/pg-array';
import { dataChangeHorizon } from '@/db/schema';

/** The data domains the triggers of migration 0021 note (each a set of tables). */
export type DataDomain =
  'registry' | 'reference' | 'users' | 'targets' | 'lists' | 'cases' | 'certifications' | 'subsidies' | 'assistance';

interface Entry {
  /** pg_current_snapshot() taken before the result was computed. */
  snapshot: string;
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
  inflight: Map<string, Promise<Entry | null>>;
  lastPrune: { at: number; xmin: string | null };
}
const states = new WeakMap<Db, CacheState>();
function stateOf(db: Db): CacheState {
  let s = states.get(db);
  if (!s) {
    s = { entries: new Map(), inflight: new Map(), lastPrune: { at: Date.now(), xmin: null } };
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
 * One query of a few index entries per hit; concurrent misses of one key compute once. Reads go
 * through `db` (the read client: a replica's snapshot and notes when DATABASE_READ_URL is set).
 */
export async function cachedRead<T>(db: Db, key: string, domains: DataDomain[], compute: () => Promise<T>): Promise<T> {
  const state = stateOf(db);
  const held = state.entries.get(key);
  if (held && Date.now() - held.storedAt < TTL_MS && (await unchangedSince(db, held.snapshot, domains))) {
    state.entries.delete(key); // most recently used last
    state.entries.set(key, held);
    return held.value as T;
  }
  const pending = state.inflight.get(key);
  if (pending) {
    const joined = await pending;
    // Started before a change this request can see? Then compute afresh below.
    if (joined && (await unchangedSince(db, joined.snapshot, domains))) return joined.value as T;
  }
  const run = computeEntry(db, state, key, compute);
  if (!pending) state.inflight.set(key, run);
  try {
    const entry = await run;
    return (entry ? entry.value : await compute()) as T;
  } finally {
    if (state.inflight.get(key) === run) state.inflight.delete(key);
  }
}

async function computeEntry<T>(
  db: Db,
  state: CacheState,
  key: string,
  compute: () => Promise<T>,
): Promise<Entry | null> {
  const [row] = await db
    .select({
      snapshot: sql<string>`pg_current_snapshot()::text`,
      xmin: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`,
    })
    .from(dataChangeHorizon);
  if (!row) return null; // no horizon row: nothing is cached (compute in the caller)
  const entry: Entry = { snapshot: row.snapshot, value: await compute(), storedAt: Date.now() };
  state.entries.delete(key);
  state.entries.set(key, entry);
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  await maybePrune(db, state, row.xmin);
  return entry;
}

/** True when no change of `domains` visible now was invisible in `snapshot` (and none was pruned since). */
async function unchangedSince(db: Db, snapshot: string, domains: DataDomain[]): Promise<boolean> {
  const [row] = await db
    .select({
      fresh: sql<boolean>`${dataChangeHorizon.xid} <= pg_snapshot_xmin(${snapshot}::pg_snapshot)
        and not exists (
          select 1 from data_changes c
          where c.domain = any(${pgArray(domains)}::text[])
            and c.xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot)
            and not pg_visible_in_snapshot(c.xid, ${snapshot}::pg_snapshot))`,
    })
    .from(dataChangeHorizon);
  return row?.fresh === true;
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
