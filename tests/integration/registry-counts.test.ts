/** The per-town counters behind list totals stay equal to real counts through every kind of write. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { listPeople } from '@/db/queries/persons';
import { enrollments, people } from '@/db/schema';
import type { AreaScope } from '@/lib/auth/types';
import { YEAR_STATUS_LABELS, type YearStatus } from '@/lib/labels';
import { personListQuerySchema } from '@/lib/schemas/persons';
import { createTestDb, type TestDb } from './helpers';

let t: TestDb;
const YEAR = new Date().getFullYear();
before(async () => {
  t = await createTestDb({ people: 600 });
});
after(() => t.close());

const ACTIVE = (year: number) =>
  sql`from enrollments e where e.person_id = p.id and e.year = ${year} and e.status = 'active'`;
const REAL: Record<YearStatus | 'all', (year: number) => ReturnType<typeof sql>> = {
  all: () => sql`true`,
  enrolled: (y) => sql`exists (select 1 ${ACTIVE(y)})`,
  resident: (y) => sql`exists (select 1 ${ACTIVE(y)} and e.scheme = 'resident')`,
  employee: (y) => sql`exists (select 1 ${ACTIVE(y)} and e.scheme = 'employee')`,
  duplicate: (y) => sql`(select count(*) ${ACTIVE(y)}) >= 2`,
  not_enrolled: (y) => sql`not exists (select 1 ${ACTIVE(y)})`,
};

async function assertTotalsExact(label: string) {
  const scopes: AreaScope[] = [
    { level: 'area' },
    { level: 'district', districtCode: '371003' },
    { level: 'town', districtCode: '371003', townCode: '371003001' },
  ];
  for (const scope of scopes) {
    for (const status of ['all', ...Object.keys(YEAR_STATUS_LABELS)] as (YearStatus | 'all')[]) {
      const q = personListQuerySchema.parse({ year: YEAR, status: status === 'all' ? undefined : status });
      const { total } = await listPeople(t.db, scope, q);
      const town = scope.level === 'town' ? sql`p.town_code = ${scope.townCode}` : sql`true`;
      const [{ n }] = await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from people p where ${town} and ${REAL[status](YEAR)}`,
      );
      assert.equal(total, n, `${label}: ${scope.level} ${status}`);
    }
  }
}

test('after the bulk seed', () => assertTotalsExact('seed'));

test('after adding a second scheme (重复参保), suspending one, and moving a person to another town', async () => {
  const [emp] = await t.db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.year, YEAR), eq(enrollments.scheme, 'employee'), eq(enrollments.status, 'active')))
    .limit(1);
  await t.db.insert(enrollments).values({
    personId: emp.personId,
    year: YEAR,
    scheme: 'resident',
    tier: 'tier1',
    status: 'active',
    paidFen: 45000,
  });
  await assertTotalsExact('duplicate added');
  await t.db.update(enrollments).set({ status: 'suspended' }).where(eq(enrollments.id, emp.id));
  await assertTotalsExact('suspended');
  await t.db.update(people).set({ townCode: '371003001' }).where(eq(people.id, emp.personId));
  await assertTotalsExact('moved town');
  await t.db.delete(enrollments).where(eq(enrollments.personId, emp.personId));
  await assertTotalsExact('deleted enrollments');
});

/** The counter table equals a recount from the enrollments (zero rows left by earlier changes aside). */
async function assertCoverageMatchesRecount(label: string) {
  const rows = await t.db.execute<{
    town_code: string;
    year: number;
    resident: number;
    employee: number;
    both_schemes: number;
    source: string;
  }>(sql`
    with stored as (
      select town_code, year, resident, employee, both_schemes from town_year_coverage
      where resident <> 0 or employee <> 0 or both_schemes <> 0),
    recount as (
      select p.town_code, f.year, count(*) filter (where f.r)::int as resident, count(*) filter (where f.em)::int as employee,
             count(*) filter (where f.r and f.em)::int as both_schemes
      from (select person_id, year, bool_or(scheme = 'resident') as r, bool_or(scheme = 'employee') as em
            from enrollments where status = 'active' group by person_id, year) f
      join people p on p.id = f.person_id
      group by p.town_code, f.year)
    (select *, 'stored only' as source from stored except select *, 'stored only' from recount)
    union all
    (select *, 'recount only' from recount except select *, 'recount only' from stored)`);
  assert.deepEqual([...rows], [], label);
}

test('one INSERT statement of many kinds of rows (the registry import path) keeps the counters exact', async () => {
  const next = YEAR + 1; // no counter rows for this year yet
  const pick = async (n: number) =>
    (await t.db.execute<{ id: number }>(sql`select id from people order by id desc limit ${n}`)).map((r) => r.id);
  const [a, b, c, d, e] = await pick(5);
  // Rows that were there before the statement: a has an active employee row, d a suspended one,
  // e an active resident row.
  await t.db.insert(enrollments).values([
    { personId: a, year: next, scheme: 'employee', status: 'active' },
    { personId: d, year: next, scheme: 'employee', status: 'suspended' },
    { personId: e, year: next, scheme: 'resident', tier: 'tier1', status: 'active' },
  ]);
  await assertCoverageMatchesRecount('before the statement');
  await t.db.insert(enrollments).values([
    { personId: a, year: next, scheme: 'resident', tier: 'tier1', status: 'active' }, // a becomes 重复参保
    { personId: b, year: next, scheme: 'resident', tier: 'tier1', status: 'active' }, // b: both schemes in one statement
    { personId: b, year: next, scheme: 'employee', status: 'active' },
    { personId: c, year: next, scheme: 'resident', tier: 'tier2', status: 'suspended' }, // c: not active, no change
    { personId: d, year: next, scheme: 'resident', tier: 'tier1', status: 'active' }, // d: only the new row is active
    { personId: e, year: next, scheme: 'employee', status: 'terminated' }, // e: stays resident only
  ]);
  await assertCoverageMatchesRecount('after one mixed INSERT');
  const [{ both }] = await t.db.execute<{ both: number }>(
    sql`select coalesce(sum(both_schemes), 0)::int as both from town_year_coverage where year = ${next}`,
  );
  assert.equal(both, 2, 'a and b are enrolled in both schemes');
});
