import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DB_UNAVAILABLE_DIGEST,
  DB_UNAVAILABLE_MESSAGE,
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  rethrowUnavailable,
} from './pg-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
/** drizzle's wrapping of a driver error. */
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });

test('the server away, in every form the driver reports it, is "database unavailable"', () => {
  for (const code of [
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
    'CONNECTION_CLOSED',
    'CONNECTION_ENDED',
    'CONNECTION_DESTROYED',
    'CONNECT_TIMEOUT',
    '57P01', // admin_shutdown: pg_ctl stop -m fast
    '57P02', // crash_shutdown
    '57P03', // cannot_connect_now: starting up / shutting down
    '08006', // connection_failure
    '08001',
  ]) {
    assert.ok(isDatabaseUnavailable(withCode(code)), code);
    assert.ok(isDatabaseUnavailable(wrapped(withCode(code))), `${code} wrapped by drizzle`);
  }
  // Node's AggregateError of the connection attempts (one per address).
  const all = Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), {});
  assert.ok(isDatabaseUnavailable(all));
});

test('errors of the statement or of the program are not', () => {
  for (const code of ['23505', '23514', '40001', '42P01', '57014', 'ENOENT', 'EACCES', '08'])
    assert.equal(isDatabaseUnavailable(withCode(code)), false, code);
  assert.equal(isDatabaseUnavailable(new Error('connect ECONNREFUSED in the message only')), false);
  assert.equal(isDatabaseUnavailable(null), false);
  assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
  assert.equal(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED'), withCode('23505')])), false);
});

test('rethrowUnavailable: the one Chinese message with the digest app/error.tsx knows; other errors unchanged', () => {
  const down = withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432');
  assert.throws(
    () => rethrowUnavailable(wrapped(down)),
    (err: unknown) =>
      err instanceof DatabaseUnavailableError &&
      err.message === DB_UNAVAILABLE_MESSAGE &&
      err.digest === DB_UNAVAILABLE_DIGEST &&
      isDatabaseUnavailable(err),
  );
  const other = withCode('23505');
  assert.throws(
    () => rethrowUnavailable(other),
    (err: unknown) => err === other,
  );
  assert.match(DB_UNAVAILABLE_MESSAGE, /^数据库暂时无法连接/);
});
