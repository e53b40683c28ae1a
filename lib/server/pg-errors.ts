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

/** What the user is told, everywhere, while the database cannot be reached. */
export const DB_UNAVAILABLE_MESSAGE = '数据库暂时无法连接，请稍后重试（已保存的数据不受影响）';
/** The digest of the error a page throws then (app/error.tsx shows DB_UNAVAILABLE_MESSAGE for it). */
export const DB_UNAVAILABLE_DIGEST = 'PORTAL_DB_UNAVAILABLE';

/** Node socket errors: the server refused, dropped or never answered the connection. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** postgres.js's own codes for a connection that closed, ended or did not open in time. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
/**
 * SQLSTATEs of a server going away or not there yet: 57P01 admin_shutdown (pg_ctl stop -m fast),
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down, in recovery);
 * class 08 is connection_exception.
 */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03']);

function codeIsUnavailable(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  return SOCKET_CODES.has(code) || DRIVER_CODES.has(code) || SERVER_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code);
}

/**
 * The database could not be reached, or went away during the call: the driver's error, drizzle's
 * wrapping of it (`cause`), or Node's AggregateError of the connection attempts (`errors`). Pure.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (codeIsUnavailable(e.code)) return true;
  if (e.cause && isDatabaseUnavailable(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => isDatabaseUnavailable(x, depth + 1));
}

/** Thrown where a page cannot go on without the database: app/error.tsx knows it by its digest. */
export class DatabaseUnavailableError extends Error {
  readonly digest = DB_UNAVAILABLE_DIGEST;
  constructor(cause?: unknown) {
    super(DB_UNAVAILABLE_MESSAGE, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** Rethrows a database-unavailable error as DatabaseUnavailableError (any other error as it is). */
export function rethrowUnavailable(err: unknown): never {
  if (err instanceof DatabaseUnavailableError || !isDatabaseUnavailable(err)) throw err;
  throw new DatabaseUnavailableError(err);
}
