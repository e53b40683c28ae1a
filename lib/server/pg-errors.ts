/** PostgreSQL errors the operations turn into answers for the user. */

const sqlState = (err: unknown) => {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code ?? e?.cause?.code;
};

/** A unique constraint refused the write (SQLSTATE 23505), from the driver or wrapped by drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505';
}

/** A CHECK constraint refused the write (SQLSTATE 23514). */
export function isCheckViolation(err: unknown): boolean {
  return sqlState(err) === '23514';
}
