/**
 * Demo data for the supervisors' dashboards (issue 11), for the quick start only
 * (scripts/prepare-db.ts calls it after seedDemoActivity; the integration tests' seedDemo does not):
 * population targets per year × town, twelve months of 医疗救助 records (db/seed-demo-assistance.ts)
 * 销号 cases in every state spread over the year's months (db/seed-demo-cases.ts) and spot checks
 * with verdicts at three hospitals (db/seed-demo-spot-checks.ts), scaled so the
 * figures look like seed 004's at the demo's size: coverage just over 100% (seed 004: 100.59%),
 * expansion ≈ 103% of its target (seed 004: 103.44%), inpatient ≈ 80% of the assistance money and
 * outpatient most of the 人次.
 *
 * Idempotent: targets are inserted on conflict do nothing (an admin's edits stay), the assistance
 * records once (a second run finds them), the cases only for the planned people who have none.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { populationTargets, users } from './schema';
import { seededRandom } from './demo-people';
import { demoActors } from './seed-demo-subsidies';
import { seedDemoAssistance } from './seed-demo-assistance';
import { seedDemoCases } from './seed-demo-cases';
import { seedDemoSpotChecks } from './seed-demo-spot-checks';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

const DISTRICT = '371003';
/** Seed 004: 参保人数 = 100.59% of the resident population; 扩面 = 103.44% of its target. */
const COVERAGE = 1.0059;
const EXPANSION_RATIO = 1.0344;

/** Splits `amount` over `weights` in proportion, by largest remainder (the parts sum to `amount`). */
export function apportion(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0 || amount <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (amount * w) / total);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

interface TownYear {
  year: number;
  townCode: string;
  /** People with an active enrollment in the year. */
  insured: number;
  /** Of them, people with no active enrollment the year before. */
  expansion: number;
}

async function townYears(db: Db, year: number): Promise<{ rows: TownYear[]; hasYearBefore: boolean }> {
  const rows = await db.execute<{ year: number; town_code: string; insured: number; expansion: number }>(sql`
    with ins as (
      select distinct e.person_id, e.year from enrollments e
      where e.status = 'active' and e.year between ${year - 3} and ${year}
    )
    select y.year::int as year, p.town_code, count(i.person_id)::int as insured,
      count(i.person_id) filter (
        where not exists (select 1 from ins j where j.person_id = i.person_id and j.year = y.year - 1)
      )::int as expansion
    from people p join towns t on t.code = p.town_code
    cross join generate_series(${year - 2}::int, ${year}::int) as y(year)
    left join ins i on i.person_id = p.id and i.year = y.year
    where t.district_code = ${DISTRICT}
    group by y.year, p.town_code order by y.year, p.town_code`);
  const [before] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from enrollments where status = 'active' and year = ${year - 3}`,
  );
  return {
    rows: rows.map((r) => ({ year: r.year, townCode: r.town_code, insured: r.insured, expansion: r.expansion })),
    hasYearBefore: (before?.n ?? 0) > 0,
  };
}

/** One year's targets: resident population slightly below the insured, targets a little below the results. */
function targetsOfYear(rows: TownYear[], rnd: () => number) {
  const insured = rows.reduce((s, r) => s + r.insured, 0);
  const gap = Math.round(insured - insured / COVERAGE); // insured − resident population, over the district
  const each = gap >= rows.length ? 1 : 0; // every town just over 100%
  const extra = apportion(
    gap - each * rows.length,
    rows.map((r) => r.insured),
  );
  const expansionTargets = apportion(
    Math.round(rows.reduce((s, r) => s + r.expansion, 0) / EXPANSION_RATIO),
    rows.map((r) => r.expansion),
  );
  return rows.map((r, i) => ({
    year: r.year,
    townCode: r.townCode,
    residentPopulation: Math.max(0, r.insured - each - extra[i]),
    insuredTarget: Math.round(r.insured * (0.97 + 0.02 * rnd())), // task completion 101–103%
    expansionTarget: expansionTargets[i],
  }));
}

/**
 * Population targets for this year and the two before, for every town of the district with demo
 * people. The earliest year has no year before it in the demo registry (everyone would count as
 * 扩面): its expansion is taken at the next year's rate.
 */
async function seedPopulationTargets(db: Db, year: number, adminId: number | null): Promise<void> {
  const { rows, hasYearBefore } = await townYears(db, year);
  const rnd = seededRandom(4004);
  const values = [];
  for (const y of [year - 2, year - 1, year]) {
    let ofYear = rows.filter((r) => r.year === y && r.insured > 0);
    if (y === year - 2 && !hasYearBefore) {
      const next = rows.filter((r) => r.year === y + 1);
      const rate =
        next.reduce((s, r) => s + r.expansion, 0) /
        Math.max(
          1,
          next.reduce((s, r) => s + r.insured, 0),
        );
      ofYear = ofYear.map((r) => ({ ...r, expansion: Math.round(r.insured * rate) }));
    }
    values.push(...targetsOfYear(ofYear, rnd));
  }
  if (values.length === 0) return;
  await db
    .insert(populationTargets)
    .values(values.map((v) => ({ ...v, updatedBy: adminId })))
    .onConflictDoNothing();
}

export async function seedDemoDashboard(db: Db): Promise<void> {
  const actors = await demoActors(db);
  if (!actors) return; // not a demo database
  const year = new Date().getFullYear(); // as seedDemo and seedDemoActivity count the years
  const shanghai = shanghaiDate();
  const today = shanghai.startsWith(String(year)) ? shanghai : `${year}-12-31`;
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.username} = 'admin'`);
  await seedPopulationTargets(db, year, admin?.id ?? null);
  await seedDemoAssistance(db, { today, staffId: actors.staff.id });
  await seedDemoCases(db, { year, today, staffId: actors.staff.id });
  await seedDemoSpotChecks(db, { today: shanghai, supervisorId: actors.supervisor.id });
}
