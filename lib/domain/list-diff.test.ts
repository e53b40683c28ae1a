import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diffLists, type ListDiffRow } from '@/lib/domain/list-diff';

const TODAY = new Date(2026, 0, 1);
const A = '371003198506120414';
const B = '11010519491231002X';
const C = '370404199203080621';
const D = '370181197809151137';
const row = (idNumber: string, category: string, name = '某人'): ListDiffRow => ({ idNumber, category, name });

describe('diffLists', () => {
  test('added, removed, category changes, unchanged', () => {
    const prev = [row(A, 'dibao', '张三'), row(B, 'tekun', '李四'), row(C, 'dibao', '王五')];
    const cur = [row(A, 'dibao', '张三'), row(C, 'tekun', '王五'), row(D, 'dibao_edge', '赵六')];
    const d = diffLists(prev, cur, TODAY);
    assert.deepEqual(d.added, [cur[2]]);
    assert.deepEqual(d.removed, [prev[1]]);
    assert.deepEqual(d.categoryChanged, [{ idNumber: C, name: '王五', from: 'dibao', to: 'tekun' }]);
    assert.equal(d.unchanged, 1);
    assert.deepEqual(d.unkeyed, { previous: 0, current: 0 });
  });

  test('keys are normalized: spaces, lower-case x, 15-digit form', () => {
    const prev = [row('11010519491231002x', 'tekun'), row('371081850612041', 'dibao')];
    const cur = [row(' 110105 19491231002X', 'tekun'), row('371081198506120413', 'dibao')];
    const d = diffLists(prev, cur, TODAY);
    assert.equal(d.unchanged, 2);
    assert.deepEqual([d.added, d.removed, d.categoryChanged], [[], [], []]);
  });

  test('rows without a valid ID are excluded and counted', () => {
    const prev = [row(A, 'dibao'), row('', 'dibao'), row('371003198506120410', 'dibao')];
    const cur = [row(A, 'dibao'), row('3.71003E+17', 'dibao')];
    const d = diffLists(prev, cur, TODAY);
    assert.deepEqual(d.unkeyed, { previous: 2, current: 1 });
    assert.equal(d.unchanged, 1);
    assert.equal(d.added.length + d.removed.length, 0);
  });

  test('repeated IDs within a list count once (first row)', () => {
    const d = diffLists([row(A, 'dibao')], [row(A, 'tekun'), row(A, 'dibao')], TODAY);
    assert.deepEqual(d.categoryChanged, [{ idNumber: A, name: '某人', from: 'dibao', to: 'tekun' }]);
    assert.deepEqual(d.duplicates, { previous: 0, current: 1 });
  });

  test('empty lists; extra fields are kept on result rows', () => {
    const cur = [{ ...row(A, 'dibao'), rowNo: 7 }];
    const d = diffLists([], cur, TODAY);
    assert.equal(d.added[0].rowNo, 7);
    assert.deepEqual(diffLists([], [], TODAY).unchanged, 0);
  });
});
