/**
 * A cache of a function of the few distinct values a column repeats (schemes, towns, categories,
 * amounts, dates): computed once per value, up to `limit` values. A missing value (null,
 * undefined) and '' share one entry. Pure.
 */
export function memoByValue<V extends string | number | null | undefined, T>(
  fn: (v: V) => T,
  limit = 5000,
): (v: V) => T {
  const cache = new Map<string | number, T>();
  return (v) => {
    const key = v ?? '';
    if (cache.has(key)) return cache.get(key)!;
    const value = fn(v);
    if (cache.size < limit) cache.set(key, value);
    return value;
  };
}
