import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlikeFailures, EARLY_CHECK_ROWS, STOP_MIN_ROWS } from './import-stop';

const town = { code: 'town.unknown', message: '乡镇（街道）“火星镇”不在本区镇街名单中' };
const id = { code: 'idNumber.check_character', message: '身份证号码有误：校验位错误' };

function feed(f: AlikeFailures, good: number, bad: number, problem = town) {
  for (let i = 0; i < good; i++) f.addRow([]);
  for (let i = 0; i < bad; i++) f.addRow([problem]);
}

describe('AlikeFailures', () => {
  test('at the end: one reason for ≥ 50 rows and ≥ 20% stops, naming the field', () => {
    const f = new AlikeFailures();
    feed(f, 200, 50);
    const stop = f.final()!;
    assert.equal(stop.code, 'town.unknown');
    assert.equal(stop.field, 'town');
    assert.equal(stop.count, 50);
    assert.match(stop.message, /已读取的 250 行中有 50 行（20%）.*火星镇.*“乡镇\(街道\)”列/);
  });

  test('below either bound it goes on: 49 alike rows, or 50 rows under 20%', () => {
    const a = new AlikeFailures();
    feed(a, 100, STOP_MIN_ROWS - 1);
    assert.equal(a.final(), null);
    const b = new AlikeFailures();
    feed(b, 251, 50);
    assert.equal(b.final(), null);
  });

  test('different reasons are not alike: 30 + 30 does not stop a 200-row file', () => {
    const f = new AlikeFailures();
    feed(f, 140, 30, town);
    feed(f, 0, 30, id);
    assert.equal(f.final(), null);
  });

  test('every row of a small file failing alike stops; so does every row failing at all', () => {
    const a = new AlikeFailures();
    feed(a, 0, 3);
    assert.equal(a.final()?.count, 3);
    const b = new AlikeFailures();
    feed(b, 0, 2, town);
    feed(b, 0, 1, id);
    assert.equal(b.final()?.code, 'town.unknown');
    const c = new AlikeFailures();
    feed(c, 1, 3);
    assert.equal(c.final(), null);
  });

  test('while reading, judged only once enough rows are read (bad rows clustered at the top are not a stop yet)', () => {
    const f = new AlikeFailures();
    feed(f, 0, 60);
    assert.equal(f.check(), null);
    feed(f, EARLY_CHECK_ROWS, 0);
    assert.equal(f.check(), null, '60 of 1,060 is under 20%');
    const g = new AlikeFailures();
    feed(g, 0, EARLY_CHECK_ROWS);
    assert.equal(g.check()?.count, EARLY_CHECK_ROWS);
  });

  test('rows the database step rejects count too (new people without a town)', () => {
    const f = new AlikeFailures();
    feed(f, 100, 0);
    assert.equal(f.final(), null);
    f.add('town.missing_new', 100, '新增人员缺少乡镇（街道）');
    assert.equal(f.final()?.code, 'town.missing_new');
  });

  test('a row with two problems of one code counts once', () => {
    const f = new AlikeFailures();
    for (let i = 0; i < 3; i++) f.addRow([town, town]);
    assert.equal(f.final()?.count, 3);
  });
});
