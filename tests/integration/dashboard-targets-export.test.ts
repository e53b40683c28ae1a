/** Population targets (admin: list with blanks, upsert audited with before/after) and the dashboard export (every table, audited). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog, populationTargets, towns } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { dashboardCoverageOp } from '@/lib/operations/dashboard-coverage';
import { dashboardExportOp, PANEL_TITLES } from '@/lib/operations/dashboard-export';
import { listTargetsOp, saveTargetOp } from '@/lib/operations/population-targets';
import { DASHBOARD_PANELS } from '@/lib/schemas/dashboard';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { callAs, refused } from './subsidies-fixtures';

let t: TestDb;
let admin: SessionUser;
let staff: SessionUser;
const year = new Date().getFullYear();
const LONGSHAN = '371003001';
before(async () => {
  t = await createTestDb({ people: 200 });
  admin = await sessionUser(t.db, 'admin');
  staff = await sessionUser(t.db, 'staff');
});
after(() => t.close());

describe('population targets', () => {
  test('every town of the scope is listed, blank until saved; a save is an upsert audited with before and after', async () => {
    const { ok } = callAs(t.db);
    const list = await ok(listTargetsOp, admin, { year });
    assert.equal(list.towns.length, (await t.db.select().from(towns)).length);
    assert.ok(list.towns.every((r) => r.residentPopulation === null));

    const input = { year, townCode: LONGSHAN, residentPopulation: 1000, insuredTarget: 950, expansionTarget: 30 };
    await ok(saveTargetOp, admin, input);
    await ok(saveTargetOp, admin, { ...input, residentPopulation: '1200' });
    const rows = await t.db
      .select()
      .from(populationTargets)
      .where(and(eq(populationTargets.year, year), eq(populationTargets.townCode, LONGSHAN)));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].residentPopulation, 1200);
    const [last, first] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'targets.save'))
      .orderBy(desc(auditLog.id));
    assert.equal(first.before, null);
    assert.equal((last.before as { residentPopulation: number }).residentPopulation, 1000);
    assert.equal((last.after as { residentPopulation: number }).residentPopulation, 1200);
    assert.equal(last.entityId, `${year}-${LONGSHAN}`);

    const coverage = await ok(dashboardCoverageOp, staff, { year, townCode: LONGSHAN });
    assert.equal(coverage.towns[0].residentPopulation, 1200);
    assert.equal(coverage.totals.coverageRate, Math.round((coverage.totals.insured / 1200) * 10_000) / 10_000);
  });

  test('only admins; bad figures and unknown towns change nothing', async () => {
    const { call } = callAs(t.db);
    const input = { year, townCode: LONGSHAN, residentPopulation: 1, insuredTarget: 1, expansionTarget: 1 };
    for (const u of ['staff', 'supervisor', 'town_staff', 'hospital']) {
      const user = await sessionUser(t.db, u);
      refused(await call(saveTargetOp, user, input), 403);
      refused(await call(listTargetsOp, user, { year }), 403);
    }
    refused(await call(saveTargetOp, admin, { ...input, residentPopulation: -1 }), 400, /常住人口不能为负数/);
    refused(await call(saveTargetOp, admin, { ...input, townCode: '371099999' }), 404);
    const [row] = await t.db.select().from(populationTargets).where(eq(populationTargets.townCode, LONGSHAN));
    assert.equal(row.residentPopulation, 1200);
  });
});

describe('dashboard export', () => {
  test('every panel exports all its tables, one sheet each, and each export is audited', async () => {
    const { ok } = callAs(t.db);
    for (const panel of DASHBOARD_PANELS) {
      const r = await ok(dashboardExportOp, staff, { panel, year });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.content as unknown as ArrayBuffer);
      assert.ok(wb.worksheets.length >= 1, panel);
      assert.ok(r.fileName.startsWith(PANEL_TITLES[panel]), panel);
    }
    const r = await ok(dashboardExportOp, staff, { panel: 'coverage', year, townCode: LONGSHAN });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.content as unknown as ArrayBuffer);
    const coverage = await ok(dashboardCoverageOp, staff, { year, townCode: LONGSHAN });
    const ws = wb.worksheets[0];
    assert.equal(ws.getRow(2).getCell(1).value, coverage.towns[0].townName);
    assert.equal(ws.getRow(2).getCell(2).value, coverage.towns[0].insured);
    assert.equal(ws.getRow(2).getCell(6).value, 1200);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'export.dashboard'));
    assert.equal(audits.length, DASHBOARD_PANELS.length + 1);
    assert.deepEqual((audits.at(-1)!.after as { panel: string }).panel, 'coverage');
  });

  test('an unknown panel is refused', async () => {
    refused(await callAs(t.db).call(dashboardExportOp, staff, { panel: 'nope', year }), 400);
  });
});
