import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  PERSON_CATEGORIES,
  POVERTY_SOURCES,
  POVERTY_SOURCE_LABELS,
  matchTown,
  normalizeListRow,
  normalizePersonName,
  parseCategory,
  type PersonCategory,
  type PovertySource,
} from '@/lib/domain/list-row';

const TODAY = new Date(2026, 0, 1);
const TOWNS = new Map([
  ['龙山路街道', '371003001'],
  ['米山镇', '371003110'],
  ['文登营镇', '371003100'],
  ['开发区办事处', '371003400'],
]);

describe('sources and categories', () => {
  test('labels', () => {
    assert.equal(POVERTY_SOURCES.fupin.label, '扶贫办/乡村振兴局');
    assert.equal(POVERTY_SOURCE_LABELS.minzheng_dibao_edge, '民政-低保边缘');
    assert.equal(POVERTY_SOURCES.disabled.label, '残联');
    assert.equal(PERSON_CATEGORIES.tekun, '特困人员');
    assert.equal(PERSON_CATEGORIES.dibao_edge, '低保边缘家庭成员');
    for (const s of Object.keys(POVERTY_SOURCES) as PovertySource[]) {
      assert.ok(PERSON_CATEGORIES[POVERTY_SOURCES[s].defaultCategory]);
    }
  });

  test('parseCategory free text', () => {
    const cases: Array<[string, PersonCategory]> = [
      ['特困供养', 'tekun'],
      ['分散特困', 'tekun'],
      ['集中供养', 'tekun'],
      ['农村五保', 'tekun'],
      ['低保户', 'dibao'],
      ['低保', 'dibao'],
      ['城市低保', 'dibao'],
      ['边缘户', 'dibao_edge'],
      ['低保边缘家庭', 'dibao_edge'],
      ['脱贫户', 'poverty_alleviated'],
      ['建档立卡贫困户', 'poverty_alleviated'],
      ['监测户', 'monitored'],
      ['边缘易致贫户', 'monitored'],
      ['脱贫不稳定户', 'monitored'],
      ['突发严重困难户', 'monitored'],
      ['返贫致贫人口', 'poverty_returned'],
      ['一级残疾', 'disabled_severe'],
      ['肢体残疾二级', 'disabled_severe'],
      ['重度残疾', 'disabled_severe'],
      ['三级残疾', 'other'],
      ['烈属', 'veteran'],
      ['优抚对象', 'veteran'],
      ['特困人员', 'tekun'],
      ['dibao', 'dibao'],
      [' 低 保 ', 'dibao'],
    ];
    for (const [text, cat] of cases) assert.equal(parseCategory(text, 'other'), cat, text);
  });

  test('parseCategory falls back to the source default', () => {
    assert.equal(parseCategory('', 'minzheng_tekun'), 'tekun');
    assert.equal(parseCategory(undefined, 'minzheng_dibao'), 'dibao');
    assert.equal(parseCategory('某某', 'fupin'), 'poverty_alleviated');
    assert.equal(parseCategory('toString', 'disabled'), 'disabled_severe');
  });
});

describe('names and towns', () => {
  test('normalizePersonName', () => {
    assert.equal(normalizePersonName(' 张 三 '), '张三');
    assert.equal(normalizePersonName('王\u3000小明'), '王小明');
    assert.equal(normalizePersonName('阿依古丽·买买提'), '阿依古丽·买买提');
    assert.equal(normalizePersonName('阿依古丽•买买提'), '阿依古丽·买买提');
    assert.equal(normalizePersonName('阿依古丽 . 买买提'), '阿依古丽·买买提');
    assert.equal(normalizePersonName('ＬＩ  Ｍｉｎｇ'), 'LI Ming');
    assert.equal(normalizePersonName(undefined), '');
  });

  test('matchTown with and without suffix', () => {
    assert.equal(matchTown('米山镇', TOWNS), '371003110');
    assert.equal(matchTown('米山', TOWNS), '371003110');
    assert.equal(matchTown(' 龙山路 ', TOWNS), '371003001');
    assert.equal(matchTown('龙山路街道办事处', TOWNS), '371003001');
    assert.equal(matchTown('开发区', TOWNS), '371003400');
    assert.equal(matchTown('文登区米山镇', TOWNS), '371003110');
    assert.equal(matchTown('文登营', TOWNS), '371003100');
    assert.equal(matchTown('侯家镇', TOWNS), null);
    assert.equal(matchTown('', TOWNS), null);
  });

  test('ambiguous stems match nothing', () => {
    const towns = new Map([
      ['米山镇', 'A'],
      ['米山街道', 'B'],
    ]);
    assert.equal(matchTown('米山', towns), null);
    assert.equal(matchTown('米山镇', towns), 'A');
  });
});

describe('normalizeListRow', () => {
  test('valid row', () => {
    const r = normalizeListRow(
      {
        name: ' 张 三',
        idNumber: '３７１００３ １９８５０６１２０４１４',
        town: '米山',
        village: ' 东 村 ',
        category: '分散特困',
      },
      'minzheng_tekun',
      TOWNS,
      TODAY,
    );
    assert.deepEqual(r, {
      name: '张三',
      townCode: '371003110',
      village: '东村',
      category: 'tekun',
      idNumber: '371003198506120414',
      idRaw: '371003198506120414',
      idError: null,
      birthDate: '1985-06-12',
      gender: 'M',
    });
  });

  test('15-digit ID is upgraded; lower-case x accepted', () => {
    assert.equal(
      normalizeListRow({ idNumber: '371081850612041' }, 'other', TOWNS, TODAY).idNumber,
      '371081198506120413',
    );
    const r = normalizeListRow({ idNumber: '11010519491231002x' }, 'other', TOWNS, TODAY);
    assert.equal(r.idNumber, '11010519491231002X');
    assert.equal(r.gender, 'F');
  });

  test('numeric cell is always excel_number, even if the digits look valid', () => {
    for (const n of [371003198506120414, 371081850612041, 3.71003e17]) {
      const r = normalizeListRow({ name: '张三', idNumber: n }, 'fupin', TOWNS, TODAY);
      assert.equal(r.idNumber, null);
      assert.equal(r.idError?.code, 'excel_number');
      assert.match(r.idError?.message ?? '', /Excel/);
      assert.equal(r.birthDate, null);
      assert.equal(r.category, 'poverty_alleviated');
    }
  });

  test('invalid and empty IDs keep the normalized raw text and the reason', () => {
    const bad = normalizeListRow({ name: '李四', idNumber: '371003198506120410' }, 'other', TOWNS, TODAY);
    assert.equal(bad.idNumber, null);
    assert.equal(bad.idRaw, '371003198506120410');
    assert.equal(bad.idError?.code, 'check_character');
    const empty = normalizeListRow({ name: '李四' }, 'other', TOWNS, TODAY);
    assert.equal(empty.idError?.code, 'empty');
    assert.equal(empty.village, null);
    assert.equal(empty.townCode, null);
    const sci = normalizeListRow({ idNumber: '3.71003E+17' }, 'other', TOWNS, TODAY);
    assert.equal(sci.idError?.code, 'excel_number');
  });
});

test('listRowNormalizer (towns and categories cached per file) gives what normalizeListRow gives', async () => {
  const { listRowNormalizer, normalizeListRow } = await import('@/lib/domain/list-row');
  const towns = new Map([
    ['米山镇', '371003103'],
    ['龙山路街道', '371003001'],
  ]);
  const normalize = listRowNormalizer('minzheng_dibao', towns);
  const rows = [
    { name: '张 三', idNumber: '371003198506120414', town: '米山', village: ' 东村 ', category: '低保户' },
    { name: '李四', idNumber: '37100319850612041', town: '龙山路街道', category: '特困' },
    { name: '王五', idNumber: '371003198506120414', town: '米山', category: '低保户' },
    { name: '赵六', idNumber: '', town: '火星镇', category: '' },
  ];
  for (const r of [...rows, ...rows]) assert.deepEqual(normalize(r), normalizeListRow(r, 'minzheng_dibao', towns));
});
