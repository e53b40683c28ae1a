/**
 * A Postgres array literal for one query parameter ('{"a","b",NULL}'), for `= any($1::text[])`
 * and `unnest($1::int[], …)`: drizzle would otherwise expand a JS array into one placeholder per item.
 */
export function pgArray(values: readonly (string | number | null | undefined)[]): string {
  const items = values.map((v) => (v == null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`));
  return `{${items.join(',')}}`;
}
