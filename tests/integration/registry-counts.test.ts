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

const ACTIVE = (year: number) => sql`from enrollments e where e.person_id = p.id and e.year = ${year} and e.status = 'active'`;
const REAL: Record<YearStatus | 'all', (year: number) => ReturnType<typeof sql>> = {
  all: () => sql`true`,
  enrolled: (y) => sql`exists (select 1 ${ACTIVE(y)})`,
  resident: (y) => sql`exists (select 1 ${ACTIVE(y)} and e.scheme = 'resident')`,
  employee: (y) => sql`exists (select 1 ${ACTIVE(y)} and e.scheme = 'employee')`,
  duplicate: (y) => sql`(select count(*) ${ACTIVE(y)}) >= 2`,
  not_enrolled: (y) => sql`not exists (select 1 ${ACTIVE(y)})`,
};

async function assertTotalsExact(label: string) {
  const scopes: AreaScope[] = [{ level: 'area' }, { level: 'district', districtCode: '371003' }, { level: 'town', districtCode: '371003', townCode: '371003001' }];
  for (const scope of scopes) {
    for (const status of ['all', ...Object.keys(YEAR_STATUS_LABELS)] as (YearStatus | 'all')[]) {
      const q = personListQuerySchema.parse({ year: YEAR, status: status === 'all' ? undefined : status });
      const { total } = await listPeople(t.db, scope, q);
      const town = scope.level === 'town' ? sql`p.town_code = ${scope.townCode}` : sql`true`;
      const [{ n }] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from people p where ${town} and ${REAL[status](YEAR)}`);
      assert.equal(total, n, `${label}: ${scope.level} ${status}`);
    }
  }
}

test('after the bulk seed', () => assertTotalsExact('seed'));

test('after adding a second scheme (重复参保), suspending one, and moving a person to another town', async () => {
  const [emp] = await t.db.select().from(enrollments).where(and(eq(enrollments.year, YEAR), eq(enrollments.scheme, 'employee'), eq(enrollments.status, 'active'))).limit(1);
  await t.db.insert(enrollments).values({ personId: emp.personId, year: YEAR, scheme: 'resident', tier: 'tier1', status: 'active', paidFen: 45000 });
  await assertTotalsExact('duplicate added');
  await t.db.update(enrollments).set({ status: 'suspended' }).where(eq(enrollments.id, emp.id));
  await assertTotalsExact('suspended');
  await t.db.update(people).set({ townCode: '371003001' }).where(eq(people.id, emp.personId));
  await assertTotalsExact('moved town');
  await t.db.delete(enrollments).where(eq(enrollments.personId, emp.personId));
  await assertTotalsExact('deleted enrollments');
});
