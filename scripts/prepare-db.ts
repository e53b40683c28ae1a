import { createDb } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { seedDemo, seedInitialAdmin, seedReference } from '@/db/seed';
import { seedDemoActivity } from '@/db/seed-demo-lists';
import { seedDemoDashboard } from '@/db/seed-demo-dashboard';
import { seedDemoSettlements } from '@/db/seed-settlement';

/** Migrates, then seeds reference data and (for the quick start) the demo data. */
export async function prepareDatabase(url: string, { demo }: { demo: boolean }): Promise<void> {
  await migrateDatabase(url);
  const { db, close } = createDb(url, { max: 2 });
  try {
    if (demo) {
      await seedDemo(db);
      await seedDemoActivity(db); // lists, cases and subsidies of this year: the quick start only, not the integration tests' seedDemo
      await seedDemoDashboard(db); // population targets, assistance records and cases over the months: the dashboards' demo
      await seedDemoSettlements(db); // a few 一站式结算 stays of poverty-list people
    } else {
      await seedReference(db);
      await seedInitialAdmin(db, process.env.INITIAL_ADMIN_PASSWORD);
    }
  } finally {
    await close();
  }
}
