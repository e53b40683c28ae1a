import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgArray } from './pg-array';

test('pgArray quotes every item and escapes quotes and backslashes; null is NULL', () => {
  assert.equal(pgArray([]), '{}');
  assert.equal(pgArray(['a', null, 3]), '{"a",NULL,"3"}');
  assert.equal(pgArray(['say "hi"', 'c:\\x', '{,}']), '{"say \\"hi\\"","c:\\\\x","{,}"}');
});
