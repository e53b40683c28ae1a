import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  CANDIDATE,
  HIGH,
  IMPORT_FIELDS,
  bareHeader,
  candidatesOf,
  detectHeader,
  looksLikeHeaderOf,
  questionText,
  recognizeColumns,
  type ImportKind,
  type Recognition,
} from '@/lib/domain/header-recognition';
import type { Field } from '@/lib/domain/import-headers';

/**
 * Expected outcome of one header variant, seen as the column of ['序号', VARIANT, '备注']:
 * 'town' — used for town without asking; 'town?' — asked about (a low_confidence or conflict
 * question names the column, for that field); null — not used, and no question about it.
 */
type Expect = Field | `${Field}?` | null;

function outcome(variant: string, kind: ImportKind): { got: Expect; r: Recognition } {
  const r = recognizeColumns(['序号', variant, '备注'], kind);
  const col = r.columns.find((c) => c.index === 1);
  assert.ok(col, `column of “${variant}”`);
  assert.ok(col.reason !== '', `a reason for “${variant}”`);
  const q = r.questions.find(
    (x) => (x.kind === 'low_confidence' && x.column === 1) || (x.kind === 'conflict' && x.columns.includes(1)),
  );
  if (q && q.kind !== 'missing') return { got: `${q.field}?`, r };
  if (col.field === null) return { got: null, r };
  assert.equal(col.confidence, 'high', `“${variant}” used without a question must be sure`);
  assert.equal(r.mapping[col.field], 1);
  return { got: col.field, r };
}

function runTable(kind: ImportKind, table: readonly (readonly [string, Expect])[]) {
  const wrong: string[] = [];
  for (const [variant, want] of table) {
    const { got } = outcome(variant, kind);
    if (got !== want) wrong.push(`“${variant}”: expected ${String(want)}, got ${String(got)}`);
  }
  assert.deepEqual(wrong, []);
}

/** Poverty lists (民政 特困/低保, 乡村振兴局, 残联, 退役军人事务局), as 乡镇 staff type them. */
const LIST_VARIANTS: readonly (readonly [string, Expect])[] = [
  // name
  ['姓名', 'name'],
  ['姓 名', 'name'],
  ['*姓名：', 'name'],
  ['1.姓名', 'name'],
  ['姓名（必填）', 'name'],
  ['人员姓名', 'name'],
  ['PSN_NAME', 'name'],
  ['psn_name', 'name'],
  ['参保人姓名', 'name'],
  ['成员姓名', 'name'],
  ['家庭成员姓名', 'name'],
  ['救助对象姓名', 'name'],
  ['低保对象姓名', 'name'],
  ['特困人员姓名', 'name'],
  ['脱贫人口姓名', 'name'],
  ['监测对象姓名', 'name'],
  ['申请人姓名', 'name?'], // the applicant is often the householder, not the listed person
  ['残疾人姓名', 'name?'],
  ['户主姓名', null],
  ['监护人姓名', null],
  ['帮扶责任人姓名', null],
  ['帮扶人姓名', null],
  ['联系人姓名', null],
  ['曾用名', null],
  ['姓名拼音', null],
  // idNumber
  ['身份证号码', 'idNumber'],
  ['身份证号', 'idNumber'],
  ['身 份 证 号*', 'idNumber'],
  ['公民身份号码', 'idNumber'],
  ['公民身份号码（18位）', 'idNumber'],
  ['身份证号码(必填)', 'idNumber'],
  ['３、身份证号', 'idNumber'],
  ['证件号码', 'idNumber'],
  ['证件号', 'idNumber'],
  ['身份证', 'idNumber'],
  ['CertNo', 'idNumber'],
  ['成员身份证号', 'idNumber'],
  ['居民身份证号码', 'idNumber'],
  ['公民身份证号码', 'idNumber'],
  ['申请人身份证号', 'idNumber?'],
  ['户主身份证号', null],
  ['户主身份证号码', null],
  ['身份证号码（户主）', null],
  ['监护人身份证号', null],
  ['代办人证件号码', null],
  ['帮扶人身份证号', null],
  ['证件类型', null],
  ['社保卡号', null],
  ['银行卡号', null],
  ['残疾证号', null],
  ['残疾人证号', null],
  ['优待证号', null],
  ['低保证号', null],
  ['身份证地址', null],
  // town
  ['乡镇', 'town'],
  ['镇街', 'town'],
  ['乡镇（街道）', 'town'],
  ['所在镇（街道）', 'town'],
  ['镇(街道)', 'town'],
  ['所属乡镇', 'town'],
  ['街道', 'town'],
  ['乡镇/街道', 'town'],
  ['乡镇名称', 'town'],
  ['所在乡镇（街道）', 'town'],
  ['户籍所在乡镇', 'town?'],
  ['乡镇（街道）审核意见', null],
  ['乡镇经办人', null],
  ['乡镇卫生院', null],
  ['户籍地址', null],
  ['乡镇代码', null],
  // village
  ['村', 'village'],
  ['村居', 'village'],
  ['村（居）', 'village'],
  ['村/社区', 'village'],
  ['所属村', 'village'],
  ['行政村', 'village'],
  ['村名', 'village'],
  ['社区', 'village'],
  ['所在村（社区）', 'village'],
  ['村医', null],
  ['村（居）委会意见', null],
  ['镇村', null], // one column holding 米山镇东村: neither the town nor the village alone
  // category
  ['类别', 'category'],
  ['人员类别', 'category'],
  ['PSN_TYPE', 'category'],
  ['救助类别', 'category'],
  ['贫困类型', 'category'],
  ['身份类别', 'category'],
  ['监测对象类别', 'category'],
  ['人员属性', 'category'],
  ['低保类别', 'category'],
  ['特困类型', 'category'],
  ['救助对象类型', 'category?'],
  ['户口类型', null],
  ['残疾类别', null],
  ['风险类型', null],
  ['险种类型', null],
  // not used by a list import
  ['性别', null],
  ['gend', null],
  ['出生日期', null],
  ['出生年月', null],
  ['BRDY', null],
  ['年龄', null],
  ['民族', null],
  ['联系电话', null],
  ['家庭住址', null],
  ['与户主关系', null],
  ['致贫原因', null],
  ['序号', null],
  ['备注', null],
];

/** Registry exports of the national platform (参保登记数据), and the same re-typed by 税务 and 乡镇. */
const REGISTRY_VARIANTS: readonly (readonly [string, Expect])[] = [
  // name
  ['PSN_NAME', 'name'],
  ['人员姓名', 'name'],
  ['姓名', 'name'],
  ['参保人姓名', 'name'],
  ['参保人员姓名', 'name'],
  ['缴费人姓名', 'name?'],
  ['经办人姓名', null],
  ['OPTER_NAME', null],
  ['创建人姓名', null],
  ['单位名称', null],
  ['代办人姓名', null],
  ['诊断医师姓名', null],
  ['户主姓名', null],
  // idNumber
  ['CERTNO', 'idNumber'],
  ['证件号码', 'idNumber'],
  ['公民身份号码', 'idNumber'],
  ['身份证号码', 'idNumber'],
  ['参保人身份证号', 'idNumber'],
  ['社会保障号码', 'idNumber'],
  ['缴费人证件号码', 'idNumber?'],
  ['人员证件类型', null],
  ['PSN_CERT_TYPE', null],
  ['人员编号', null],
  ['PSN_NO', null],
  ['代办人证件号码', null],
  ['AGNTER_CERTNO', null],
  ['医保办负责人证件号码', null],
  ['电子税票号码', null],
  ['社会保障卡号', null],
  ['户主身份证号', null],
  // scheme
  ['INSUTYPE', 'scheme'],
  ['insutype', 'scheme'],
  ['险种类型', 'scheme'],
  ['险种', 'scheme'],
  ['参保险种', 'scheme'],
  ['险种名称', 'scheme'],
  ['险种类型（310职工/390居民）', 'scheme'],
  ['医保类型', 'scheme'],
  ['医疗保险类型', 'scheme'],
  ['险种离退休标志', null],
  ['商业保险类型', null],
  // tier
  ['CLCT_GRDE', 'tier'],
  ['缴费档次', 'tier'],
  ['档次', 'tier'],
  ['参保档次', 'tier'],
  ['缴费档次（一档/二档）', 'tier'],
  ['居民医保缴费档次', 'tier?'],
  ['档案编号', null],
  // paidAmount
  ['PSN_CLCT_AMT', 'paidAmount'],
  ['个人缴费金额（元）', 'paidAmount'],
  ['个人缴费金额', 'paidAmount'],
  ['缴费金额（元）', 'paidAmount'],
  ['缴费金额', 'paidAmount'],
  ['个人缴费', 'paidAmount'],
  ['金额', 'paidAmount'],
  ['实缴金额', 'paidAmount'],
  ['个人实缴金额', 'paidAmount'],
  ['实缴费额', 'paidAmount'],
  ['财政补助金额', null],
  ['FINSUBS_AMT', null],
  ['其他缴费金额', null],
  ['缴费总金额', null],
  ['医疗救助资助金额', null],
  ['代缴金额', null],
  ['应缴金额', null],
  ['个人应缴金额', null],
  ['欠缴金额', null],
  ['缴费基数', null],
  ['退费金额', null],
  // paidDate
  ['CLCT_TIME', 'paidDate'],
  ['缴费时间', 'paidDate'],
  ['缴费日期', 'paidDate'],
  ['到账日期', 'paidDate'],
  ['缴款日期', 'paidDate'],
  ['入账时间', 'paidDate'],
  ['参保日期', null],
  ['本次参保日期', null],
  ['入国库时间', null],
  ['上解时间', null],
  ['经办时间', null],
  ['数据创建时间', null],
  ['缴费截止日期', null],
  // year
  ['YEAR', 'year'],
  ['年度', 'year'],
  ['参保年度', 'year'],
  ['所属年度', 'year'],
  ['缴费年度', 'year'],
  ['CASHYM', 'year'],
  ['费款所属期', 'year'],
  ['参保年份', 'year'],
  ['征缴年度', 'year'],
  ['年度（必填）', 'year'],
  ['缴费所属年度（镇街填报）', 'year?'],
  ['对应费款所属期起始', 'year?'],
  ['出生年份', null],
  ['年龄', null],
  ['首次参保年月', null],
  ['出生年月', null],
  // householdNo, relation
  ['户号', 'householdNo'],
  ['户编号', 'householdNo'],
  ['家庭编号', 'householdNo'],
  ['家庭户号', 'householdNo'],
  ['与户主关系', 'relation'],
  ['与户主的关系', 'relation'],
  ['家庭关系', 'relation'],
  ['与户主关系（本人/配偶/子女）', 'relation'],
  ['与申请人关系', 'relation?'],
  ['代办人关系', null],
  ['隶属关系', null],
  ['人员参保关系ID', null],
  ['PSN_INSU_RLTS_ID', null],
  // status
  ['PSN_INSU_STAS', 'status'],
  ['人员参保状态', 'status'],
  ['参保状态', 'status'],
  ['缴费状态', 'status'],
  ['婚姻状况', null],
  ['生存状态', null],
  ['核销标志', null],
  ['审核状态', null],
  ['账户状态', null],
  ['数据状态', null],
  // town, village
  ['乡镇', 'town'],
  ['乡镇（街道）', 'town'],
  ['所属镇街', 'town'],
  ['镇（街道）名称', 'town'],
  ['参保所属医保区划', null],
  ['INSU_ADMDVS', null],
  ['城镇职工医保', null],
  ['乡镇代码', null],
  ['统筹区编号', null],
  ['村（社区）', 'village'],
  ['所在村', 'village'],
  ['居委会', 'village'],
  ['村（居）委会', 'village'],
  // not used by a registry import
  ['人员类别', null],
  ['PSN_TYPE', null],
  ['性别', null],
  ['GEND', null],
  ['出生日期', null],
  ['民族', null],
  ['缴费类型', null],
  ['征收方式', null],
  ['联系电话', null],
  ['单位编号', null],
];

describe('header variants, one column at a time', () => {
  test('at least 60 variants per import kind', () => {
    assert.ok(LIST_VARIANTS.length >= 60, `list: ${LIST_VARIANTS.length}`);
    assert.ok(REGISTRY_VARIANTS.length >= 60, `registry: ${REGISTRY_VARIANTS.length}`);
  });
  test('list import', () => runTable('list', LIST_VARIANTS));
  test('registry import', () => runTable('registry', REGISTRY_VARIANTS));

  test('an empty header cell is no column', () => {
    const r = recognizeColumns(['序号', ' ', '备注'], 'list');
    assert.deepEqual(
      r.columns.map((c) => c.index),
      [0, 2],
    );
  });

  test('reasons: national name, alias, keyword, not used, unknown', () => {
    const reason = (h: string, kind: ImportKind) => outcome(h, kind).r.columns[1].reason;
    assert.match(reason('CERTNO', 'registry'), /国家医保信息平台字段代码 CERTNO/);
    assert.match(reason('缴费档次', 'registry'), /国家医保信息平台字段名“缴费档次”/);
    assert.match(reason('镇街', 'list'), /常用列名“镇街”/);
    assert.match(reason('所在镇（街道）', 'list'), /列名含“镇”/);
    assert.match(reason('缴费所属年度（镇街填报）', 'registry'), /列名含“年度”（把握不大，请确认）/);
    assert.equal(reason('性别', 'list'), '识别为“性别”，本次导入不使用');
    assert.equal(reason('险种类型', 'list'), '识别为“险种类型”，本次导入不使用');
    assert.equal(reason('联系电话', 'list'), '未识别，不导入');
  });

  test('two fields equally likely: asked, and the reason names both', () => {
    const r = recognizeColumns(['序号', '缴款年度', '备注'], 'registry');
    assert.deepEqual(
      r.questions.filter((q) => q.kind !== 'missing'),
      [{ kind: 'low_confidence', field: 'paidDate', column: 1 }],
    );
    assert.match(r.columns[1].reason, /也可能是“参保年度”/);
    assert.equal(r.columns[1].confidence, 'low');
  });
});

describe('candidatesOf / bareHeader / looksLikeHeaderOf', () => {
  test('normalization: full width, spaces, brackets and units, marks, colons, numbering', () => {
    assert.equal(bareHeader('个人缴费金额（元）'), '个人缴费金额');
    assert.equal(bareHeader('*姓名：'), '姓名');
    assert.equal(bareHeader('1.姓名'), '姓名');
    assert.equal(bareHeader('３、身 份 证 号'), '身份证号');
    assert.equal(bareHeader('缴费档次【必填】'), '缴费档次');
    assert.equal(bareHeader('ｃｅｒｔｎｏ'), 'CERTNO');
  });

  test('scores: exact 1, short keyword HIGH, long keyword between CANDIDATE and HIGH', () => {
    assert.deepEqual(candidatesOf('身份证号码')[0], {
      field: 'idNumber',
      score: 1,
      reason: '与常用列名“身份证号码”一致',
    });
    assert.equal(candidatesOf('所在镇（街道）')[0].score, HIGH);
    const low = candidatesOf('缴费所属年度（镇街填报）')[0];
    assert.equal(low.field, 'year');
    assert.ok(low.score >= CANDIDATE && low.score < HIGH);
    assert.deepEqual(candidatesOf(''), []);
    assert.deepEqual(candidatesOf('（元）'), []);
  });

  test('fields no import reads are still recognized', () => {
    assert.equal(candidatesOf('性别')[0].field, 'gender');
    assert.equal(candidatesOf('GEND')[0].field, 'gender');
    assert.equal(candidatesOf('出生年月')[0].field, 'birthDate');
    assert.equal(candidatesOf('BRDY')[0].field, 'birthDate');
  });

  test('negatives rule a field out entirely', () => {
    for (const h of ['户主身份证号', '监护人身份证号', '代办人证件号码', '证件类型', '社保卡号', '银行卡号']) {
      assert.ok(!candidatesOf(h).some((c) => c.field === 'idNumber'), h);
    }
    for (const h of ['出生年份', '年龄']) assert.ok(!candidatesOf(h).some((c) => c.field === 'year'), h);
    for (const h of ['村', '户主所在乡镇', '城镇职工']) assert.ok(!candidatesOf(h).some((c) => c.field === 'town'), h);
  });

  test('looksLikeHeaderOf: a repeated header cell', () => {
    assert.equal(looksLikeHeaderOf('姓 名', 'name'), true);
    assert.equal(looksLikeHeaderOf('身份证号码', 'idNumber'), true);
    assert.equal(looksLikeHeaderOf('张三', 'name'), false);
    assert.equal(looksLikeHeaderOf('户主身份证号', 'idNumber'), false);
    assert.equal(looksLikeHeaderOf('缴费所属年度（镇街填报）', 'year'), false);
  });
});

describe('recognizeColumns: several columns', () => {
  test('two ID columns: a conflict question, neither mapped', () => {
    const r = recognizeColumns(
      ['序号', '姓名', '身份证号码', '证件号码', ' ', '乡镇（街道）', '村', '联系电话'],
      'list',
    );
    assert.deepEqual(r.mapping, { name: 1, town: 5, village: 6 });
    assert.deepEqual(r.questions, [{ kind: 'conflict', field: 'idNumber', columns: [2, 3] }]);
    assert.equal(r.columns.find((c) => c.index === 2)?.field, null);
    assert.equal(r.columns.find((c) => c.index === 3)?.candidate?.field, 'idNumber');
    assert.match(
      r.columns.find((c) => c.index === 3)?.reason ?? '',
      /第 3 列“身份证号码”、第 4 列“证件号码”都像“身份证号码”，请选定一列/,
    );
    assert.equal(r.columns.find((c) => c.index === 7)?.reason, '未识别，不导入');
  });

  test('the person beside the householder: no question, the person mapped', () => {
    const r = recognizeColumns(['序号', '姓名', '身份证号', '户主姓名', '户主身份证号', '与户主关系'], 'list');
    assert.deepEqual(r.mapping, { name: 1, idNumber: 2 });
    assert.deepEqual(r.questions, []);
    const reg = recognizeColumns(
      ['户主姓名', '户主身份证号', '姓名', '身份证号', '与户主关系', '险种类型', '年度'],
      'registry',
    );
    assert.deepEqual(reg.mapping, { name: 2, idNumber: 3, relation: 4, scheme: 5, year: 6 });
    assert.deepEqual(reg.questions, []);
  });

  test('a required field missing: a missing question; optional ones are not asked for', () => {
    assert.deepEqual(recognizeColumns(['序号', '姓名', '乡镇'], 'list').questions, [
      { kind: 'missing', field: 'idNumber' },
    ]);
    const r = recognizeColumns(['人员姓名', '证件号码', '险种类型', '缴费档次'], 'registry');
    assert.deepEqual(r.questions, [{ kind: 'missing', field: 'year' }]);
    const none = recognizeColumns(['序号', '备注'], 'registry');
    assert.deepEqual(
      none.questions.map((q) => q.kind === 'missing' && q.field),
      [...IMPORT_FIELDS.registry.required],
    );
  });

  test('a national export with two year columns and two amounts: conflicts, not a silent choice', () => {
    const r = recognizeColumns(
      ['PSN_NAME', 'CERTNO', 'INSUTYPE', 'YEAR', 'CASHYM', '缴费金额', 'PSN_CLCT_AMT', 'FINSUBS_AMT'],
      'registry',
    );
    assert.deepEqual(r.mapping, { name: 0, idNumber: 1, scheme: 2 });
    assert.deepEqual(r.questions, [
      { kind: 'conflict', field: 'year', columns: [3, 4] },
      { kind: 'conflict', field: 'paidAmount', columns: [5, 6] },
    ]);
  });

  test('a 税务 re-typed registry: sure columns used, unsure ones asked and pre-filled', () => {
    const r = recognizeColumns(
      ['缴费人姓名', '身份证号码', '险种', '缴费所属年度（镇街填报）', '实缴金额', '缴款日期', '财政补助金额'],
      'registry',
    );
    assert.deepEqual(r.mapping, { name: 0, idNumber: 1, scheme: 2, year: 3, paidAmount: 4, paidDate: 5 });
    assert.deepEqual(r.questions, [
      { kind: 'low_confidence', field: 'name', column: 0 },
      { kind: 'low_confidence', field: 'year', column: 3 },
    ]);
    assert.equal(r.columns[6].field, null);
  });
});

describe('detectHeader', () => {
  const title = '2025年文登区特困人员名单';

  test('the header under two title rows', () => {
    const rows = [
      [title, title, title, title],
      ['填报单位：米山镇人民政府', '', '', '填报日期：2025年3月1日'],
      ['序号', '姓 名', '身份证号码', '类别'],
      ['1', '张三', '371003198506120414', '特困'],
    ];
    const h = detectHeader(rows, 'list');
    assert.ok(h);
    assert.equal(h.rowIndex, 2);
    assert.equal(h.lastRowIndex, 2);
    assert.deepEqual(h.recognition.mapping, { name: 1, idNumber: 2, category: 3 });
  });

  test('skips title rows, merged duplicates and blank rows', () => {
    const rows = [
      [title, title, title, title],
      ['填报单位：文登区民政局', '', '', ''],
      ['', '', '', ''],
      ['序号', '姓 名', '身份证号码', '类别'],
      ['1', '张三', '371003198506120414', '特困'],
    ];
    const h = detectHeader(rows, 'list');
    assert.equal(h?.rowIndex, 3);
    assert.deepEqual(h?.recognition.mapping, { name: 1, idNumber: 2, category: 3 });
  });

  test('a title row is never the header, even beside other text', () => {
    const rows = [
      [title, '', '', '单位：人'],
      ['序号', '姓名', '公民身份号码', '所在镇（街道）'],
      ['1', '张三', '371003198506120414', '米山镇'],
    ];
    assert.equal(detectHeader(rows, 'list')?.rowIndex, 1);
  });

  test('a merged parent with a sub-header row (地址 over 乡镇 | 村)', () => {
    const rows = [
      ['序号', '姓名', '身份证号', '地址', ''],
      ['', '', '', '乡镇', '村'],
      ['1', '张三', '371003198506120414', '米山镇', '东村'],
    ];
    const h = detectHeader(rows, 'list');
    assert.ok(h);
    assert.equal(h.rowIndex, 0);
    assert.equal(h.lastRowIndex, 1);
    assert.deepEqual(h.cells, ['序号', '姓名', '身份证号', '乡镇', '村']);
    assert.deepEqual(h.recognition.mapping, { name: 1, idNumber: 2, town: 3, village: 4 });
    assert.deepEqual(h.recognition.questions, []);
  });

  test('a registry sub-header (缴费信息 over 档次 | 金额 | 时间)', () => {
    const rows = [
      ['2025年度城乡居民医保参保登记数据'],
      ['序号', '人员姓名', '证件号码', '险种类型', '年度', '缴费信息', '', ''],
      ['', '', '', '', '', '缴费档次', '个人缴费金额（元）', '缴费时间'],
      ['1', '张三', '371003198506120414', '390', '2025', '一档', '400', '2025-01-05'],
    ];
    const h = detectHeader(rows, 'registry');
    assert.ok(h);
    assert.equal(h.rowIndex, 1);
    assert.equal(h.lastRowIndex, 2);
    assert.deepEqual(h.recognition.mapping, {
      name: 1,
      idNumber: 2,
      scheme: 3,
      year: 4,
      tier: 5,
      paidAmount: 6,
      paidDate: 7,
    });
    assert.deepEqual(h.recognition.questions, []);
  });

  test('a data row under the header is no sub-header', () => {
    const rows = [
      ['姓名', '身份证号', '乡镇'],
      ['张三', '371003198506120414', '米山镇'],
    ];
    assert.equal(detectHeader(rows, 'list')?.lastRowIndex, 0);
  });

  test('null when name or ID has no column, or the header lies beyond maxScan', () => {
    assert.equal(detectHeader([['序号', '姓名']], 'list'), null);
    assert.equal(detectHeader([[title], ['户主姓名', '户主身份证号']], 'list'), null);
    const rows = [...Array.from({ length: 20 }, () => ['x']), ['姓名', '身份证号']];
    assert.equal(detectHeader(rows, 'list'), null);
    assert.equal(detectHeader(rows, 'list', 25)?.rowIndex, 20);
  });
});

describe('questionText', () => {
  test('conflict, low confidence and missing as Chinese sentences naming the column', () => {
    const r = recognizeColumns(['序号', '身份证号码', '证件号码', '缴费所属年度（镇街填报）'], 'registry');
    const text = r.questions.map((q) => questionText(q, r.columns));
    assert.deepEqual(text, [
      '第 2 列“身份证号码”、第 3 列“证件号码”都像“身份证号码”列：请选定其中一列，其余标为“不导入”',
      '第 4 列“缴费所属年度（镇街填报）”可能是“参保年度”列，请确认或改选',
      '没有找到“姓名”列：请指定对应的列',
      '没有找到“险种类型”列：请指定对应的列',
    ]);
  });
});
