import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unwrapForPage } from './page-result';
import { DB_UNAVAILABLE_DIGEST, DB_UNAVAILABLE_MESSAGE, DatabaseUnavailableError } from './pg-errors';

test('a page whose operation found the database away throws the error app/error.tsx shows in Chinese', () => {
  assert.throws(
    () => unwrapForPage({ ok: false, status: 503, error: DB_UNAVAILABLE_MESSAGE }),
    (err: unknown) =>
      err instanceof DatabaseUnavailableError &&
      err.digest === DB_UNAVAILABLE_DIGEST &&
      err.message === DB_UNAVAILABLE_MESSAGE,
  );
  assert.equal(unwrapForPage({ ok: true, data: 7 }), 7);
});
