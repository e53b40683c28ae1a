import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConfirmedHeader } from './header-confirmation';
import { recognizeColumns } from './header-recognition';

const header = [
  '序号',
  '姓名',
  '公民身份号码',
  '险种类型',
  '缴费所属年度（镇街填报）',
  '户主身份证号',
  '个人缴费金额（元）',
];
const { columns } = recognizeColumns(header, 'registry');

describe('checkConfirmedHeader', () => {
  test('a complete decision passes', () => {
    const problems = checkConfirmedHeader(
      { headerRowNo: 1, mapping: { name: 1, idNumber: 2, scheme: 3, year: 4, paidAmount: 6 }, ignored: [] },
      columns,
      'registry',
    );
    assert.deepEqual(problems, []);
  });

  test('a year-like column left undecided is refused, also with a default year (which fills blank cells only)', () => {
    const confirmed = { headerRowNo: 1, mapping: { name: 1, idNumber: 2, scheme: 3, paidAmount: 6 }, ignored: [] };
    const withDefault = checkConfirmedHeader(confirmed, columns, 'registry', { year: 2026 });
    assert.equal(withDefault.length, 1);
    assert.match(withDefault[0], /第 5 列“缴费所属年度（镇街填报）”看起来是“参保年度”列.*默认年度只填补空白单元格/);
    const noDefault = checkConfirmedHeader(confirmed, columns, 'registry');
    assert.ok(noDefault.some((p) => /请指定“参保年度”列/.test(p)));
  });

  test('explicitly ignoring the look-alike is a decision: then the default year stands for the missing column', () => {
    const problems = checkConfirmedHeader(
      { headerRowNo: 1, mapping: { name: 1, idNumber: 2, scheme: 3, paidAmount: 6 }, ignored: [4] },
      columns,
      'registry',
      { year: 2026 },
    );
    assert.deepEqual(problems, []);
  });

  test('a column that is no candidate (户主身份证号, 序号) needs no decision', () => {
    assert.equal(columns.find((c) => c.index === 5)!.candidate, null);
    assert.equal(columns.find((c) => c.index === 0)!.candidate, null);
  });

  test('one column for two fields, a field of another import, a bad index, a missing required field', () => {
    const problems = checkConfirmedHeader(
      {
        headerRowNo: 1,
        mapping: { name: 1, idNumber: 1, scheme: 3, year: 4, paidAmount: 6, category: 0, village: 999 },
        ignored: [2],
      },
      columns,
      'registry',
    );
    assert.ok(problems.some((p) => /第 2 列“姓名”不能同时作为/.test(p)));
    assert.ok(problems.some((p) => /本次导入没有“人员类别”字段/.test(p)));
    assert.ok(problems.some((p) => /“村\(居\)”的列号有误/.test(p)));
  });

  test('list import: only name and ID are required', () => {
    const list = recognizeColumns(['姓名', '身份证号码', '乡镇'], 'list').columns;
    assert.deepEqual(
      checkConfirmedHeader({ headerRowNo: 2, mapping: { name: 0, idNumber: 1, town: 2 }, ignored: [] }, list, 'list'),
      [],
    );
    assert.match(
      checkConfirmedHeader({ headerRowNo: 2, mapping: { name: 0 }, ignored: [1, 2] }, list, 'list')[0],
      /请指定“身份证号码”列/,
    );
  });
});
