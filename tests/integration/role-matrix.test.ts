/**
 * Calls every server entry point (operation) as every demo role: allowed roles succeed, the others
 * get 403 and nothing changes (row counts and audit log). Also checks that every route handler and
 * server action under app/ goes through an operation listed here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { ALL_OPERATIONS } from '@/lib/operations';
import { createTestDb, DEMO_USERNAMES, sessionUser, type TestDb } from './helpers';
import { removeFiles } from './assistance-fixtures';
import { ALLOWED, INPUTS, setupMatrix } from './matrix-inputs';

let t: TestDb;
let targetUserId: number;

const TABLES = [
  'people',
  'enrollments',
  'users',
  'audit_log',
  'hospitals',
  'households',
  'poverty_lists',
  'list_rows',
  'match_suggestions',
  'cases',
  'case_evidence',
  'imports',
  'diseases',
  'disease_versions',
  'hospital_diseases',
  'certifications',
  'certification_evidence',
  'spot_checks',
  'spot_check_items',
  'contribution_standards',
  'subsidy_rules',
  'subsidy_batches',
  'subsidy_lines',
  'subsidy_refunds',
  'subsidy_funds',
  'subsidy_fund_entries',
  'assistance_records',
  'population_targets',
  'settlement_policies',
  'settlement_stays',
];
async function snapshot() {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = row.n;
  }
  const [u] = await t.db.select().from(users).where(eq(users.id, targetUserId));
  return { counts, target: { ...u, updatedAt: null } };
}

/** Jobs (imports) go on in the background after the call returns; wait until none is running. */
async function waitForJobs() {
  for (let i = 0; i < 200; i++) {
    const [row] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from imports where status = 'running'`,
    );
    if (row.n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('background import did not finish');
}

before(async () => {
  t = await createTestDb({ people: 400 });
  ({ targetUserId } = await setupMatrix(t));
});
after(async () => {
  removeFiles();
  await t.close();
});

test('every operation has an expectation and an input', () => {
  assert.deepEqual(ALL_OPERATIONS.map((op) => op.name).sort(), Object.keys(ALLOWED).sort());
  assert.deepEqual(Object.keys(INPUTS).sort(), Object.keys(ALLOWED).sort());
});

for (const op of ALL_OPERATIONS) {
  describe(op.name, () => {
    for (const username of DEMO_USERNAMES) {
      const allowed = ALLOWED[op.name]?.includes(username);
      test(`${username} → ${allowed ? 'allowed' : '403, nothing changed'}`, async () => {
        const user = await sessionUser(t.db, username);
        const input = await INPUTS[op.name](username);
        const before = await snapshot();
        const result = await op.run(user, input, { db: t.db, ip: '127.0.0.1' });
        if (allowed) {
          assert.equal(result.ok, true, result.ok ? '' : `${result.status} ${result.error}`);
          if (op.kind === 'job') await waitForJobs();
        } else {
          assert.ok(!result.ok && result.status === 403, `expected 403, got ${JSON.stringify(result).slice(0, 200)}`);
          assert.match(result.error, /无权/);
          assert.deepEqual(await snapshot(), before);
        }
      });
    }
    test('no session → 401', async () => {
      const result = await op.run(null, await INPUTS[op.name](), { db: t.db });
      assert.ok(!result.ok && result.status === 401);
    });
  });
}

test('every route handler and server action under app/ runs one of these operations', async () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(route|actions)\.ts$/.test(e.name) && !p.includes('[...nextauth]')) files.push(p);
    }
  };
  walk(path.join(process.cwd(), 'app'));
  assert.ok(files.length >= 5);
  const operationsByExport = new Map<string, unknown>();
  for (const f of fs.readdirSync(path.join(process.cwd(), 'lib', 'operations'))) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
    const mod = await import(path.join(process.cwd(), 'lib', 'operations', f));
    for (const [name, value] of Object.entries(mod)) operationsByExport.set(name, value);
  }
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const used = [...source.matchAll(/(?:invoke|routeHandler|uploadRoute)\((\w+)/g)].map((m) => m[1]);
    assert.ok(used.length > 0, `${file} does not go through invoke/routeHandler/uploadRoute`);
    const handlers = (source.match(/export (async function|const) /g) ?? []).length;
    assert.equal(used.length, handlers, `${file}: every export must be one invoke/routeHandler bridge`);
    for (const name of used) {
      assert.ok(
        ALL_OPERATIONS.includes(operationsByExport.get(name) as (typeof ALL_OPERATIONS)[number]),
        `${file}: ${name} is not in ALL_OPERATIONS`,
      );
    }
  }
});
