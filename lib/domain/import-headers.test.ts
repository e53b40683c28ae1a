import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIELD_LABELS,
  HEADER_ALIASES,
  fieldOfHeader,
  findHeaderRow,
  isNoiseRow,
  noiseReason,
  normalizeHeader,
  parseDate,
  parseScheme,
  parseTier,
  parseYuanToFen,
  recognizeHeader,
  toHalfWidth,
  type Field,
} from '@/lib/domain/import-headers';

describe('normalizeHeader / fieldOfHeader', () => {
  test('half-width, spaces, markers, case', () => {
    assert.equal(toHalfWidth('ＣＥＲＴＮＯ（１）：'), 'CERTNO(1):');
    assert.equal(normalizeHeader(' 身份证 号码* '), '身份证号码');
    assert.equal(normalizeHeader('*姓名：'), '姓名');
    assert.equal(normalizeHeader('certno'), 'CERTNO');
  });

  test('tolerant matching of every listed variant', () => {
    const cases: Array<[string, Field]> = [
      ['姓名', 'name'], ['人员姓名', 'name'], ['参保人姓名', 'name'], ['成员姓名', 'name'], ['psn_name', 'name'],
      ['身份证号', 'idNumber'], ['身份证号码', 'idNumber'], ['公民身份号码', 'idNumber'], ['证件号码', 'idNumber'],
      ['身份证', 'idNumber'], ['证件号', 'idNumber'], ['CertNo', 'idNumber'], ['身 份 证 号*', 'idNumber'],
      ['乡镇', 'town'], ['镇街', 'town'], ['乡镇（街道）', 'town'], ['镇(街道)', 'town'], ['所属乡镇', 'town'], ['街道', 'town'],
      ['村', 'village'], ['村居', 'village'], ['村（居）', 'village'], ['村/社区', 'village'], ['所属村', 'village'],
      ['类别', 'category'], ['人员类别', 'category'], ['救助类别', 'category'], ['贫困类型', 'category'],
      ['身份类别', 'category'], ['PSN_TYPE', 'category'],
      ['性别', 'gender'], ['gend', 'gender'], ['出生日期', 'birthDate'], ['BRDY', 'birthDate'],
      ['险种', 'scheme'], ['险种类型', 'scheme'], ['insutype', 'scheme'], ['档次', 'tier'], ['缴费档次', 'tier'],
      ['缴费金额', 'paidAmount'], ['个人缴费', 'paidAmount'], ['金额', 'paidAmount'], ['缴费金额（元）', 'paidAmount'],
      ['缴费日期', 'paidDate'], ['到账日期', 'paidDate'], ['年度', 'year'], ['参保年度', 'year'], ['所属年度', 'year'],
      ['户号', 'householdNo'], ['户编号', 'householdNo'], ['与户主关系', 'relation'], ['参保状态', 'status'],
    ];
    for (const [header, field] of cases) assert.equal(fieldOfHeader(header), field, header);
  });

  test('householder columns and unrelated headers are not person fields', () => {
    for (const h of ['户主姓名', '户主身份证号', '序号', '备注', '联系电话', '证件类型', '']) {
      assert.equal(fieldOfHeader(h), null, h);
    }
  });

  test('labels exist for every field', () => {
    for (const f of Object.keys(HEADER_ALIASES) as Field[]) assert.ok(FIELD_LABELS[f]);
  });
});

describe('recognizeHeader', () => {
  test('maps columns, first match wins, reports unknown', () => {
    const r = recognizeHeader(['序号', '姓名', '身份证号码', '证件号码', ' ', '乡镇（街道）', '村', '联系电话']);
    assert.deepEqual(r.mapping, { name: 1, idNumber: 2, town: 5, village: 6 });
    assert.deepEqual(r.unknown, ['序号', '联系电话']);
    assert.deepEqual(r.duplicates, [{ field: 'idNumber', index: 3, header: '证件号码' }]);
  });
});

describe('findHeaderRow', () => {
  const title = '2026年文登区特困人员名单';
  test('skips title rows, merged duplicates and blank rows', () => {
    const rows = [
      [title, title, title, title],
      ['填报单位：文登区民政局', '', '', ''],
      ['', '', '', ''],
      ['序号', '姓 名', '身份证号码', '类别'],
      ['1', '张三', '371003198506120414', '特困'],
    ];
    const h = findHeaderRow(rows, ['name', 'idNumber']);
    assert.ok(h);
    assert.equal(h.rowIndex, 3);
    assert.equal(h.dataStartIndex, 4);
    assert.deepEqual(h.mapping, { name: 1, idNumber: 2, category: 3 });
  });

  test('merges a sub-header row under merged parent cells', () => {
    const rows = [
      ['序号', '姓名', '身份证号', '地址', ''],
      ['', '', '', '乡镇', '村'],
      ['1', '张三', '371003198506120414', '米山镇', '东村'],
    ];
    const h = findHeaderRow(rows, ['name', 'idNumber', 'town']);
    assert.ok(h);
    assert.equal(h.rowIndex, 0);
    assert.equal(h.dataStartIndex, 2);
    assert.deepEqual(h.mapping, { name: 1, idNumber: 2, town: 3, village: 4 });
  });

  test('null when required fields are missing or beyond maxScan', () => {
    assert.equal(findHeaderRow([['序号', '姓名']], ['name', 'idNumber']), null);
    const rows = [...Array.from({ length: 20 }, () => ['x']), ['姓名', '身份证号']];
    assert.equal(findHeaderRow(rows, ['name', 'idNumber']), null);
    assert.equal(findHeaderRow(rows, ['name', 'idNumber'], 25)?.rowIndex, 20);
  });
});

describe('noise rows', () => {
  const mapping = { name: 1, idNumber: 2 };
  test('blank, totals, notes, repeated header', () => {
    assert.equal(noiseReason(['', ' ', '\u3000'], mapping), '空行');
    assert.equal(noiseReason(['23', '', ''], mapping), '空行（无人员信息）');
    assert.match(noiseReason(['合  计', '', '', '120人'], mapping) ?? '', /^合计行/);
    assert.match(noiseReason(['', '总计：120 人'], mapping) ?? '', /^合计行/);
    assert.match(noiseReason(['小计', '', ''], mapping) ?? '', /^合计行/);
    for (const note of ['备注：无', '注：本表由民政局提供', '说明 1', '制表人：李四', '审核人:王五', '填报单位：民政局']) {
      assert.match(noiseReason([note, '', ''], mapping) ?? '', /^备注\/说明行/, note);
    }
    assert.equal(noiseReason(['序号', '姓名', '身份证号码'], mapping), '重复的表头行');
  });

  test('real rows are not noise, even with a bad ID', () => {
    assert.equal(isNoiseRow(['1', '张三', '371003198506120414'], mapping), false);
    assert.equal(isNoiseRow(['2', '李四', ''], mapping), false);
    assert.equal(isNoiseRow(['3', '', '3.71003E+17'], mapping), false);
  });
});

describe('value parsers', () => {
  test('parseScheme', () => {
    for (const v of ['310', '职工', '职工基本医疗保险', '城镇职工', ' 310 ']) assert.equal(parseScheme(v), 'employee', v);
    for (const v of ['390', '居民', '城乡居民', '城乡居民基本医疗保险', '３９０']) assert.equal(parseScheme(v), 'resident', v);
    for (const v of ['', '320', '新农合', null, undefined]) assert.equal(parseScheme(v), null);
  });

  test('parseTier', () => {
    for (const v of ['一档', '1', '一', '第一档', '1档', '１']) assert.equal(parseTier(v), 'tier1', v);
    for (const v of ['二档', '2', '二', '第二档']) assert.equal(parseTier(v), 'tier2', v);
    for (const v of ['三档', '', '12', null]) assert.equal(parseTier(v), null);
  });

  test('parseYuanToFen', () => {
    const ok: Array<[unknown, number]> = [
      ['450', 45000], ['450.00', 45000], ['¥450', 45000], ['￥ 450', 45000], ['1,200.5', 120050], ['450元', 45000],
      ['0', 0], ['650.000', 65000], ['１２３．４５', 12345], [450, 45000], [1200.5, 120050], [0.1, 10],
    ];
    for (const [v, fen] of ok) assert.equal(parseYuanToFen(v), fen, String(v));
    for (const v of ['', 'abc', '-450', '4.505', '12,00', '1,2000', -1, NaN, 0.001, null]) {
      assert.equal(parseYuanToFen(v), null, String(v));
    }
  });

  test('parseDate', () => {
    const ok: Array<[unknown, string]> = [
      ['2026-01-05', '2026-01-05'], ['2026/1/5', '2026-01-05'], ['2026.1.5', '2026-01-05'], ['20260105', '2026-01-05'],
      ['2026年1月5日', '2026-01-05'], ['2026 年 1 月 5 日', '2026-01-05'], ['2026-01-05 00:00:00', '2026-01-05'],
      ['2026-01-05T08:30:00', '2026-01-05'], [46027, '2026-01-05'], ['46027', '2026-01-05'], [46027.75, '2026-01-05'],
      [20260105, '2026-01-05'], [1, '1900-01-01'], [61, '1900-03-01'], ['２０２４／２／２９', '2024-02-29'],
    ];
    for (const [v, iso] of ok) assert.equal(parseDate(v), iso, String(v));
    for (const v of ['', '2026-02-30', '2025-02-29', '2026-13-01', '20261301', 'abc', '2026-1', 60, 0, -5, null]) {
      assert.equal(parseDate(v), null, String(v));
    }
  });
});
