import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveCertifications, type ApplicationRow } from './certification-rollup';

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
