/** Header variants of the 医疗救助 settlement export (import kind 'assistance'); see header-recognition.test.ts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConfirmedHeader } from '@/lib/domain/header-confirmation';
import { detectHeader, IMPORT_FIELDS, recognizeColumns } from '@/lib/domain/header-recognition';
import type { Field } from '@/lib/domain/import-headers';

type Expect = Field | `${Field}?` | null;

function outcome(variant: string): Expect {
  const r = recognizeColumns(['序号', variant, '备注'], 'assistance');
  const col = r.columns.find((c) => c.index === 1)!;
  assert.ok(col.reason !== '', `a reason for “${variant}”`);
  const q = r.questions.find(
    (x) => (x.kind === 'low_confidence' && x.column === 1) || (x.kind === 'conflict' && x.columns.includes(1)),
  );
  if (q && q.kind !== 'missing') return `${q.field}?`;
  if (col.field === null) return null;
  assert.equal(col.confidence, 'high');
  return col.field;
}

const VARIANTS: readonly (readonly [string, Expect])[] = [
  ['姓名', 'name'],
  ['PSN_NAME', 'name'],
  ['人员姓名', 'name'],
  ['证件号码', 'idNumber'],
  ['CERTNO', 'idNumber'],
  ['身份证号', 'idNumber'],
  ['公民身份号码', 'idNumber'],
  // settlementId
  ['结算ID', 'settlementId'],
  ['SETL_ID', 'settlementId'],
  ['setl_id', 'settlementId'],
  ['结算编号', 'settlementId'],
  ['结算流水号', 'settlementId'],
  ['结算单号', 'settlementId'],
  ['医药机构结算ID', null],
  ['MEDINS_SETL_ID', null],
  ['就诊ID', null],
  // initSettlementId
  ['原结算ID', 'initSettlementId'],
  ['INIT_SETL_ID', 'initSettlementId'],
  ['原结算编号', 'initSettlementId'],
  ['被冲销结算ID', 'initSettlementId'],
  ['原结算流水号（冲销时填写）', 'initSettlementId'],
  // refundFlag
  ['退费结算标志', 'refundFlag'],
  ['REFD_SETL_FLAG', 'refundFlag'],
  ['退费标志', 'refundFlag'],
  ['是否退费', 'refundFlag'],
  ['冲销标志', 'refundFlag'],
  ['退费金额', null],
  // medType
  ['医疗类别', 'medType'],
  ['MED_TYPE', 'medType'],
  ['就诊类型', 'medType'],
  ['门诊/住院', 'medType'],
  ['医疗类别名称', 'medType'],
  ['住院或门诊医疗类别代码', 'medType?'],
  ['人员类别', null],
  ['结算类别', null],
  // settlementDate
  ['结算时间', 'settlementDate'],
  ['SETL_TIME', 'settlementDate'],
  ['结算日期', 'settlementDate'],
  ['费用结算时间', 'settlementDate'],
  ['出院日期', null],
  ['数据更新时间', null],
  // institution
  ['定点医药机构编号', 'institutionCode'],
  ['FIXMEDINS_CODE', 'institutionCode'],
  ['医院编码', 'institutionCode'],
  ['医疗机构编码', 'institutionCode'],
  ['定点医药机构名称', 'institutionName'],
  ['FIXMEDINS_NAME', 'institutionName'],
  ['医院名称', 'institutionName'],
  ['就诊医院', 'institutionName'],
  ['医疗机构名称', 'institutionName'],
  ['医院等级', null],
  ['清算经办机构', null],
  // totalCost
  ['医疗费总额', 'totalCost'],
  ['MEDFEE_SUMAMT', 'totalCost'],
  ['医疗费总额（元）', 'totalCost'],
  ['总费用', 'totalCost'],
  ['住院总费用', 'totalCost'],
  ['医保认可费用总额', null],
  ['全自费金额', null],
  ['基金支付总额', null],
  // policyRangeCost
  ['符合范围金额', 'policyRangeCost'],
  ['INSCP_AMT', 'policyRangeCost'],
  ['符合政策范围金额', 'policyRangeCost'],
  ['政策范围内费用', 'policyRangeCost'],
  ['政策范围外费用', null],
  // assistanceAmount
  ['医疗救助基金支出', 'assistanceAmount'],
  ['MAF_PAY', 'assistanceAmount'],
  ['医疗救助金额', 'assistanceAmount'],
  ['救助金额（元）', 'assistanceAmount'],
  ['医疗救助支出', 'assistanceAmount'],
  ['本次医疗救助金额', 'assistanceAmount?'],
  ['再救助金额', null],
  ['累计救助金额', null],
  ['救助对象类别', null],
  ['统筹基金支出', null],
  ['大病补充医疗保险基金支出', null],
  ['个人支付金额', null],
];

describe('assistance import: header variants', () => {
  test('a table of at least 70 variants', () => assert.ok(VARIANTS.length >= 70, String(VARIANTS.length)));
  test('each variant', () => {
    const wrong: string[] = [];
    for (const [variant, want] of VARIANTS) {
      const got = outcome(variant);
      if (got !== want) wrong.push(`“${variant}”: expected ${String(want)}, got ${String(got)}`);
    }
    assert.deepEqual(wrong, []);
  });
});

describe('assistance import: a whole settlement export header', () => {
  const header = [
    'SETL_ID',
    'MDTRT_ID',
    'PSN_NO',
    'PSN_NAME',
    'PSN_CERT_TYPE',
    'CERTNO',
    'INSUTYPE',
    'PSN_TYPE',
    'FIXMEDINS_CODE',
    'FIXMEDINS_NAME',
    'HOSP_LV',
    'SETL_TIME',
    'MED_TYPE',
    'MEDFEE_SUMAMT',
    'FULAMT_OWNPAY_AMT',
    'INSCP_AMT',
    'HIFP_PAY',
    'HIFMI_PAY',
    'MAF_PAY',
    'FUND_PAY_SUMAMT',
    'PSN_PAY',
    'INIT_SETL_ID',
    'REFD_SETL_FLAG',
    'YEAR',
  ];

  test('national codes: every field found without a question', () => {
    const r = recognizeColumns(header, 'assistance');
    assert.deepEqual(r.questions, []);
    for (const f of [...IMPORT_FIELDS.assistance.required, ...IMPORT_FIELDS.assistance.optional])
      assert.equal(header[r.mapping[f]!] !== undefined, true, f);
    assert.equal(header[r.mapping.assistanceAmount!], 'MAF_PAY');
    assert.equal(header[r.mapping.settlementId!], 'SETL_ID');
    assert.equal(header[r.mapping.initSettlementId!], 'INIT_SETL_ID');
    assert.deepEqual(
      checkConfirmedHeader({ headerRowNo: 1, mapping: r.mapping, ignored: [] }, r.columns, 'assistance'),
      [],
    );
  });

  test('Chinese names under a title row', () => {
    const rows = [
      ['文登区医疗救助结算明细（2026年）'],
      [
        '序号',
        '结算ID',
        '人员姓名',
        '证件号码',
        '定点医药机构名称',
        '医疗类别',
        '结算时间',
        '医疗费总额',
        '符合范围金额',
        '统筹基金支出',
        '医疗救助基金支出',
        '原结算ID',
        '退费结算标志',
      ],
    ];
    const found = detectHeader(rows, 'assistance');
    assert.ok(found);
    assert.equal(found.rowIndex, 1);
    assert.deepEqual(found.recognition.questions, []);
    assert.equal(found.recognition.mapping.assistanceAmount, 10);
    assert.equal(found.recognition.mapping.totalCost, 7);
  });

  test('a list or registry header does not become an assistance import silently: required fields asked', () => {
    const r = recognizeColumns(['姓名', '身份证号码', '乡镇', '类别'], 'assistance');
    const missing = r.questions.filter((q) => q.kind === 'missing').map((q) => q.field);
    assert.deepEqual(missing.sort(), [
      'assistanceAmount',
      'institutionName',
      'medType',
      'policyRangeCost',
      'settlementDate',
      'settlementId',
      'totalCost',
    ]);
  });

  test('the new fields are no candidates in list and registry imports', () => {
    const r = recognizeColumns(['姓名', '身份证号码', '医疗救助金额', '结算ID'], 'list');
    assert.equal(r.columns[2].field, null);
    assert.equal(r.columns[2].candidate, null);
    assert.match(r.columns[2].reason, /本次导入不使用/);
  });
});
