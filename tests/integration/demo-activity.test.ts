/**
 * The quick start's demo activity (db/seed-demo-lists.ts seedDemoActivity, called by
 * scripts/prepare-db.ts after seedDemo): lists from three bureaus with a newer version, 销号 cases,
 * an approved roster and adjustment, refunds, the fund, a batch awaiting approval — and a second
 * run changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedDemoActivity } from '@/db/seed-demo-lists';
import { createTestDb, type TestDb } from './helpers';

let t: TestDb;
before(async () => {
  t = await createTestDb({ people: 600 });
});
after(() => t.close());

const YEAR = new Date().getFullYear();
const TABLES = [
  'poverty_lists',
  'list_rows',
  'cases',
  'match_suggestions',
  'subsidy_batches',
  'subsidy_lines',
  'subsidy_refunds',
  'subsidy_fund_entries',
  'audit_log',
] as const;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
    out[table] = row.n;
  }
  return out;
}

const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  t.db.execute<T>(query).then((r) => [...r]);

test('the demo activity fills the lists, cases and subsidy pages, and a second run changes nothing', async () => {
  assert.equal(
    (await counts()).poverty_lists,
    0,
    'seedDemo alone has no lists (the integration tests keep their data)',
  );
  await seedDemoActivity(t.db);
  const first = await counts();

  const lists = await rows<{ source: string; versions: number }>(
    sql`select source::text, count(*)::int as versions from poverty_lists where year = ${YEAR} group by source`,
  );
  assert.ok(lists.length >= 3, `three sources at least: ${JSON.stringify(lists)}`);
  assert.ok(
    lists.some((l) => l.versions >= 2),
    'one source has a newer version',
  );

  const classes = new Map(
    (
      await rows<{ match_class: string; n: number }>(
        sql`select match_class::text, count(*)::int as n from list_rows group by 1`,
      )
    ).map((r) => [r.match_class, r.n]),
  );
  for (const cls of ['enrolled_resident', 'not_enrolled', 'invalid_id', 'not_found'])
    assert.ok((classes.get(cls) ?? 0) > 0, `rows of class ${cls}`);
  const [edge] = await rows<{ n: number }>(sql`select count(*)::int as n from list_rows where category = 'dibao_edge'`);
  assert.ok(edge.n > 0, '低保边缘 rows in the 低保 list');

  const openCases = await rows<{ town_code: string }>(sql`select town_code from cases where status = 'open'`);
  assert.ok(openCases.length > 0, 'open 销号 cases');
  assert.ok(
    openCases.every((c) => !['371003001', '371003002'].includes(c.town_code)),
    'no case in 龙山路街道 or 天福路街道 (e2e/cases.spec.ts counts their cases)',
  );

  const batches = await rows<{ status: string; town_code: string | null }>(
    sql`select status::text, town_code from subsidy_batches where year = ${YEAR} order by id`,
  );
  assert.ok(
    batches.some((b) => b.status === 'approved' && b.town_code === null),
    'an approved district batch',
  );
  assert.ok(
    batches.some((b) => b.status === 'submitted'),
    'a batch awaiting approval',
  );
  const [additions] = await rows<{ n: number }>(
    sql`select count(*)::int as n from subsidy_lines l join subsidy_batches b on b.id = l.batch_id
        where l.kind = 'addition' and l.settlement = 'refund' and b.status = 'approved'`,
  );
  assert.ok(additions.n > 0, 'approved mid-year additions who had paid (refunds)');

  const refunds = new Map(
    (
      await rows<{ status: string; n: number }>(
        sql`select status::text, count(*)::int as n from subsidy_refunds where year = ${YEAR} group by 1`,
      )
    ).map((r) => [r.status, r.n]),
  );
  assert.ok((refunds.get('pending') ?? 0) >= 1, 'a refund 待退');
  assert.ok((refunds.get('refunded') ?? 0) >= 1, 'a refund 已退');

  const [fund] = await rows<{ balance_fen: number }>(
    sql`select balance_fen::int from subsidy_funds where district_code = '371003' and year = ${YEAR}`,
  );
  assert.ok(fund && fund.balance_fen > 0, 'the fund has a balance');

  await seedDemoActivity(t.db);
  assert.deepEqual(await counts(), first, 'a second run changes nothing');
});
