/** Roster batches: finding, listing, reading and moving them through draft → submitted → approved / returned. */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../index';
import { people, subsidyBatches, subsidyLines, towns, users, type SubsidyBatch } from '../schema';
import { pgArray } from './pg-array';
import { townScopeCondition } from './scope';
import type { BatchScope } from './subsidy-roster';
import type { AreaScope } from '@/lib/auth/types';

/** Batches an area scope sees: its district's, or for a town's staff their town's and their district's whole-district batches (of which they see their town's lines only). */
export function batchVisible(scope: AreaScope): SQL | undefined {
  switch (scope.level) {
    case 'area':
      return undefined;
    case 'district':
      return eq(subsidyBatches.districtCode, scope.districtCode);
    case 'town':
      return sql`(${subsidyBatches.townCode} = ${scope.townCode} or (${subsidyBatches.townCode} is null and ${subsidyBatches.districtCode} = (select district_code from towns where code = ${scope.townCode})))`;
  }
}

/** subsidy_lines as `l` in the raw statements below. */
const l = alias(subsidyLines, 'l');

/** The line condition of an area scope (lines carry their person's town), on `subsidy_lines l`. */
export const lineVisible = (scope: AreaScope) => townScopeCondition(l.townCode, scope);

/** The batch of exactly this year and scope that is not approved yet (at most one by construction), locked. */
export async function lockOpenBatch(db: Executor, year: number, scope: BatchScope): Promise<SubsidyBatch | null> {
  const [row] = await db
    .select()
    .from(subsidyBatches)
    .where(
      and(
        eq(subsidyBatches.year, year),
        eq(subsidyBatches.districtCode, scope.districtCode),
        scope.townCode ? eq(subsidyBatches.townCode, scope.townCode) : isNull(subsidyBatches.townCode),
        sql`${subsidyBatches.status} <> 'approved'`,
      ),
    )
    .for('update');
  return row ?? null;
}

export async function insertBatch(db: Executor, values: typeof subsidyBatches.$inferInsert): Promise<SubsidyBatch> {
  const [row] = await db.insert(subsidyBatches).values(values).returning();
  return row;
}

export async function updateBatch(
  db: Executor,
  id: number,
  values: Partial<typeof subsidyBatches.$inferInsert>,
): Promise<SubsidyBatch> {
  const [row] = await db.update(subsidyBatches).set(values).where(eq(subsidyBatches.id, id)).returning();
  return row;
}

/** One batch visible in the scope, locked for a change of state; null if none. */
export async function lockBatchInScope(db: Executor, scope: AreaScope, id: number): Promise<SubsidyBatch | null> {
  const [row] = await db
    .select()
    .from(subsidyBatches)
    .where(and(eq(subsidyBatches.id, id), batchVisible(scope)))
    .for('update');
  return row ?? null;
}

const preparer = alias(users, 'preparer');
const approver = alias(users, 'approver');
const returner = alias(users, 'returner');
const batchTown = alias(towns, 'batch_town');

/** Totals of a batch's lines within the scope: people (first lines), fen, and the fund and refund parts. */
const totalsOf = (scope: AreaScope) => {
  const visible = lineVisible(scope);
  const where = visible
    ? sql`l.batch_id = ${subsidyBatches.id} and ${visible}`
    : sql`l.batch_id = ${subsidyBatches.id}`;
  return sql<{
    people: number;
    amountFen: number;
    lines: number;
    additions: number;
    changes: number;
    fundFen: number;
    refundFen: number;
  }>`(select json_build_object(
      'people', count(*) filter (where l.kind <> 'change'),
      'amountFen', coalesce(sum(l.amount_fen), 0),
      'lines', count(*),
      'additions', count(*) filter (where l.kind = 'addition'),
      'changes', count(*) filter (where l.kind = 'change'),
      'fundFen', coalesce(sum(l.amount_fen) filter (where l.settlement = 'fund'), 0),
      'refundFen', coalesce(sum(l.amount_fen) filter (where l.settlement = 'refund'), 0))
    from subsidy_lines l where ${where})`;
};

const batchColumns = (scope: AreaScope) => ({
  id: subsidyBatches.id,
  year: subsidyBatches.year,
  districtCode: subsidyBatches.districtCode,
  townCode: subsidyBatches.townCode,
  townName: batchTown.name,
  status: subsidyBatches.status,
  preparedBy: subsidyBatches.preparedBy,
  preparedByName: preparer.displayName,
  generatedAt: subsidyBatches.generatedAt,
  submittedAt: subsidyBatches.submittedAt,
  approvedBy: subsidyBatches.approvedBy,
  approvedByName: approver.displayName,
  approvedAt: subsidyBatches.approvedAt,
  returnedByName: returner.displayName,
  returnedAt: subsidyBatches.returnedAt,
  returnNote: subsidyBatches.returnNote,
  totals: totalsOf(scope),
});

function batchSelect(db: Executor, scope: AreaScope) {
  return db
    .select(batchColumns(scope))
    .from(subsidyBatches)
    .innerJoin(preparer, eq(preparer.id, subsidyBatches.preparedBy))
    .leftJoin(approver, eq(approver.id, subsidyBatches.approvedBy))
    .leftJoin(returner, eq(returner.id, subsidyBatches.returnedBy))
    .leftJoin(batchTown, eq(batchTown.code, subsidyBatches.townCode));
}

/** The batches the scope sees, newest first, optionally of one year and status. */
export function listBatches(
  db: Executor,
  scope: AreaScope,
  filter: { year?: number; status?: SubsidyBatch['status'] },
) {
  return batchSelect(db, scope)
    .where(
      and(
        batchVisible(scope),
        filter.year ? eq(subsidyBatches.year, filter.year) : undefined,
        filter.status ? eq(subsidyBatches.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(subsidyBatches.year), desc(subsidyBatches.id));
}

export async function getBatch(db: Executor, scope: AreaScope, id: number) {
  const [row] = await batchSelect(db, scope).where(and(eq(subsidyBatches.id, id), batchVisible(scope)));
  return row ?? null;
}

/** The stored diff of a batch (kept apart from the list: it can hold a few thousand entries). */
export async function batchDiff(db: Executor, id: number) {
  const [row] = await db.select({ diff: subsidyBatches.diff }).from(subsidyBatches).where(eq(subsidyBatches.id, id));
  return row?.diff ?? null;
}

/** Totals of a batch's visible lines by town and category (people and fen), for the roster's summary. */
export async function batchTotals(db: Executor, scope: AreaScope, id: number) {
  const visible = lineVisible(scope);
  return db.execute<{ town_code: string; town_name: string; category: string; people: number; amount_fen: number }>(sql`
    select l.town_code, t.name as town_name, l.category,
      count(*) filter (where l.kind <> 'change')::int as people, sum(l.amount_fen)::bigint as amount_fen
    from subsidy_lines l join towns t on t.code = l.town_code
    where l.batch_id = ${id} ${visible ? sql`and ${visible}` : sql``}
    group by l.town_code, t.name, l.category order by l.town_code, l.category`);
}

/** What approving a batch moves: the fund's part (additions not yet paid) and the refunds (additions who paid). */
export async function approvalMovements(db: Executor, id: number) {
  const [row] = await db.execute<{ fund_fen: number; refunds: number }>(sql`
    select coalesce(sum(amount_fen) filter (where settlement = 'fund'), 0)::bigint as fund_fen,
      count(*) filter (where settlement = 'refund')::int as refunds
    from subsidy_lines where batch_id = ${id}`);
  return { fundFen: Number(row.fund_fen), refunds: row.refunds };
}

/** The refund records of an approved batch's additions who had paid themselves (待退): the subsidy, at most what they paid. */
export async function insertRefundsOfBatch(db: Executor, id: number) {
  return db.execute<{ id: number; person_id: number; amount_fen: number }>(sql`
    insert into subsidy_refunds (line_id, person_id, town_code, year, amount_fen)
    select id, person_id, town_code, year, least(amount_fen, paid_fen) from subsidy_lines
    where batch_id = ${id} and settlement = 'refund'
    on conflict (line_id) do nothing
    returning id, person_id, amount_fen`);
}

export interface BatchLineQuery {
  page: number;
  pageSize: number;
  townCode?: string;
  category?: string;
  kind?: 'roster' | 'addition' | 'change';
  name?: string;
}

/**
 * A batch's lines in the scope, a page at a time (all of them for an export: pageSize = limit), with
 * the person, the town and the paid status: 已退费 (refund made), 已资助 (batch approved), else the
 * person's own payment: 已缴 or 待缴.
 */
export async function batchLines(db: Executor, scope: AreaScope, id: number, q: BatchLineQuery) {
  const visible = lineVisible(scope);
  const where = sql.join(
    [
      sql`l.batch_id = ${id}`,
      visible,
      q.townCode ? sql`l.town_code = ${q.townCode}` : undefined,
      q.category ? sql`l.category = ${q.category}` : undefined,
      q.kind ? sql`l.kind = ${q.kind}` : undefined,
      q.name ? sql`p.name like ${`${q.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
    ].filter((c): c is SQL => !!c),
    sql` and `,
  );
  const rows = await db.execute<{
    id: number;
    kind: 'roster' | 'addition' | 'change';
    person_id: number;
    name: string;
    id_number: string;
    birth_date: string;
    town_code: string;
    town_name: string;
    category: string;
    source: string;
    tier: 'tier1' | 'tier2';
    age_group: 'adult' | 'minor' | 'student';
    contribution_fen: number;
    amount_fen: number;
    paid_fen: number;
    settlement: 'subsidy' | 'refund' | 'fund';
    ref_line_id: number | null;
    paid_status: 'refunded' | 'subsidized' | 'paid' | 'unpaid';
    refund_status: 'pending' | 'refunded' | 'failed' | null;
    total: number;
  }>(sql`
    select l.id, l.kind, l.person_id, p.name, p.id_number, p.birth_date::text as birth_date, l.town_code, t.name as town_name,
      l.category, l.source, l.tier, l.age_group, l.contribution_fen, l.amount_fen, l.paid_fen, l.settlement, l.ref_line_id,
      case when r.status = 'refunded' then 'refunded' when b.status = 'approved' then 'subsidized'
        when l.paid_fen > 0 then 'paid' else 'unpaid' end as paid_status,
      r.status as refund_status, count(*) over ()::int as total
    from subsidy_lines l join subsidy_batches b on b.id = l.batch_id join people p on p.id = l.person_id
      join towns t on t.code = l.town_code left join subsidy_refunds r on r.line_id = l.id
    where ${where}
    order by l.town_code, l.kind, p.name, l.id
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  return { total: rows[0]?.total ?? 0, rows };
}

/** Names and towns of the people a stored diff names (within the scope). */
export async function peopleOfDiff(db: Executor, scope: AreaScope, personIds: number[]) {
  if (personIds.length === 0) return [];
  const visible = townScopeCondition(alias(people, 'p').townCode, scope);
  return db.execute<{ id: number; name: string; id_number: string; birth_date: string; town_name: string }>(sql`
    select p.id, p.name, p.id_number, p.birth_date::text as birth_date, t.name as town_name
    from people p join towns t on t.code = p.town_code
    where p.id = any(${pgArray(personIds)}::int[]) ${visible ? sql`and ${visible}` : sql``}`);
}
