import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  deriveCertifications as deriveOf,
  indexApplications,
  type ApplicationRow,
  type ApplicationView,
} from './certification-rollup';

const deriveCertifications = (rows: ApplicationRow[], view: ApplicationView) => deriveOf(indexApplications(rows), view);

const row = (over: Partial<ApplicationRow>): ApplicationRow => ({
  hospitalId: 1,
  hospitalName: '区人民医院',
  diseaseCode: 'M01600',
  diseaseName: '糖尿病',
  versionFrom: '2024-01-01',
  townCode: '371003001',
  month: 3,
  status: 'approved',
  days: 2,
  ...over,
});

test('counts by status, mean and median days (the two middle values for an even count) of the decided', () => {
  const rows = [
    row({ days: 1 }),
    row({ days: 4, status: 'rejected' }),
    row({ days: 10, status: 'revoked' }),
    row({ days: 3 }),
    row({ days: null, status: 'pending' }),
  ];
  const { totals } = deriveCertifications(rows, { monthFrom: 1, monthTo: 12 });
  assert.deepEqual(totals, {
    filed: 5,
    pending: 1,
    approved: 2,
    rejected: 1,
    revoked: 1,
    avgDays: 4.5,
    medianDays: 3.5,
  });
  const odd = deriveCertifications(rows.slice(0, 3), { monthFrom: 1, monthTo: 12 }).totals;
  assert.equal(odd.medianDays, 4);
  const none = deriveCertifications([row({ days: null, status: 'pending' })], { monthFrom: 1, monthTo: 12 }).totals;
  assert.deepEqual([none.avgDays, none.medianDays], [null, null]);
});

test('the view: town and months; by hospital and disease, the disease named by its newest version in the view', () => {
  const rows = [
    row({ month: 2, diseaseName: '糖尿病（旧）', versionFrom: '2020-01-01' }),
    row({ month: 6, diseaseName: '糖尿病', versionFrom: '2025-01-01', hospitalId: 2, hospitalName: '中医院' }),
    row({ month: 6, townCode: '371003002' }),
  ];
  const all = deriveCertifications(rows, { monthFrom: 1, monthTo: 12 });
  assert.equal(all.byDisease[0].diseaseName, '糖尿病');
  assert.deepEqual(
    all.byHospital.map((h) => [h.hospitalName, h.filed]),
    [
      ['区人民医院', 2],
      ['中医院', 1],
    ],
  );
  const early = deriveCertifications(rows, { monthFrom: 1, monthTo: 5 });
  assert.equal(early.byDisease[0].diseaseName, '糖尿病（旧）');
  assert.equal(early.totals.filed, 1);
  const town = deriveCertifications(rows, { townCode: '371003002', monthFrom: 1, monthTo: 12 });
  assert.equal(town.totals.filed, 1);
});

test('random applications: every month range and town selects exactly its applications, medians of their days', () => {
  let s = 11;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const statuses = ['pending', 'approved', 'rejected', 'revoked'] as const;
  const rows = Array.from({ length: 300 }, () => {
    const status = statuses[Math.floor(rnd() * 4)];
    return row({
      month: 1 + Math.floor(rnd() * 12),
      townCode: rnd() < 0.5 ? '371003001' : '371003002',
      status,
      days: status === 'pending' ? null : Math.round(rnd() * 4000) / 100,
    });
  });
  const year = indexApplications(rows);
  for (let k = 0; k < 60; k++) {
    const monthFrom = 1 + Math.floor(rnd() * 12);
    const view = {
      monthFrom,
      monthTo: monthFrom + Math.floor(rnd() * (13 - monthFrom)),
      townCode: rnd() < 0.5 ? undefined : '371003002',
    };
    const expected = rows.filter(
      (r) => r.month >= view.monthFrom && r.month <= view.monthTo && (!view.townCode || r.townCode === view.townCode),
    );
    const days = expected.flatMap((r) => (r.days === null ? [] : [r.days])).sort((a, b) => a - b);
    const median =
      days.length === 0
        ? null
        : days.length % 2
          ? days[days.length >> 1]
          : (days[days.length / 2 - 1] + days[days.length / 2]) / 2;
    const { totals } = deriveOf(year, view);
    assert.deepEqual(
      [totals.filed, totals.pending, totals.medianDays],
      [expected.length, expected.filter((r) => r.status === 'pending').length, median],
      JSON.stringify(view),
    );
  }
});
