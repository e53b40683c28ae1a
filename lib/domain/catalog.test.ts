import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  currentAndNext,
  delegationCancelProblem,
  delegationEndProblem,
  delegationGrantProblem,
  DISEASE_CODE_RE,
  hospitalAreaCode,
  isCalendarDate,
  periodsOverlap,
  versionContentProblem,
  versionDateProblem,
} from '@/lib/domain/catalog';

const TODAY = '2026-06-15';

describe('disease codes and dates', () => {
  test('codes of the seeded catalog pass, others do not', () => {
    for (const code of ['M00503', 'M07803', 'L00004']) assert.match(code, DISEASE_CODE_RE);
    for (const code of ['m00503', 'M0050', 'M005031', 'MM0503', '', ' M00503'])
      assert.doesNotMatch(code, DISEASE_CODE_RE);
  });
  test('isCalendarDate refuses impossible days and other formats', () => {
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2026-02-29'), false);
    assert.equal(isCalendarDate('2026-13-01'), false);
    assert.equal(isCalendarDate('2026/06/01'), false);
  });
});

describe('versionContentProblem', () => {
  const base = { forResident: true, forEmployee: false, reviewExempt: false, validityMonths: 24 };
  test('a valid version passes', () => assert.equal(versionContentProblem(base), null));
  test('at least one scheme', () => {
    assert.equal(versionContentProblem({ ...base, forResident: false })?.field, 'forResident');
    assert.equal(versionContentProblem({ ...base, forResident: false, forEmployee: true }), null);
  });
  test('validity required unless review-exempt, 1..120 whole months', () => {
    assert.match(versionContentProblem({ ...base, validityMonths: null })!.message, /有效期/);
    assert.equal(versionContentProblem({ ...base, reviewExempt: true, validityMonths: null }), null);
    for (const n of [0, 121, 1.5, -3])
      assert.equal(versionContentProblem({ ...base, validityMonths: n })?.field, 'validityMonths', String(n));
    for (const n of [1, 12, 120]) assert.equal(versionContentProblem({ ...base, validityMonths: n }), null);
  });
});

describe('versionDateProblem', () => {
  test('today and later pass', () => {
    assert.equal(versionDateProblem(TODAY, TODAY, ['2020-01-01']), null);
    assert.equal(versionDateProblem('2027-01-01', TODAY, ['2020-01-01']), null);
  });
  test('a past date is refused with a clear message', () => {
    const p = versionDateProblem('2026-06-14', TODAY, []);
    assert.equal(p?.kind, 'past');
    assert.match(p!.message, /早于今天/);
  });
  test('the date of an existing version is a duplicate', () => {
    assert.equal(versionDateProblem('2027-01-01', TODAY, ['2020-01-01', '2027-01-01'])?.kind, 'duplicate');
  });
});

describe('currentAndNext', () => {
  const v = (effectiveFrom: string) => ({ effectiveFrom, id: effectiveFrom });
  test('the latest version on or before today, and the first after it', () => {
    const r = currentAndNext([v('2027-01-01'), v('2020-01-01'), v('2026-06-15'), v('2028-01-01')], TODAY)!;
    assert.equal(r.shown.id, '2026-06-15');
    assert.equal(r.inForce, true);
    assert.equal(r.next?.id, '2027-01-01');
  });
  test('no version yet in force: the first scheduled one is shown', () => {
    const r = currentAndNext([v('2028-01-01'), v('2027-01-01')], TODAY)!;
    assert.deepEqual([r.shown.id, r.inForce, r.next?.id], ['2027-01-01', false, '2028-01-01']);
  });
  test('nothing scheduled; no versions at all', () => {
    assert.equal(currentAndNext([v('2020-01-01')], TODAY)!.next, null);
    assert.equal(currentAndNext([], TODAY), null);
  });
});

describe('delegations', () => {
  const open = { validFrom: '2020-01-01', validTo: null };
  test('periodsOverlap is inclusive and open ends run for ever', () => {
    assert.equal(
      periodsOverlap({ validFrom: '2026-01-01', validTo: '2026-06-30' }, { validFrom: '2026-06-30', validTo: null }),
      true,
    );
    assert.equal(
      periodsOverlap({ validFrom: '2026-01-01', validTo: '2026-06-29' }, { validFrom: '2026-06-30', validTo: null }),
      false,
    );
    assert.equal(periodsOverlap(open, { validFrom: '2030-01-01', validTo: '2030-01-02' }), true);
  });
  test('grant: from today, end after start, no overlap', () => {
    assert.equal(delegationGrantProblem([], { validFrom: TODAY, validTo: null }, TODAY), null);
    assert.match(delegationGrantProblem([], { validFrom: '2026-06-14', validTo: null }, TODAY)!.message, /不能追溯/);
    assert.match(
      delegationGrantProblem([], { validFrom: '2026-07-01', validTo: '2026-06-30' }, TODAY)!.message,
      /不能早于开始日期/,
    );
    const overlap = delegationGrantProblem([open], { validFrom: TODAY, validTo: null }, TODAY)!;
    assert.deepEqual([overlap.kind, /重叠/.test(overlap.message)], ['overlap', true]);
    assert.equal(
      delegationGrantProblem(
        [{ validFrom: '2020-01-01', validTo: '2026-06-14' }],
        { validFrom: TODAY, validTo: null },
        TODAY,
      ),
      null,
    );
  });
  test('end: not before start, not before yesterday, not an ended one, not later than a set end', () => {
    assert.equal(delegationEndProblem(open, TODAY, TODAY), null);
    assert.equal(delegationEndProblem(open, '2026-06-14', TODAY), null);
    assert.match(delegationEndProblem(open, '2026-06-13', TODAY)!, /不能追溯/);
    assert.match(
      delegationEndProblem({ validFrom: '2026-07-01', validTo: null }, '2026-06-30', TODAY)!,
      /不能早于授权开始日期/,
    );
    assert.match(
      delegationEndProblem({ validFrom: '2020-01-01', validTo: '2026-06-01' }, TODAY, TODAY)!,
      /已于 2026-06-01 终止/,
    );
    assert.match(
      delegationEndProblem({ validFrom: '2020-01-01', validTo: '2026-12-31' }, '2027-01-01', TODAY)!,
      /不能晚于/,
    );
    assert.equal(delegationEndProblem({ validFrom: '2020-01-01', validTo: '2026-12-31' }, '2026-07-01', TODAY), null);
  });
  test('hospitalAreaCode is the 6 digits after H', () => assert.equal(hospitalAreaCode('H37100300001'), '371003'));
});

describe('delegationCancelProblem', () => {
  test('only a delegation that starts after today can be cancelled', () => {
    assert.equal(delegationCancelProblem({ validFrom: '2026-06-16', validTo: null }, '2026-06-15'), null);
    assert.equal(
      delegationCancelProblem({ validFrom: '2026-06-15', validTo: null }, '2026-06-15'),
      '该授权已于 2026-06-15 生效，不能取消，只能终止',
    );
    assert.match(
      delegationCancelProblem({ validFrom: '2020-01-01', validTo: '2021-01-01' }, '2026-06-15') ?? '',
      /不能取消/,
    );
  });
});
