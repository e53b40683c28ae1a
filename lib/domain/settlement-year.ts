/**
 * A person's year of stays, settled in order (after a correction or a cancellation every later stay
 * of the year is settled again), and the difference between two settlements of the same stays. Pure.
 */
import { emptyYearToDate, LAYER_KEYS, settleStay, type LayerAmounts, type Stay, type StayResult } from './settlement';
import type { SettlementPolicy } from './settlement-policy';

/** A saved stay: its order in the year is its date, then its sequence (the order it was saved). */
export interface OrderedStay extends Stay {
  seq: number;
}

export const compareStays = (a: OrderedStay, b: OrderedStay): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq;

/** Settles one person's stays of one year in order (sorted by date, then seq); each after the ones before it. */
export function settlePersonYear<S extends OrderedStay>(
  policy: SettlementPolicy,
  stays: readonly S[],
): { stay: S; result: StayResult }[] {
  let ytd = emptyYearToDate();
  return [...stays].sort(compareStays).map((stay) => {
    const result = settleStay(policy, stay, ytd);
    ytd = result.ytdAfter;
    return { stay, result };
  });
}

/** What a stay's figures were and are: the layer amounts and the person's share. */
export interface StayFigures {
  amounts: LayerAmounts;
  personFen: number;
}

export interface StayChange<K> {
  key: K;
  before: StayFigures | null;
  after: StayFigures | null;
  /** after − before per layer and for the person (a missing side counts as 0). */
  delta: LayerAmounts & { person: number };
  changed: boolean;
}

/** The difference per stay between two settlements of a year (stays matched by key). */
export function settlementDiff<K>(
  before: ReadonlyMap<K, StayFigures>,
  after: ReadonlyMap<K, StayFigures>,
): StayChange<K>[] {
  const keys = [...before.keys(), ...[...after.keys()].filter((k) => !before.has(k))];
  return keys.map((key) => {
    const b = before.get(key) ?? null;
    const a = after.get(key) ?? null;
    const delta = { person: (a?.personFen ?? 0) - (b?.personFen ?? 0) } as LayerAmounts & { person: number };
    for (const k of LAYER_KEYS) delta[k] = (a?.amounts[k] ?? 0) - (b?.amounts[k] ?? 0);
    const changed = a === null || b === null || Object.values(delta).some((v) => v !== 0);
    return { key, before: b, after: a, delta, changed };
  });
}
