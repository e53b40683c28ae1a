import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { noiseReason } from '@/lib/domain/noise-rows';

describe('noiseReason', () => {
  const mapping = { name: 1, idNumber: 2 };

  test('blank, totals, notes, repeated header', () => {
    assert.equal(noiseReason(['', ' ', '\u3000'], mapping), '空行');
    assert.equal(noiseReason(['23', '', ''], mapping), '空行（无人员信息）');
    assert.match(noiseReason(['合  计', '', '', '120人'], mapping) ?? '', /^合计行/);
    assert.match(noiseReason(['', '总计：120 人'], mapping) ?? '', /^合计行/);
    assert.match(noiseReason(['小计', '', ''], mapping) ?? '', /^合计行/);
    for (const note of [
      '备注：无',
      '注：本表由民政局提供',
      '说明 1',
      '制表人：李四',
      '审核人:王五',
      '填报单位：民政局',
    ]) {
      assert.match(noiseReason([note, '', ''], mapping) ?? '', /^备注\/说明行/, note);
    }
    assert.equal(noiseReason(['序号', '姓名', '身份证号码'], mapping), '重复的表头行');
    assert.equal(noiseReason(['序号', '姓 名', '公民身份号码'], mapping), '重复的表头行');
  });

  test('real rows are not noise, even with a bad ID', () => {
    assert.equal(noiseReason(['1', '张三', '371003198506120414'], mapping), null);
    assert.equal(noiseReason(['2', '李四', ''], mapping), null);
    assert.equal(noiseReason(['3', '', '3.71003E+17'], mapping), null);
  });

  test('a person whose name looks like a header word is no repeated header', () => {
    assert.equal(noiseReason(['4', '姓名', '371003198506120414'], mapping), null);
  });

  test('without a mapping only blank, total and note rows are noise', () => {
    assert.equal(noiseReason(['1', '张三', '371003198506120414'], {}), null);
    assert.equal(noiseReason(['', ''], {}), '空行');
  });
});
