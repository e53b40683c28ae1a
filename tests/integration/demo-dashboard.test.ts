/**
 * The dashboards' demo data (db/seed-demo-dashboard.ts seedDemoDashboard, called by
 * scripts/prepare-db.ts after seedDemoActivity): population targets with coverage just over 100%,
 * twelve months of 医疗救助 records split like seed 004's, reversals and a cap passed, 销号 cases in
 * every state over the months — none in the towns e2e/cases.spec.ts counts — spot checks with
 * verdicts (the dashboard's compliance figure), and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedDemoActivity } from '@/db/seed-demo-lists';
import { seedDemoDashboard } from '@/db/seed-demo-dashboard';
import { dashboardCertificationsOp } from '@/lib/operations/dashboard-certifications';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { createTestDb, sessionUser, type TestDb } from './helpers';

let t: TestDb;
before(async () => {
  t = await createTestDb({ people: 600 });
});
after(() => t.close());

const YEAR = new Date().getFullYear();
const TABLES = [
  'population_targets',
  'assistance_records',
  'cases',
  'case_evidence',
  'spot_checks',
  'spot_check_items',
] as const;
const QUIET_TOWNS = sql`('371003001', '371003002')`;

const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  t.db.execute<T>(query).then((r) => [...r]);
const one = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await rows<T>(query))[0];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES)
    out[table] = (await one<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`)).n;
  return out;
}

/** Standing settlements: not reversed, not reversals. */
const STANDING = sql`kind = 'settlement' and reversed_by_id is null`;

test('the dashboard demo fills targets, assistance and cases, and a second run changes nothing', async () => {
  await seedDemoActivity(t.db);
  const quietBefore = await one<{ n: number }>(
    sql`select count(*)::int as n from cases where town_code in ${QUIET_TOWNS}`,
  );
  await seedDemoDashboard(t.db);
  const first = await counts();
  await seedDemoDashboard(t.db);
  assert.deepEqual(await counts(), first, 'the second run changes no row counts');
  assert.ok(first.assistance_records > 0 && first.population_targets > 0);

  // Targets for every year and every town with people; coverage just over 100%.
  const missing = await rows(sql`
    select y.year, p.town_code from people p join towns t on t.code = p.town_code
    cross join generate_series(${YEAR - 2}::int, ${YEAR}::int) as y(year)
    where t.district_code = '371003'
      and not exists (select 1 from population_targets g where g.year = y.year and g.town_code = p.town_code)`);
  assert.deepEqual(missing, [], 'every town with people has targets for the three years');
  const cov = await one<{ insured: number; resident: number; insured_target: number }>(sql`
    select (select count(distinct e.person_id) from enrollments e join people p on p.id = e.person_id
        join towns t on t.code = p.town_code
        where e.year = ${YEAR} and e.status = 'active' and t.district_code = '371003')::int as insured,
      (select sum(resident_population) from population_targets where year = ${YEAR})::int as resident,
      (select sum(insured_target) from population_targets where year = ${YEAR})::int as insured_target`);
  const coverage = cov.insured / cov.resident;
  assert.ok(coverage > 1 && coverage < 1.015, `coverage ${coverage}`);
  assert.ok(cov.insured_target < cov.insured, 'task completion over 100%');

  // Twelve months of assistance, split like seed 004.
  const months = await one<{ n: number }>(
    sql`select count(distinct to_char(settlement_date, 'YYYY-MM'))::int as n from assistance_records where ${STANDING}`,
  );
  assert.equal(months.n, 12);
  const split = await one<{ inp_money: number; money: number; out_n: number; n: number }>(sql`
    select sum(assistance_fen) filter (where med_type = 'inpatient')::float8 as inp_money,
      sum(assistance_fen)::float8 as money,
      count(*) filter (where med_type = 'outpatient')::int as out_n, count(*)::int as n
    from assistance_records where ${STANDING}`);
  const inpatientShare = split.inp_money / split.money;
  assert.ok(inpatientShare > 0.7 && inpatientShare < 0.9, `inpatient share of the money ${inpatientShare}`);
  assert.ok(split.out_n / split.n > 0.6, `outpatient share of the 人次 ${split.out_n / split.n}`);
  const bad = await rows(sql`
    select settlement_id from assistance_records
    where (${STANDING} and not (total_fen >= policy_range_fen and policy_range_fen >= assistance_fen and assistance_fen > 0))
      or year <> extract(year from settlement_date) or settlement_date > ${shanghaiDate()}::date
      or institution_name not in (select name from hospitals)`);
  assert.deepEqual(bad, [], 'amounts ordered, year and date consistent, demo hospitals');
  const reversals = await rows<{ ok: boolean }>(sql`
    select o.reversed_by_id = r.id as ok from assistance_records r
    join assistance_records o on o.settlement_id = r.init_settlement_id where r.kind = 'reversal'`);
  assert.ok(reversals.length >= 1 && reversals.every((r) => r.ok), 'reversals cancel their originals');
  const capped = await one<{ n: number }>(sql`select count(*)::int as n from assistance_records where cap_exceeded`);
  assert.ok(capped.n >= 1, 'one record passes the annual cap');

  // Cases in every state, spread over the months, none added in the e2e's towns.
  const monthNow = Number(shanghaiDate().slice(5, 7));
  const spread = await one<{ opened: number; closed: number; overdue: number; ahead: number }>(sql`
    select count(distinct to_char(opened_at at time zone 'Asia/Shanghai', 'MM'))::int as opened,
      count(distinct to_char(closed_at at time zone 'Asia/Shanghai', 'MM'))::int as closed,
      count(*) filter (where status = 'open' and due_date < current_date)::int as overdue,
      count(*) filter (where status = 'open' and due_date >= current_date)::int as ahead
    from cases where year = ${YEAR}`);
  assert.ok(spread.opened >= Math.min(6, monthNow), `opened over ${spread.opened} months`);
  assert.ok(spread.closed >= Math.min(6, monthNow), `closed over ${spread.closed} months`);
  assert.ok(spread.overdue >= 1 && spread.ahead >= 1, 'open cases overdue and due ahead');
  const closed = await rows<{ close_reason: string; evidence: number; closed_by: number | null }>(sql`
    select c.close_reason::text, c.closed_by,
      (select count(*) from case_evidence v where v.case_id = c.id)::int as evidence
    from cases c where c.status = 'closed'`);
  assert.ok(new Set(closed.map((c) => c.close_reason)).size >= 4, 'several close reasons');
  for (const c of closed) {
    assert.ok(c.closed_by, 'closed by a staff user');
    if (c.close_reason !== 'enrolled') assert.ok(c.evidence >= 1, `${c.close_reason} has its evidence`);
  }
  const quietAfter = await one<{ n: number }>(
    sql`select count(*)::int as n from cases where town_code in ${QUIET_TOWNS}`,
  );
  assert.equal(quietAfter.n, quietBefore.n, 'no cases added in 龙山路街道 or 天福路街道');

  // Spot checks: the dashboard's compliance has figures, with hospital names; none at 威海市中心医院
  // (e2e/spot-checks.spec.ts reads that hospital's rate); the newest draw is not finished.
  const supervisor = await sessionUser(t.db, 'supervisor');
  const r = await dashboardCertificationsOp.run(supervisor, { year: YEAR }, { db: t.db });
  assert.ok(r.ok, r.ok ? '' : r.error);
  const spots = r.data.spotChecks;
  assert.equal(spots.length, 3, JSON.stringify(spots));
  for (const h of spots) {
    assert.ok(h.hospitalName && h.hospitalName !== '威海市中心医院', h.hospitalName);
    assert.ok(h.checked >= 2 && h.complianceRate !== null, h.hospitalName);
  }
  assert.ok(spots.some((h) => h.nonCompliant > 0) && spots.some((h) => h.unchecked > 0));
  const rate = r.data.totals.spotComplianceRate;
  assert.ok(rate !== null && rate > 0.6 && rate < 1, `compliance ${rate}`);
});
