/**
 * Every card and chart number of the dashboards equals the list it drills into (opened through
 * that list's own operation with the drill's URL query), for district staff and a town's staff;
 * town staff see their town only; hospital users are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { SessionUser } from '@/lib/auth/types';
import { dashboardAssistanceOp } from '@/lib/operations/dashboard-assistance';
import { dashboardCasesOp } from '@/lib/operations/dashboard-cases';
import { dashboardCertificationsOp } from '@/lib/operations/dashboard-certifications';
import { dashboardCoverageOp } from '@/lib/operations/dashboard-coverage';
import { dashboardListCoverageOp } from '@/lib/operations/dashboard-lists';
import { dashboardSubsidiesOp } from '@/lib/operations/dashboard-subsidies';
import { dashboardExportOp } from '@/lib/operations/dashboard-export';
import { callAs, refused } from './subsidies-fixtures';
import { dashboardFixtures, drillTotal, LONGSHAN, TIANFU, YEAR } from './dashboard-fixtures';
import { createTestDb, type TestDb } from './helpers';

let t: TestDb;
let staff: SessionUser;
let town: SessionUser;
let hospital: SessionUser;
before(async () => {
  t = await createTestDb({ people: 300 });
  const s = await dashboardFixtures(t.db);
  ({ staff, townStaff: town, hospital } = s);
});
after(() => t.close());

/** A list of town codes as SQL parameters, for `in (…)`. */
const codes = (list: string[]) =>
  sql.join(
    list.map((c) => sql`${c}`),
    sql`, `,
  );

const views = () => [
  { who: 'district staff', user: staff, filters: { year: YEAR } },
  { who: 'district staff, one town', user: staff, filters: { year: YEAR, townCode: TIANFU } },
  { who: 'district staff, May–August', user: staff, filters: { year: YEAR, monthFrom: 5, monthTo: 8 } },
  { who: 'town staff', user: town, filters: { year: YEAR } },
];

describe('coverage', () => {
  test('insured per town and in total = the person list (year, town, 参保); ratios over the targets; 扩面 by SQL', async () => {
    for (const v of views()) {
      const d = await callAs(t.db).ok(dashboardCoverageOp, v.user, v.filters);
      assert.ok(d.towns.length > 0, v.who);
      for (const row of d.towns)
        assert.equal(await drillTotal(t.db, v.user, row.drill), row.insured, `${v.who} ${row.townName}`);
      assert.equal(await drillTotal(t.db, v.user, d.totals.drill), d.totals.insured, v.who);
      // 扩面 per town and in total = the person list with the 扩面 filter (year, town)
      for (const row of d.towns)
        assert.equal(
          await drillTotal(t.db, v.user, row.expansionDrill),
          row.expansion,
          `${v.who} 扩面 ${row.townName}`,
        );
      assert.equal(await drillTotal(t.db, v.user, d.totals.expansionDrill), d.totals.expansion, `${v.who} 扩面`);
      // the filter tells: some insured people were insured the year before too
      assert.ok(d.totals.expansion > 0 && d.totals.expansion < d.totals.insured, `${v.who} 扩面 ⊂ 参保`);
      const [{ n }] = await t.db.execute<{ n: number }>(sql`
        select count(distinct e.person_id)::int as n from enrollments e join people p on p.id = e.person_id
        where e.year = ${YEAR} and e.status = 'active' and p.town_code in (${codes(d.towns.map((r) => r.townCode))})
          and not exists (select 1 from enrollments e0 where e0.person_id = e.person_id and e0.year = ${YEAR - 1} and e0.status = 'active')`);
      assert.equal(d.totals.expansion, n, v.who);
      if (v.user === town)
        assert.deepEqual(
          d.towns.map((r) => r.townCode),
          [LONGSHAN],
        );
    }
    const d = await callAs(t.db).ok(dashboardCoverageOp, staff, { year: YEAR });
    const longshan = d.towns.find((r) => r.townCode === LONGSHAN)!;
    assert.equal(longshan.residentPopulation, 120);
    assert.equal(longshan.coverageRate, Math.round((longshan.insured / 120) * 10_000) / 10_000);
    assert.equal(d.totals.residentPopulation, 210);
    const tianfu = d.towns.find((r) => r.townCode === TIANFU)!;
    // ratios over the towns with figures only: 环山路街道's people are insured, but in no ratio
    assert.equal(d.totals.insuredWithFigures, longshan.insured + tianfu.insured);
    assert.equal(d.totals.coverageRate, Math.round(((longshan.insured + tianfu.insured) / 210) * 10_000) / 10_000);
    assert.ok(d.totals.insured > d.totals.insuredWithFigures);
    assert.equal(d.totals.townsWithoutFigures, d.towns.length - 2);
  });
});

describe('poverty-list coverage', () => {
  test('per source and per source × town, rows and every class = the list page with the same filters', async () => {
    for (const v of views()) {
      const d = await callAs(t.db).ok(dashboardListCoverageOp, v.user, v.filters);
      assert.equal(d.sources.length, 2, v.who); // 特困 (latest of two versions) and 扶贫
      for (const row of [...d.sources, ...d.sources.flatMap((s) => s.towns)]) {
        assert.equal(await drillTotal(t.db, v.user, row.drill), row.rows, v.who);
        for (const [k, target] of Object.entries(row.drills))
          assert.equal(await drillTotal(t.db, v.user, target), row[k as keyof typeof row.drills], `${v.who} ${k}`);
      }
      if (v.user === town) assert.ok(d.towns.every((r) => r.townCode === LONGSHAN));
    }
  });
  test('listed people per town and in total, enrolled and not = the person list (year, town, 名单人员, 参保)', async () => {
    for (const v of views()) {
      const d = await callAs(t.db).ok(dashboardListCoverageOp, v.user, v.filters);
      assert.ok(d.towns.length > 0, v.who);
      for (const row of d.towns) {
        const who = `${v.who} ${row.townName}`;
        assert.equal(await drillTotal(t.db, v.user, row.drill), row.people, who);
        assert.equal(await drillTotal(t.db, v.user, row.drills.enrolled), row.enrolled, `${who} 已参保`);
        assert.equal(await drillTotal(t.db, v.user, row.drills.notEnrolled), row.notEnrolled, `${who} 未参保`);
      }
      const x = d.totals;
      assert.equal(await drillTotal(t.db, v.user, x.drill), x.listedPeople, v.who);
      assert.equal(await drillTotal(t.db, v.user, x.drills.enrolled), x.enrolledPeople, `${v.who} 已参保`);
      assert.equal(await drillTotal(t.db, v.user, x.drills.notEnrolled), x.notEnrolledPeople, `${v.who} 未参保`);
      // the filter tells: the scope holds people on no list
      const everyone = await drillTotal(t.db, v.user, { path: '/persons', query: { year: String(YEAR) } });
      assert.ok(x.listedPeople > 0 && x.listedPeople < everyone, v.who);
    }
  });
});

describe('销号 cases', () => {
  test('open / closed / overdue per town and in total = the worklist; the burn-down adds up', async () => {
    for (const v of views()) {
      const d = await callAs(t.db).ok(dashboardCasesOp, v.user, v.filters);
      for (const row of [...d.towns, d.totals])
        for (const k of ['open', 'closed', 'overdue'] as const)
          assert.equal(await drillTotal(t.db, v.user, row.drills[k]), row[k], `${v.who} ${k}`);
      const last = d.months.at(-1)!;
      assert.equal(last.openAtEnd, d.totals.openAtPeriodStart + d.totals.openedInPeriod - d.totals.closedInPeriod);
      // open at the period's start, counted by SQL from the cases themselves
      const start = `${YEAR}-${String(v.filters.monthFrom ?? 1).padStart(2, '0')}-01 00:00:00+08`;
      const townOf = v.user.townCode ?? v.filters.townCode;
      const [{ n }] = await t.db.execute<{ n: number }>(sql`
        select count(*)::int as n from cases
        where opened_at < ${start}::timestamptz and (closed_at is null or closed_at >= ${start}::timestamptz)
          ${townOf ? sql`and town_code = ${townOf}` : sql``}`);
      assert.equal(d.totals.openAtPeriodStart, n, `${v.who} 期初未销号`);
      // each month's opened and closed = the worklist (every status) with that month's date filter
      for (const m of d.months) {
        assert.equal(await drillTotal(t.db, v.user, m.drills.opened), m.opened, `${v.who} ${m.label} 新增`);
        assert.equal(await drillTotal(t.db, v.user, m.drills.closed), m.closed, `${v.who} ${m.label} 销号`);
        assert.deepEqual(m.drill, m.drills.opened);
      }
      const k = d.totals;
      assert.equal(await drillTotal(t.db, v.user, k.drills.openedInPeriod), k.openedInPeriod, `${v.who} 期内新增`);
      assert.equal(await drillTotal(t.db, v.user, k.drills.closedInPeriod), k.closedInPeriod, `${v.who} 期内销号`);
    }
    const d = await callAs(t.db).ok(dashboardCasesOp, staff, { year: YEAR });
    assert.deepEqual(
      d.months.slice(0, 6).map((m) => [m.opened, m.closed]),
      [
        [1, 0],
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 1],
        [1, 1],
      ],
    );
    assert.ok(d.totals.overdue >= 1);
  });
});

describe('certifications', () => {
  test('filings by hospital, by disease and per status = the certification list (hospital/disease, dates, town)', async () => {
    for (const v of views()) {
      const d = await callAs(t.db).ok(dashboardCertificationsOp, v.user, v.filters);
      for (const row of [...d.hospitals, ...d.diseases, d.totals]) {
        assert.equal(await drillTotal(t.db, v.user, row.drill), row.filed, v.who);
        for (const [k, target] of Object.entries(row.drills))
          assert.equal(await drillTotal(t.db, v.user, target), row[k as keyof typeof row.drills], `${v.who} ${k}`);
      }
      assert.ok(d.totals.filed > 0, v.who);
    }
  });
  test('spot-check compliance per hospital carries the hospital name', async () => {
    const d = await callAs(t.db).ok(dashboardCertificationsOp, staff, { year: YEAR });
    assert.deepEqual(
      d.spotChecks.map((h) => [h.hospitalName, h.checked, h.compliant, h.complianceRate]),
      [['威海市中心医院', 2, 1, 0.5]],
    );
    const central = d.hospitals.find((h) => h.hospitalId === d.spotChecks[0].hospitalId)!;
    assert.equal(central.spotChecked, 2);
    assert.equal(d.totals.spotComplianceRate, 0.5);
  });
});

describe('医疗救助', () => {
  test('人次, 人数 and 元 by month, category, town and in total = assistance.list totals', async () => {
    for (const v of views()) {
      const d = await callAs(t.db).ok(dashboardAssistanceOp, v.user, v.filters);
      for (const row of [...d.months, ...d.categories, ...d.towns, d.totals])
        for (const k of ['personTimes', 'people', 'assistanceFen'] as const)
          assert.equal(await drillTotal(t.db, v.user, row.drill, k), row[k], `${v.who} ${k}`);
      assert.equal(await drillTotal(t.db, v.user, d.totals.inpatientDrill, 'assistanceFen'), d.totals.inpatientFen);
      assert.equal(await drillTotal(t.db, v.user, d.totals.outpatientDrill, 'assistanceFen'), d.totals.outpatientFen);
      assert.equal(await drillTotal(t.db, v.user, d.totals.overCapDrill, 'people'), d.totals.peopleOverCap);
    }
    const d = await callAs(t.db).ok(dashboardAssistanceOp, staff, { year: YEAR });
    // the reversed 环山路 settlement counts nowhere; 5 settlements stand
    assert.equal(d.totals.personTimes, 5);
    assert.equal(d.totals.assistanceFen, 800_000 + 12_000 + 9_000 + 15_000 + 420_000);
    assert.equal(d.totals.inpatientFen + d.totals.outpatientFen, d.totals.assistanceFen);
    assert.equal(d.totals.peopleOverCap, 1);
    const mine = await callAs(t.db).ok(dashboardAssistanceOp, town, { year: YEAR });
    assert.deepEqual(
      mine.towns.map((r) => r.townCode),
      [LONGSHAN],
    );
    assert.equal(mine.totals.personTimes, 3);
  });
});

describe('subsidies', () => {
  test('refunds by status = the refund list; people and 元 = the approved lines', async () => {
    for (const v of views()) {
      const d = await callAs(t.db).ok(dashboardSubsidiesOp, v.user, v.filters);
      for (const row of d.refunds) {
        assert.equal(await drillTotal(t.db, v.user, row.drill), row.count, v.who);
        assert.equal(await drillTotal(t.db, v.user, row.drill, 'refundFen'), row.amountFen, v.who);
      }
      assert.equal(await drillTotal(t.db, v.user, d.totals.refundsDrill), d.totals.refundCount, v.who);
      assert.equal(await drillTotal(t.db, v.user, d.totals.refundsDrill, 'refundFen'), d.totals.refundFen, v.who);
      // people and 元 by category, by town and in total = the approved lines across batches (and of each settlement)
      for (const row of [...d.categories, ...d.towns]) {
        const who = `${v.who} ${'category' in row ? row.categoryLabel : row.townName}`;
        assert.equal(await drillTotal(t.db, v.user, row.drill, 'people'), row.people, who);
        assert.equal(await drillTotal(t.db, v.user, row.drill, 'amountFen'), row.amountFen, who);
        assert.equal(await drillTotal(t.db, v.user, row.drills.refundFen, 'amountFen'), row.refundFen, `${who} 退费`);
        assert.equal(await drillTotal(t.db, v.user, row.drills.fundFen, 'amountFen'), row.fundFen, `${who} 预拨`);
      }
      assert.equal(await drillTotal(t.db, v.user, d.totals.linesDrill, 'people'), d.totals.people, v.who);
      assert.equal(await drillTotal(t.db, v.user, d.totals.linesDrill, 'amountFen'), d.totals.amountFen, v.who);
      const towns = d.towns.map((r) => r.townCode);
      const [x] = await t.db.execute<{ people: number; fen: number }>(sql`
        select count(distinct l.person_id) filter (where l.kind <> 'change')::int as people, coalesce(sum(l.amount_fen), 0)::int as fen
        from subsidy_lines l join subsidy_batches b on b.id = l.batch_id
        where b.status = 'approved' and l.year = ${YEAR} and l.town_code in (${codes(towns.length ? towns : ['-'])})`);
      assert.equal(d.totals.people, x.people, v.who);
      assert.equal(d.totals.amountFen, x.fen, v.who);
      assert.ok(d.totals.people > 0, v.who);
      if (v.user === town) assert.deepEqual(towns, [LONGSHAN]);
    }
    // the town filters tell: the district's figures are more than one town's
    const all = await callAs(t.db).ok(dashboardSubsidiesOp, staff, { year: YEAR });
    const one = await callAs(t.db).ok(dashboardSubsidiesOp, staff, { year: YEAR, townCode: TIANFU });
    assert.ok(one.totals.refundCount < all.totals.refundCount, '退费：一个镇街少于全区');
    assert.ok(one.totals.people > 0 && one.totals.people < all.totals.people, '资助人数：一个镇街少于全区');
  });
});

describe('access', () => {
  test('hospital users are refused every panel and the export', async () => {
    for (const op of [
      dashboardCoverageOp,
      dashboardListCoverageOp,
      dashboardCasesOp,
      dashboardCertificationsOp,
      dashboardAssistanceOp,
      dashboardSubsidiesOp,
    ])
      refused(await op.run(hospital, { year: YEAR }, { db: t.db }), 403);
    refused(await dashboardExportOp.run(hospital, { panel: 'coverage', year: YEAR }, { db: t.db }), 403);
  });
  test('a town staff member asking for another town gets nothing of it', async () => {
    const d = await callAs(t.db).ok(dashboardCoverageOp, town, { year: YEAR, townCode: TIANFU });
    assert.deepEqual(d.towns, []);
    const a = await callAs(t.db).ok(dashboardAssistanceOp, town, { year: YEAR, townCode: TIANFU });
    assert.equal(a.totals.personTimes, 0);
  });
});
