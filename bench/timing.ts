/** Latency helpers for the benchmarks: timing a call and summarizing samples by percentile. */

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export const now = (): number => performance.now();

/** Runs `fn` once and returns its wall-clock duration in milliseconds (and its result). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = now();
  const result = await fn();
  return { ms: now() - start, result };
}

/**
 * Nearest-rank percentile (p in 0..100) of samples: the smallest sample such that at least p% of
 * all samples are ≤ it. Always one of the samples, never an interpolation.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (p < 0 || p > 100) throw new RangeError(`percentile out of range: ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.reduce((m, x) => Math.max(m, x), -Infinity), // not Math.max(...): 100k+ samples overflow the stack
    mean: samples.reduce((s, x) => s + x, 0) / samples.length,
  };
}

/** A duration for humans: "850 ms", "12.3 s", "3 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** One decimal, as the RESULT lines print it. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;
