/**
 * The person list's surname search and the 销号 worklist read a page as the first entries of an index
 * range in the list's order, never as a sort of every matching row (bench:load, issue 13 §3: over 1M
 * people a surname search took 0.5 s of database time and a worklist page 0.2 s).
 *
 * Sorting is switched off for the EXPLAIN: Postgres then sorts only if no index can give the order,
 * so a Sort node means the index is missing or the query cannot use it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rawClient } from '@/db';
import { casePageQuery, listCases } from '@/db/queries/cases';
import { listPeople, personPageQuery } from '@/db/queries/persons';
import type { AreaScope } from '@/lib/auth/types';
import { personListQuerySchema } from '@/lib/schemas/persons';
import { createTestDb, type TestDb } from './helpers';

let t: TestDb;
const YEAR = new Date().getFullYear();
const DISTRICT: AreaScope = { level: 'district', districtCode: '371003' };
const TOWN: AreaScope = { level: 'town', districtCode: '371003', townCode: '371003001' };

before(async () => {
  t = await createTestDb({ people: 600 });
});
after(() => t.close());

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** The plan of a drizzle query, sorting disabled. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<PlanNode[]> {
  const { sql: text, params } = query.toSQL();
  const rows = await rawClient(t.db).begin(async (tx) => {
    await tx.unsafe('set local enable_sort = off');
    return tx.unsafe(`explain (format json) ${text}`, params as never[]);
  });
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    n.Plans?.forEach(walk);
  };
  walk((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan);
  return nodes;
}

const compare = (a: { name: string; id: number }, b: { name: string; id: number }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;

test('a surname search is a range of people_name_c_idx in list order, for the district and a town', async () => {
  for (const scope of [DISTRICT, TOWN]) {
    const q = personListQuerySchema.parse({ year: YEAR, name: '王' });
    const nodes = await planOf(personPageQuery(t.db, scope, q));
    const scan = nodes.find((n) => n['Index Name'] === 'people_name_c_idx');
    assert.ok(scan?.['Index Cond'], `${scope.level}: people_name_c_idx with an index condition`);
    assert.ok(!nodes.some((n) => n['Node Type'] === 'Sort'), `${scope.level}: no sort of the matches`);
  }
});

test('a surname search finds exactly the people of the scope whose name starts with it, in name then id order', async () => {
  const all = await t.db.execute<{ id: number; name: string; town_code: string }>(
    sql`select id, name, town_code from people where town_code like '371003%'`,
  );
  // The commonest surname in the town (so both scopes find people).
  const inTown = [...all].filter((p) => p.town_code === TOWN.townCode).map((p) => p.name[0]);
  const surname = [...new Set(inTown)].sort(
    (a, b) => inTown.filter((x) => x === b).length - inTown.filter((x) => x === a).length,
  )[0];
  for (const scope of [DISTRICT, TOWN]) {
    const expected = [...all]
      .filter((p) => p.name.startsWith(surname) && (scope.level !== 'town' || p.town_code === scope.townCode))
      .sort(compare);
    assert.ok(expected.length > 0, `demo people named ${surname}… in ${scope.level}`);
    const q = personListQuerySchema.parse({ year: YEAR, name: surname, pageSize: 100 });
    const page = await listPeople(t.db, scope, q);
    assert.equal(page.total, expected.length);
    assert.deepEqual(
      page.data.map((p) => p.id),
      expected.slice(0, 100).map((p) => p.id),
    );
  }
});

test('a worklist page is the first entries of cases_worklist_order_idx, whatever the status filter', async () => {
  for (const status of ['open', 'closed', undefined] as const) {
    for (const scope of [DISTRICT, TOWN]) {
      const nodes = await planOf(casePageQuery(t.db, scope, { status, page: 1, pageSize: 20 }, '2026-01-01'));
      assert.ok(
        nodes.some((n) => n['Index Name'] === 'cases_worklist_order_idx'),
        `${status ?? 'all'}/${scope.level}: cases_worklist_order_idx`,
      );
      assert.ok(!nodes.some((n) => n['Node Type'] === 'Sort'), `${status ?? 'all'}/${scope.level}: no sort`);
    }
  }
  // The order itself, over 60 cases of the district (a third closed, due dates repeating): open before
  // closed, then due date, then id.
  await t.db.execute(sql`
    insert into cases (person_id, year, town_code, kind, status, due_date, close_reason, closed_at)
    select id, ${YEAR}, town_code, 'duplicate', case when n % 3 = 0 then 'closed' else 'open' end::case_status,
      date '2026-03-01' + (n % 7)::int, case when n % 3 = 0 then 'enrolled' end::case_close_reason,
      case when n % 3 = 0 then now() end
    from (select id, town_code, row_number() over (order by id desc) as n from people where town_code like '371003%'
      and id not in (select person_id from cases) order by id desc limit 60) p`);
  const { data } = await listCases(t.db, DISTRICT, { page: 1, pageSize: 500 }, '2026-01-01');
  const key = (c: (typeof data)[number]) => [c.status === 'closed' ? 1 : 0, c.dueDate, c.id] as const;
  for (let i = 1; i < data.length; i++) {
    const [a, b] = [key(data[i - 1]), key(data[i])];
    assert.ok(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))), `order at ${i}`);
  }
  assert.ok(data.length >= 60 && data.some((c) => c.status === 'closed'), 'the cases above');
});
