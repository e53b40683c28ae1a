import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HeaderMapping } from '@/lib/domain/import-headers';
import { makeIdNumber } from '@/lib/domain/id-number';
import { shapeAssistanceRow } from './assistance-row';

const MAPPING: HeaderMapping = {
  settlementId: 0,
  name: 1,
  idNumber: 2,
  institutionName: 3,
  medType: 4,
  settlementDate: 5,
  totalCost: 6,
  policyRangeCost: 7,
  assistanceAmount: 8,
  initSettlementId: 9,
  refundFlag: 10,
};
const ID = makeIdNumber('371003', '1960-05-06', 12, 'M');
const TODAY = new Date('2026-06-30T12:00:00+08:00');
const row = (over: Record<number, string | number | null> = {}) => {
  const cells: (string | number | null)[] = [
    'S1',
    '张 三',
    ID,
    '文登区人民医院',
    '21',
    '2026-03-04 10:00:00',
    '1,200.50',
    1000,
    '300',
    '',
    '0',
  ];
  for (const [i, v] of Object.entries(over)) cells[Number(i)] = v;
  return shapeAssistanceRow(cells, MAPPING, TODAY);
};

test('a settlement: values in fen, the date without its time, 住院 from code 21, the name normalized', () => {
  const r = row();
  assert.ok(r.ok);
  assert.deepEqual(r.values, {
    name: '张三',
    idNumber: ID,
    settlementId: 'S1',
    initSettlementId: null,
    medType: 'inpatient',
    settlementDate: '2026-03-04',
    year: 2026,
    institutionCode: null,
    institutionName: '文登区人民医院',
    totalFen: 120_050,
    policyRangeFen: 100_000,
    assistanceFen: 30_000,
  });
});

test('a reversal: the refund flag or an original named without a flag; negative amounts kept', () => {
  const flagged = row({ 0: 'R1', 6: '-1200.50', 7: '-1000', 8: '-300', 9: 'S1', 10: '1' });
  assert.ok(flagged.ok);
  assert.equal(flagged.values.initSettlementId, 'S1');
  assert.equal(flagged.values.assistanceFen, -30_000);
  const noFlag = row({ 0: 'R2', 9: 'S1', 10: '' });
  assert.ok(noFlag.ok);
  assert.equal(noFlag.values.initSettlementId, 'S1');
  const flagWithoutOriginal = row({ 0: 'R3', 10: '是' });
  assert.ok(!flagWithoutOriginal.ok);
  assert.match(flagWithoutOriginal.problems[0].message, /未填原结算ID/);
  const settledAgain = row({ 9: 'S0', 10: '0' });
  assert.ok(settledAgain.ok);
  assert.equal(settledAgain.values.initSettlementId, null, 'flag 0: a settlement, whatever INIT_SETL_ID says');
});

test('bad rows: every problem with its code', () => {
  const codes = (r: ReturnType<typeof row>) => (r.ok ? [] : r.problems.map((p) => p.code));
  assert.deepEqual(codes(row({ 2: ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1') })), ['idNumber.check_character']);
  assert.deepEqual(codes(row({ 0: 1.23456789012345e17 })), ['settlementId.excel']);
  assert.deepEqual(codes(row({ 0: '' })), ['settlementId.empty']);
  assert.deepEqual(codes(row({ 4: '体检' })), ['medType.unknown']);
  assert.deepEqual(codes(row({ 5: '2026-02-30' })), ['settlementDate.format']);
  assert.deepEqual(codes(row({ 5: '2031-01-01' })), ['settlementDate.range']);
  assert.deepEqual(codes(row({ 8: 'abc' })), ['assistanceAmount.format']);
  assert.deepEqual(codes(row({ 8: '-5' })), ['assistanceAmount.negative']);
  assert.deepEqual(codes(row({ 7: '2000' })), ['policyRangeCost.over_total']);
  assert.deepEqual(codes(row({ 8: '5000' })), ['assistanceAmount.over_total']);
  assert.deepEqual(codes(row({ 3: '' })), ['institutionName.empty']);
  assert.deepEqual(codes(row({ 10: '也许' })), ['refundFlag.format']);
});
