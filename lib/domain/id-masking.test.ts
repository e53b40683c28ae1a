import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { maskIdLikeText, maskRowCells, remaskLegacy } from './id-masking';

describe('maskIdLikeText', () => {
  test('18 and 15 digits, with spaces, full-width digits and x', () => {
    assert.equal(maskIdLikeText('371003198506120414'), '371003**********14');
    assert.equal(maskIdLikeText('3710 0319 8506 1204 14'), '371003**********14');
    assert.equal(maskIdLikeText('３７１００３１９８５０６１２０４１４'), '371003**********14');
    assert.equal(maskIdLikeText(' 11010519491231002x '), ' 110105**********2X ');
    assert.equal(maskIdLikeText('371081850612041'), '371081********1');
    assert.equal(maskIdLikeText('371003 1985\u30000612 0414'), '371003**********14');
  });

  test('wrong IDs are masked too (a typo is one character from the number); 16 and 17 digits as well', () => {
    assert.equal(maskIdLikeText('371003198506120410'), '371003**********10');
    assert.equal(maskIdLikeText('37100319850612041'), '371003***********');
    assert.equal(maskIdLikeText('3710031985061204'), '371003**********');
  });

  test('inside text; shorter and longer digit runs, masks and Excel numbers stay', () => {
    assert.equal(
      maskIdLikeText('读出为“371003198506120000”，原号码 371003198506120414'),
      '读出为“371003**********00”，原号码 371003**********14',
    );
    for (const s of [
      '12345678901234',
      '1234567890123456789',
      '371003**********14',
      '3.71003198506120E+17',
      '2026-10-01',
    ])
      assert.equal(maskIdLikeText(s), s);
  });

  test('onId sees each normalized number', () => {
    const seen: string[] = [];
    maskIdLikeText('a 3710 0319 8506 1204 14 b 11010519491231002x', (id) => seen.push(id));
    assert.deepEqual(seen, ['371003198506120414', '11010519491231002X']);
  });
});

describe('maskRowCells', () => {
  test('the ID masked; a cell repeating its birth date cut to the year; other dates stay', () => {
    assert.deepEqual(maskRowCells(['张三', '371003198506120414', '1985-06-12', '2026-03-01', '男']), [
      '张三',
      '371003**********14',
      '1985年',
      '2026-03-01',
      '男',
    ]);
    for (const date of ['1985/6/12', '1985.06.12', '1985年6月12日', '19850612', ' 1985-06-12 '])
      assert.equal(maskRowCells(['371003198506120414', date])[1], '1985年', date);
  });

  test('a 15-digit number carries 19YYMMDD; a row without an ID keeps its dates', () => {
    assert.deepEqual(maskRowCells(['371081850612041', '1985-06-12']), ['371081********1', '1985年']);
    assert.deepEqual(maskRowCells(['合计', '1985-06-12']), ['合计', '1985-06-12']);
  });
});

describe('remaskLegacy', () => {
  test('masks of the earlier format (area + 8 × * + last 4) → the current one, deeply', () => {
    assert.deepEqual(
      remaskLegacy({
        before: { idNumber: '371003********0414', note: '张三 110105********002X' },
        list: ['371081********2041', 7, null],
        at: '2026-01-01',
      }),
      {
        before: { idNumber: '371003**********14', note: '张三 110105**********2X' },
        list: ['371081**********41', 7, null],
        at: '2026-01-01',
      },
    );
  });

  test('current masks and other text stay', () => {
    for (const s of ['371003**********14', '****', '371003********04141', '共 12 人']) assert.equal(remaskLegacy(s), s);
  });
});
