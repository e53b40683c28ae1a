/** PostgreSQL errors the operations turn into answers for the user. */

/** A unique constraint refused the write (SQLSTATE 23505), from the driver or wrapped by drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}
