import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatWanYuan, formatYuan, yuanToFen } from './money';

test('yuanToFen parses exact amounts', () => {
  assert.equal(yuanToFen('450'), 45000);
  assert.equal(yuanToFen('450.5'), 45050);
  assert.equal(yuanToFen('0.07'), 7);
  assert.equal(yuanToFen('1,200.00'), 120000);
  assert.equal(yuanToFen(' 200 '), 20000);
});

test('yuanToFen rejects non-amounts', () => {
  for (const bad of ['', '-1', '1.234', 'abc', '1e3']) assert.equal(yuanToFen(bad), null, bad);
});

test('formatYuan shows two decimals; formatWanYuan shows 万元', () => {
  assert.equal(formatYuan(45000), '450.00');
  assert.equal(formatYuan(123456789), '1,234,567.89');
  assert.equal(formatWanYuan(318_000_000), '318.00万元');
});
