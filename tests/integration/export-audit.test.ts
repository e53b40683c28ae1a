/**
 * Finding 7: exports and downloads of personal data are audited like views. Each export
 * (.xlsx of cases, list rows, certifications, an import's error report) and each evidence download
 * (case, certification at the workstation and at the agency) writes one audit row: who, the
 * action, the entity, the filters and the row count. A refused call writes none.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { auditLog, caseEvidence, cases, certificationEvidence, certifications } from '@/db/schema';
import { exportCasesOp } from '@/lib/operations/case-export';
import { getEvidenceOp } from '@/lib/operations/cases';
import { exportCertificationsOp } from '@/lib/operations/certifications';
import { exportListRows, getImportErrorReport } from '@/lib/operations/imports-report';
import { certificationEvidenceOp, workstationEvidence } from '@/lib/operations/workstation-evidence';
import type { Operation } from '@/lib/server/operation';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { createMatchingFixtures, type MatchingFixtures } from './matching-fixtures';
import { workstationMatrixFixtures } from './workstation-fixtures';

let t: TestDb;
let fx: MatchingFixtures;
let ws: Awaited<ReturnType<typeof workstationMatrixFixtures>>;
before(async () => {
  t = await createTestDb({ people: 200 });
  fx = await createMatchingFixtures(t.db);
  ws = await workstationMatrixFixtures(t.db);
});
after(() => t.close());

/** Runs the operation as the user; returns the audit rows it wrote. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function auditedCall(op: Operation<any, any>, username: string, input: unknown) {
  const [last] = await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const result = await op.run(await sessionUser(t.db, username), input, { db: t.db, ip: '10.0.0.7' });
  const rows = (await t.db.select().from(auditLog).orderBy(auditLog.id)).filter((r) => r.id > (last?.id ?? 0));
  return { result, rows };
}

test('cases.export: one row with the filters and the row count', async () => {
  const { result, rows } = await auditedCall(exportCasesOp, 'staff', { status: 'open', townCode: '371003001' });
  assert.ok(result.ok);
  assert.equal(rows.length, 1);
  const [r] = rows;
  assert.deepEqual(
    [r.action, r.entityType, r.username, r.role, r.ip],
    ['export.cases', 'case', 'staff', 'agency_staff', '10.0.0.7'],
  );
  const after = r.after as { filters: Record<string, unknown>; rows: number; total: number };
  assert.equal(after.filters.status, 'open');
  assert.equal(after.filters.townCode, '371003001');
  assert.equal(after.rows, result.data.rows);
  assert.ok(after.rows >= 1);
});

test('lists.export: one row naming the list, its filters and the row count', async () => {
  const { result, rows } = await auditedCall(exportListRows, 'supervisor', {
    id: fx.listId,
    matchClass: 'not_enrolled',
  });
  assert.ok(result.ok);
  assert.equal(rows.length, 1);
  assert.deepEqual(
    [rows[0].action, rows[0].entityType, rows[0].entityId],
    ['export.list_rows', 'poverty_list', String(fx.listId)],
  );
  assert.deepEqual(rows[0].after, { filters: { matchClass: 'not_enrolled' }, rows: 0 });
});

test('certifications.export: one row with the filters and the row count', async () => {
  const { result, rows } = await auditedCall(exportCertificationsOp, 'admin', { status: 'approved' });
  assert.ok(result.ok);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].action, rows[0].entityType], ['export.certifications', 'certification']);
  const after = rows[0].after as { filters: { status: string }; rows: number; total: number };
  assert.equal(after.filters.status, 'approved');
  assert.equal(after.rows, result.data.rows);
  assert.ok(after.rows >= 1);
});

test('imports.errorReport: one row naming the import and the rows it holds', async () => {
  const { result, rows } = await auditedCall(getImportErrorReport, 'staff', { id: fx.importId });
  assert.ok(result.ok);
  assert.equal(rows.length, 1);
  assert.deepEqual(
    [rows[0].action, rows[0].entityType, rows[0].entityId],
    ['export.import_errors', 'import', String(fx.importId)],
  );
  const after = rows[0].after as { kind: string; fileName: string; rows: number };
  assert.equal(after.kind, 'list');
  assert.ok(after.rows >= 1); // the fixture's title, total and note rows
});

test('cases.evidence: one row naming the case, its person and the file', async () => {
  const [file] = await t.db.select().from(caseEvidence).where(eq(caseEvidence.id, fx.evidenceId));
  const [c] = await t.db.select().from(cases).where(eq(cases.id, file.caseId));
  const { result, rows } = await auditedCall(getEvidenceOp, 'town_staff', { id: fx.evidenceId });
  assert.ok(result.ok);
  assert.equal(rows.length, 1);
  assert.deepEqual(
    [rows[0].action, rows[0].entityType, rows[0].entityId, rows[0].personId],
    ['download.case_evidence', 'case', String(c.id), c.personId],
  );
  assert.deepEqual(rows[0].after, { evidenceId: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes });
});

test('certification evidence, at the workstation and at the agency: one row each', async () => {
  for (const [op, username, input, via] of [
    [workstationEvidence, 'hospital', ws.hospitalEvidence('hospital'), 'workstation'],
    [certificationEvidenceOp, 'supervisor', ws.agencyEvidence(), 'agency'],
  ] as const) {
    const [file] = await t.db.select().from(certificationEvidence).where(eq(certificationEvidence.id, input.id));
    const [cert] = await t.db.select().from(certifications).where(eq(certifications.id, file.certificationId));
    const { result, rows } = await auditedCall(op, username, input);
    assert.ok(result.ok);
    assert.equal(rows.length, 1, via);
    assert.deepEqual(
      [rows[0].action, rows[0].entityType, rows[0].entityId, rows[0].personId, rows[0].username],
      ['download.certification_evidence', 'certification', String(cert.id), cert.personId, username],
    );
    assert.deepEqual(rows[0].after, { evidenceId: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes, via });
  }
});

test('a refused export or download writes no audit row', async () => {
  const refused = [
    await auditedCall(exportCasesOp, 'hospital', {}), // 403: not the role
    await auditedCall(getEvidenceOp, 'staff', { id: 999_999 }), // 404
    await auditedCall(workstationEvidence, 'hospital_mental', ws.hospitalEvidence('hospital')), // another hospital's
    await auditedCall(getImportErrorReport, 'staff', { id: 999_999 }),
  ];
  for (const { result, rows } of refused) {
    assert.equal(result.ok, false);
    assert.deepEqual(rows, []);
  }
});
