/**
 * 抽查 (spot checks): a supervisor draws a random sample of a hospital's certification decisions.
 * The draw is reproducible — store the seed (and SAMPLING_ALGORITHM) with the draw and anyone can
 * redraw the same sample from the same population, in whatever order it is read from the database.
 *
 * Algorithm (v1): sort the items by id; seed the sfc32 generator with the cyrb128 hash of the seed
 * string (UTF-16 code units) and discard its first 15 outputs; partial Fisher–Yates shuffle picking
 * `size` items, each index drawn without modulo bias by rejection; return the picks sorted by id.
 * Changing any step changes historical samples: bump the version instead.
 * Pure and isomorphic (no node: imports), so it may also run in the browser.
 */

export const SAMPLING_ALGORITHM = 'cyrb128-sfc32-fisher-yates-v1';

export type SampleSpec = { percent?: number; count?: number };
export type Verdict = 'compliant' | 'non_compliant' | null;

/** 128-bit string hash (cyrb128, public domain) → four uint32 words. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Small Fast Counting, public domain) → a generator of uint32 values. */
function sfc32([a0, b0, c0, d0]: [number, number, number, number]): () => number {
  let [a, b, c, d] = [a0 | 0, b0 | 0, c0 | 0, d0 | 0];
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** A deterministic generator of uint32 values for `seed`. */
export function seededUint32(seed: string): () => number {
  const next = sfc32(cyrb128(seed));
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Uniform integer in [0, bound) without modulo bias (bound ≤ 2^32). */
function uniformBelow(next: () => number, bound: number): number {
  const limit = 2 ** 32 - (2 ** 32 % bound);
  for (;;) {
    const x = next();
    if (x < limit) return x % bound;
  }
}

/**
 * How many items a spec picks from n: exactly one of percent (0 < p ≤ 100 → ceil(n·p/100), at
 * least 1 when n > 0) or count (a non-negative integer, capped at n).
 */
export function sampleSize(n: number, spec: SampleSpec): number {
  const { percent, count } = spec;
  if ((percent === undefined) === (count === undefined)) throw new RangeError('抽查比例和抽查数量须且只能填写一项');
  if (percent !== undefined) {
    if (!Number.isFinite(percent) || percent <= 0 || percent > 100)
      throw new RangeError(`抽查比例应大于 0 且不超过 100，实为 ${percent}`);
    if (n === 0) return 0;
    // The small epsilon keeps float noise (e.g. 7.000000000000001) from adding one more item.
    return Math.min(n, Math.max(1, Math.ceil((n * percent) / 100 - 1e-9)));
  }
  if (!Number.isInteger(count) || count! < 0) throw new RangeError(`抽查数量应为非负整数，实为 ${count}`);
  return Math.min(n, count!);
}

/**
 * Draws a reproducible sample: same items (in any order) + same seed → same sample.
 * Returns the chosen items sorted by id. Item ids must be unique.
 */
export function drawSample<T extends { id: number }>(items: readonly T[], spec: SampleSpec, seed: string): T[] {
  if (seed.length === 0) throw new RangeError('抽查种子不能为空');
  const pool = [...items].sort((a, b) => a.id - b.id);
  for (let i = 1; i < pool.length; i++) {
    if (pool[i].id === pool[i - 1].id) throw new RangeError(`待抽查记录的编号重复：${pool[i].id}`);
  }
  const size = sampleSize(pool.length, spec);
  const next = seededUint32(seed);
  for (let i = 0; i < size; i++) {
    const j = i + uniformBelow(next, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size).sort((a, b) => a.id - b.id);
}

/** A fresh random seed (UUID v4) for a new draw; store it with the draw. */
export function newSeed(): string {
  return globalThis.crypto.randomUUID();
}

export interface Compliance {
  checked: number;
  compliant: number;
  nonCompliant: number;
  unchecked: number;
  /** compliant / checked; null when nothing is checked yet */
  rate: number | null;
}

/** Compliance from counted verdicts (sampled decisions, of them compliant and non-compliant). */
export function complianceOf(c: { sampled: number; compliant: number; nonCompliant: number }): Compliance {
  const checked = c.compliant + c.nonCompliant;
  return {
    checked,
    compliant: c.compliant,
    nonCompliant: c.nonCompliant,
    unchecked: c.sampled - checked,
    rate: checked === 0 ? null : c.compliant / checked,
  };
}

/** Verdict counts of a spot check; rate = compliant / checked (null when nothing is checked yet). */
export function complianceRate(verdicts: readonly Verdict[]): Compliance {
  return complianceOf({
    sampled: verdicts.length,
    compliant: verdicts.filter((v) => v === 'compliant').length,
    nonCompliant: verdicts.filter((v) => v === 'non_compliant').length,
  });
}
