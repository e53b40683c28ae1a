import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, addMonthsClamped } from '@/lib/domain/calendar';
import {
  certificateNumber,
  certificationPeriod,
  decisionMinutes,
  delegationProblem,
  dueForReview,
  duplicateActiveProblem,
  formatDuration,
  isActiveOn,
  isValidHospitalCode,
  isValidIcd10,
  normalizeIcd10,
  pendingDuplicateProblem,
  schemeEligibilityProblem,
  startDateProblem,
  type CertStatus,
} from '@/lib/domain/certification';

const [d24, d1] = [24, 1].map((validityMonths) => ({ reviewExempt: false, validityMonths }));

describe('certificationPeriod', () => {
  test('start + validity months − 1 day', () => {
    assert.deepEqual(certificationPeriod('2026-01-15', d24), { startDate: '2026-01-15', endDate: '2028-01-14' });
    assert.equal(certificationPeriod('2026-01-01', { reviewExempt: false, validityMonths: 12 }).endDate, '2026-12-31');
    assert.equal(certificationPeriod('2026-03-01', d1).endDate, '2026-03-31');
  });

  test('month-end: clamp to the last day of the target month, then minus one day', () => {
    assert.equal(addMonthsClamped('2026-01-31', 1), '2026-02-28');
    assert.equal(certificationPeriod('2026-01-31', d1).endDate, '2026-02-27');
    assert.equal(addMonthsClamped('2024-01-31', 1), '2024-02-29');
    assert.equal(certificationPeriod('2024-01-31', d1).endDate, '2024-02-28');
    assert.equal(certificationPeriod('2024-02-29', { reviewExempt: false, validityMonths: 12 }).endDate, '2025-02-27');
    assert.equal(certificationPeriod('2026-03-31', d1).endDate, '2026-04-29');
    assert.equal(certificationPeriod('2026-12-31', d1).endDate, '2027-01-30');
    assert.equal(addMonthsClamped('2026-11-30', 3), '2027-02-28');
  });

  test('review-exempt → no end date, even when a validity is set', () => {
    assert.deepEqual(certificationPeriod('2026-05-01', { reviewExempt: true, validityMonths: null }), {
      startDate: '2026-05-01',
      endDate: null,
    });
    assert.equal(certificationPeriod('2026-05-01', { reviewExempt: true, validityMonths: 24 }).endDate, null);
  });

  test('missing validity on a non-exempt disease, or bad input, throws', () => {
    assert.throws(
      () => certificationPeriod('2026-05-01', { reviewExempt: false, validityMonths: null }),
      /未设置有效期/,
    );
    assert.throws(() => certificationPeriod('2026-05-01', { reviewExempt: false, validityMonths: 0 }), RangeError);
    assert.throws(() => certificationPeriod('2026-02-30', d24), /真实存在的日期/);
    assert.throws(() => certificationPeriod('2026/01/15', d24), RangeError);
  });

  test('property: end is after start, within the validity, and the next day is the clamped anniversary', () => {
    const day = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 120 }), (start, n) => {
        const { endDate } = certificationPeriod(start, { reviewExempt: false, validityMonths: n });
        assert.ok(endDate !== null && endDate > start);
        assert.equal(addDays(endDate, 1), addMonthsClamped(start, n));
      }),
    );
  });
});

describe('isActiveOn', () => {
  const cert = (status: CertStatus, startDate: string | null, endDate: string | null) => ({
    status,
    startDate,
    endDate,
  });
  test('approved and within the inclusive period', () => {
    const c = cert('approved', '2026-01-15', '2028-01-14');
    assert.equal(isActiveOn(c, '2026-01-15'), true);
    assert.equal(isActiveOn(c, '2028-01-14'), true);
    assert.equal(isActiveOn(c, '2028-01-15'), false);
    assert.equal(isActiveOn(c, '2026-01-14'), false);
    assert.equal(isActiveOn(cert('approved', '2020-01-01', null), '2099-12-31'), true);
  });
  test('other statuses or no start date are never active', () => {
    for (const s of ['rejected', 'revoked', 'pending'] as const)
      assert.equal(isActiveOn(cert(s, '2026-01-01', null), '2026-06-01'), false);
    assert.equal(isActiveOn(cert('approved', null, null), '2026-06-01'), false);
  });
});

describe('pendingDuplicateProblem', () => {
  const held = [
    { diseaseCode: 'M01600', diseaseName: '糖尿病', status: 'pending' as const, hospitalId: 1, filedOn: '2026-11-30' },
    { diseaseCode: 'M03900', status: 'pending' as const, hospitalId: 2, filedOn: '2026-11-30' },
    { diseaseCode: 'M04600', status: 'rejected' as const, hospitalId: 1, filedOn: '2026-11-01' },
  ];
  test("the hospital's own pending application of the same disease blocks a second one", () => {
    assert.equal(
      pendingDuplicateProblem(held, 'M01600', 1),
      '本院已于 2026-11-30 受理该人员“糖尿病”的认定申请，尚未作出决定：请在“本院认定记录”中找到该“待决定”申请，点“作出决定”，不要重复申请',
    );
  });
  test("another hospital's pending one, a decided one, or another disease does not", () => {
    assert.equal(pendingDuplicateProblem(held, 'M03900', 1), null);
    assert.equal(pendingDuplicateProblem(held, 'M04600', 1), null);
    assert.equal(pendingDuplicateProblem(held, 'M07200', 1), null);
    assert.match(pendingDuplicateProblem(held, 'M03900', 2) ?? '', /病种 M03900/);
  });
});

describe('duplicateActiveProblem', () => {
  const held = [
    {
      diseaseCode: 'M01600',
      diseaseName: '糖尿病',
      status: 'approved' as const,
      startDate: '2026-01-15',
      endDate: '2028-01-14',
    },
    { diseaseCode: 'M03900', status: 'revoked' as const, startDate: '2026-01-15', endDate: '2028-01-14' },
    { diseaseCode: 'M07200', status: 'approved' as const, startDate: '2025-03-01', endDate: null },
    { diseaseCode: 'M04600', status: 'approved' as const, startDate: '2023-01-01', endDate: '2024-12-31' },
  ];
  test('an approved, overlapping certification of the same disease blocks', () => {
    assert.equal(
      duplicateActiveProblem(held, 'M01600', '2027-06-01'),
      '该人员已持有“糖尿病”的有效认定（2026-01-15 至 2028-01-14），不能重复认定',
    );
    assert.match(duplicateActiveProblem(held, 'M01600', '2028-01-14') ?? '', /不能重复认定/);
    assert.match(
      duplicateActiveProblem(held, 'M01600', '2025-12-01') ?? '',
      /不能重复认定/,
      'a later-starting one also overlaps',
    );
    assert.match(duplicateActiveProblem(held, 'M07200', '2030-01-01') ?? '', /病种 M07200.*2025-03-01 起长期有效/);
  });
  test('expired, revoked, other diseases do not block', () => {
    assert.equal(duplicateActiveProblem(held, 'M01600', '2028-01-15'), null);
    assert.equal(duplicateActiveProblem(held, 'M03900', '2026-06-01'), null);
    assert.equal(duplicateActiveProblem(held, 'M04600', '2026-06-01'), null);
    assert.equal(duplicateActiveProblem(held, 'M05300', '2026-06-01'), null);
    assert.equal(duplicateActiveProblem([], 'M05300', '2026-06-01'), null);
  });
});

describe('schemeEligibilityProblem', () => {
  const both = { name: '糖尿病', forResident: true, forEmployee: true };
  const residentOnly = { name: '重症肌无力', forResident: true, forEmployee: false };
  const employeeOnly = { name: '某职工病种', forResident: false, forEmployee: true };
  test('not enrolled this year', () => {
    assert.equal(schemeEligibilityProblem(both, null), '该人员本年度未参保，不能认定');
  });
  test('disease not open to the scheme', () => {
    assert.equal(schemeEligibilityProblem(residentOnly, { scheme: 'employee' }), '重症肌无力 仅限城乡居民参保人员');
    assert.equal(schemeEligibilityProblem(employeeOnly, { scheme: 'resident' }), '某职工病种 仅限职工医保参保人员');
    assert.match(
      schemeEligibilityProblem({ name: 'X', forResident: false, forEmployee: false }, { scheme: 'resident' }) ?? '',
      /未对任何险种开放/,
    );
  });
  test('eligible', () => {
    assert.equal(schemeEligibilityProblem(residentOnly, { scheme: 'resident' }), null);
    assert.equal(schemeEligibilityProblem(both, { scheme: 'employee' }), null);
  });
});

describe('delegationProblem', () => {
  const rows = [
    { diseaseCode: 'L00004', validFrom: '2018-01-01', validTo: null },
    { diseaseCode: 'M02101', validFrom: '2018-01-01', validTo: '2025-12-31' },
  ];
  test('delegated on the date (bounds inclusive)', () => {
    assert.equal(delegationProblem(rows, 'L00004', '2026-06-01'), null);
    assert.equal(delegationProblem(rows, 'M02101', '2025-12-31'), null);
    assert.equal(delegationProblem(rows, 'M02101', '2018-01-01'), null);
  });
  test('never delegated, or outside the delegation period', () => {
    assert.match(delegationProblem(rows, 'M01600', '2026-06-01') ?? '', /本院未获授权认定该病种（M01600）/);
    assert.equal(
      delegationProblem(rows, 'M02101', '2026-01-01'),
      '本院对该病种（M02101）的认定授权期为 2018-01-01 至 2025-12-31，2026-01-01 不在授权期内',
    );
    assert.match(delegationProblem(rows, 'L00004', '2017-12-31') ?? '', /2018-01-01 起，2017-12-31 不在授权期内/);
  });
});

describe('decision time', () => {
  test('decisionMinutes rounds down; decided before filed throws', () => {
    const f = new Date('2026-03-01T08:00:00Z');
    assert.equal(decisionMinutes(f, new Date('2026-03-01T08:03:59Z')), 3);
    assert.equal(decisionMinutes(f, f), 0);
    assert.equal(decisionMinutes(f, new Date('2026-03-02T10:05:00Z')), 26 * 60 + 5);
    assert.throws(() => decisionMinutes(f, new Date('2026-03-01T07:59:00Z')), /早于/);
    assert.throws(() => decisionMinutes(f, new Date('nope')), RangeError);
  });
  test('formatDuration', () => {
    const cases: [number, string][] = [
      [0, '即时办理（不足 1 分钟）'],
      [3, '即时办理（3 分钟）'],
      [59, '即时办理（59 分钟）'],
      [60, '1 小时'],
      [125, '2 小时 5 分钟'],
      [1439, '23 小时 59 分钟'],
      [1440, '1 天'],
      [3 * 1440 + 4 * 60 + 30, '3 天 4 小时'],
      [30 * 1440, '30 天'],
    ];
    for (const [m, text] of cases) assert.equal(formatDuration(m), text);
    assert.throws(() => formatDuration(-1), RangeError);
    assert.throws(() => formatDuration(1.5), RangeError);
  });
});

describe('dueForReview', () => {
  const c = (id: number, status: CertStatus, endDate: string | null) => ({
    id,
    status,
    startDate: '2024-01-01',
    endDate,
  });
  const certs = [
    c(1, 'approved', '2026-08-30'),
    c(2, 'approved', '2026-07-01'),
    c(3, 'approved', null),
    c(4, 'revoked', '2026-07-15'),
    c(5, 'approved', '2026-05-31'),
    c(6, 'approved', '2026-06-01'),
    c(7, 'approved', '2026-07-31'),
    c(8, 'approved', '2026-08-01'),
    c(9, 'pending', null),
  ];
  test('approved, not exempt, ending from today to today + 60 days, soonest first', () => {
    assert.deepEqual(
      dueForReview(certs, '2026-06-01').map((x) => x.id),
      [6, 2, 7],
      '2026-06-01 + 60 days = 2026-07-31',
    );
    assert.deepEqual(
      dueForReview(certs, '2026-06-01', 91).map((x) => x.id),
      [6, 2, 7, 8, 1],
    );
    assert.deepEqual(
      dueForReview(certs, '2026-06-01', 30).map((x) => x.id),
      [6, 2],
    );
    assert.deepEqual(
      dueForReview(certs, '2026-06-01', 0).map((x) => x.id),
      [6],
    );
    assert.throws(() => dueForReview(certs, '2026-06-01', -1), RangeError);
  });
});

describe('codes', () => {
  test('ICD-10', () => {
    for (const ok of [
      'I10',
      'E11.9',
      'F20.0',
      'A15.0',
      'C34.9',
      'N18.5',
      'e11.9',
      ' i10 ',
      'E11.90',
      'Z94.X',
      'E11.900',
      'E11.900x001',
    ])
      assert.equal(isValidIcd10(ok), true, ok);
    for (const bad of ['', 'I1', 'I100', '110', 'E11.', 'E11.9000', 'E11-9', 'EE1.9', 'E11.9.1'])
      assert.equal(isValidIcd10(bad), false, bad);
    assert.equal(normalizeIcd10(' e11.9 '), 'E11.9');
  });
  test('hospital code', () => {
    assert.equal(isValidHospitalCode('H37100300001'), true);
    for (const bad of ['H3710030000', 'H371003000011', 'h37100300001', 'X37100300001', 'H07100300001', 'H3710030000A'])
      assert.equal(isValidHospitalCode(bad), false, bad);
  });
  test('certificate number', () => {
    assert.equal(certificateNumber('H37100300001', 2026, 123), 'MT-H37100300001-2026-000123');
    assert.equal(certificateNumber('H37100300001', 2026, 999_999), 'MT-H37100300001-2026-999999');
    assert.throws(() => certificateNumber('H371003', 2026, 1), /医疗机构编码/);
    assert.throws(() => certificateNumber('H37100300001', 26, 1), /年度/);
    assert.throws(() => certificateNumber('H37100300001', 2026, 0), /流水号/);
    assert.throws(() => certificateNumber('H37100300001', 2026, 1_000_000), /流水号/);
  });
});

describe('startDateProblem', () => {
  test('from the diagnosis date up to today, both inclusive', () => {
    assert.equal(startDateProblem('2026-11-01', '2026-11-01', '2026-12-01'), null);
    assert.equal(startDateProblem('2026-12-01', '2026-11-01', '2026-12-01'), null);
    assert.match(startDateProblem('2026-10-31', '2026-11-01', '2026-12-01')!, /不能早于诊断日期（2026-11-01）/);
    assert.match(startDateProblem('2026-12-02', '2026-11-01', '2026-12-01')!, /不能晚于今天（2026-12-01）/);
    assert.throws(() => startDateProblem('2026-02-30', '2026-01-01', '2026-12-01'), /真实存在的日期/);
  });
});
