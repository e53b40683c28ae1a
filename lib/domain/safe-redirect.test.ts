import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeCallbackPath } from './safe-redirect';

test('paths of this site pass, with their query', () => {
  assert.equal(safeCallbackPath('/persons?page=2&town=371003001'), '/persons?page=2&town=371003001');
  assert.equal(safeCallbackPath('/matching/cases#x'), '/matching/cases#x');
});

test('anything that leaves the site falls back to the home page', () => {
  for (const bad of [
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    'https://evil.example',
    'evil.example',
    '/\t/evil.example',
    ' //evil.example',
    '',
    null,
    undefined,
    'javascript:alert(1)',
  ]) {
    assert.equal(safeCallbackPath(bad), '/', String(bad));
  }
});
