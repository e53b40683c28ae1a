/**
 * The dashboards' read path: with a replica URL the read client sends selects to the replica and
 * everything else to the primary; the dashboard operations read through ctx.readDb, and the export's
 * audit row is written on the primary.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { createReadDb } from '@/db/read';
import { auditLog, people } from '@/db/schema';
import { dashboardAssistanceOp } from '@/lib/operations/dashboard-assistance';
import { dashboardCasesOp } from '@/lib/operations/dashboard-cases';
import { dashboardCertificationsOp } from '@/lib/operations/dashboard-certifications';
import { dashboardCoverageOp } from '@/lib/operations/dashboard-coverage';
import { dashboardListCoverageOp } from '@/lib/operations/dashboard-lists';
import { dashboardSubsidiesOp } from '@/lib/operations/dashboard-subsidies';
import { dashboardExportOp } from '@/lib/operations/dashboard-export';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let primary: TestDb;
let replica: TestDb;
before(async () => {
  // Two databases with different registries stand in for a primary and its replica.
  [primary, replica] = await Promise.all([createTestDb({ people: 300 }), createTestDb({ people: 60 })]);
});
after(async () => {
  await primary.close();
  await replica.close();
});

const peopleIn = async (db: TestDb['db']) => (await db.select({ n: count() }).from(people))[0].n;

test('without DATABASE_READ_URL the read client is the primary itself', () => {
  assert.equal(createReadDb(primary.db, undefined).db, primary.db);
  assert.equal(createReadDb(primary.db, '').db, primary.db);
});

test('with a replica URL, selects go to the replica and $primary to the primary', async () => {
  const read = createReadDb(primary.db, replica.url);
  try {
    assert.equal(await peopleIn(read.db), await peopleIn(replica.db));
    assert.notEqual(await peopleIn(read.db), await peopleIn(primary.db));
    assert.equal(
      await peopleIn((read.db as typeof read.db & { $primary: TestDb['db'] }).$primary),
      await peopleIn(primary.db),
    );
  } finally {
    await read.close();
  }
});

test('dashboard operations read through ctx.readDb; the export is audited on the primary', async () => {
  const read = createReadDb(primary.db, replica.url);
  try {
    const staff = await sessionUser(primary.db, 'staff');
    const year = new Date().getFullYear();
    const onPrimary = await dashboardCoverageOp.run(staff, { year }, { db: primary.db });
    const onReplica = await dashboardCoverageOp.run(staff, { year }, { db: primary.db, readDb: read.db });
    const direct = await dashboardCoverageOp.run(staff, { year }, { db: replica.db });
    assert.ok(onPrimary.ok && onReplica.ok && direct.ok);
    assert.notEqual(onReplica.data.totals.insured, onPrimary.data.totals.insured);
    assert.deepEqual(onReplica.data, direct.data);
    // every panel: the same answer as on the replica itself (no query slips to the primary)
    for (const op of [
      dashboardListCoverageOp,
      dashboardCasesOp,
      dashboardSubsidiesOp,
      dashboardAssistanceOp,
      dashboardCertificationsOp,
    ]) {
      const viaRead = await op.run(staff, { year }, { db: primary.db, readDb: read.db });
      const onItself = await op.run(staff, { year }, { db: replica.db });
      assert.ok(viaRead.ok && onItself.ok, op.name);
      assert.deepEqual(viaRead.data, onItself.data, op.name);
    }

    const audits = async (db: TestDb['db']) =>
      (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'export.dashboard')))[0].n;
    const exported = await dashboardExportOp.run(
      staff,
      { panel: 'coverage', year },
      { db: primary.db, readDb: read.db },
    );
    assert.ok(exported.ok);
    assert.equal(await audits(primary.db), 1);
    assert.equal(await audits(replica.db), 0);
  } finally {
    await read.close();
  }
});
