import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FIELD_RULES } from '@/lib/domain/header-rules';
import {
  FIELD_LABELS,
  normalizeHeader,
  parseDate,
  parseScheme,
  parseTier,
  parseYuanToFen,
  toHalfWidth,
  type Field,
} from '@/lib/domain/import-headers';

// Header recognition (the former fieldOfHeader / recognizeHeader / findHeaderRow cases) is tested in
// header-recognition.test.ts, noise rows in noise-rows.test.ts.

describe('toHalfWidth / normalizeHeader', () => {
  test('half-width, spaces, markers, case', () => {
    assert.equal(toHalfWidth('ＣＥＲＴＮＯ（１）：'), 'CERTNO(1):');
    assert.equal(toHalfWidth('\u3000￥４５０'), ' ¥450');
    assert.equal(toHalfWidth('姓名'), '姓名');
    assert.equal(normalizeHeader(' 身份证 号码* '), '身份证号码');
    assert.equal(normalizeHeader('*姓名：'), '姓名');
    assert.equal(normalizeHeader('certno'), 'CERTNO');
    assert.equal(normalizeHeader('缴费金额（元）'), '缴费金额(元)');
  });
});

describe('FIELD_LABELS', () => {
  test('a label for every field that has recognition rules, and no other', () => {
    const fields = Object.keys(FIELD_RULES) as Field[];
    for (const f of fields) assert.ok(FIELD_LABELS[f], f);
    assert.deepEqual(Object.keys(FIELD_LABELS).sort(), [...fields].sort());
  });
});

describe('value parsers', () => {
  test('parseScheme', () => {
    for (const v of ['310', '职工', '职工基本医疗保险', '城镇职工', ' 310 '])
      assert.equal(parseScheme(v), 'employee', v);
    for (const v of ['390', '居民', '城乡居民', '城乡居民基本医疗保险', '３９０'])
      assert.equal(parseScheme(v), 'resident', v);
    for (const v of ['', '320', '新农合', null, undefined]) assert.equal(parseScheme(v), null);
  });

  test('parseTier', () => {
    for (const v of ['一档', '1', '一', '第一档', '1档', '１']) assert.equal(parseTier(v), 'tier1', v);
    for (const v of ['二档', '2', '二', '第二档']) assert.equal(parseTier(v), 'tier2', v);
    for (const v of ['三档', '', '12', null]) assert.equal(parseTier(v), null);
  });

  test('parseYuanToFen', () => {
    const ok: Array<[unknown, number]> = [
      ['450', 45000],
      ['450.00', 45000],
      ['¥450', 45000],
      ['￥ 450', 45000],
      ['1,200.5', 120050],
      ['450元', 45000],
      ['0', 0],
      ['650.000', 65000],
      ['１２３．４５', 12345],
      [450, 45000],
      [1200.5, 120050],
      [0.1, 10],
    ];
    for (const [v, fen] of ok) assert.equal(parseYuanToFen(v), fen, String(v));
    for (const v of ['', 'abc', '-450', '4.505', '12,00', '1,2000', -1, NaN, 0.001, null]) {
      assert.equal(parseYuanToFen(v), null, String(v));
    }
  });

  test('parseDate', () => {
    const ok: Array<[unknown, string]> = [
      ['2026-01-05', '2026-01-05'],
      ['2026/1/5', '2026-01-05'],
      ['2026.1.5', '2026-01-05'],
      ['20260105', '2026-01-05'],
      ['2026年1月5日', '2026-01-05'],
      ['2026 年 1 月 5 日', '2026-01-05'],
      ['2026-01-05 00:00:00', '2026-01-05'],
      ['2026-01-05T08:30:00', '2026-01-05'],
      [46027, '2026-01-05'],
      ['46027', '2026-01-05'],
      [46027.75, '2026-01-05'],
      [20260105, '2026-01-05'],
      [1, '1900-01-01'],
      [61, '1900-03-01'],
      ['２０２４／２／２９', '2024-02-29'],
    ];
    for (const [v, iso] of ok) assert.equal(parseDate(v), iso, String(v));
    for (const v of ['', '2026-02-30', '2025-02-29', '2026-13-01', '20261301', 'abc', '2026-1', 60, 0, -5, null]) {
      assert.equal(parseDate(v), null, String(v));
    }
  });
});
