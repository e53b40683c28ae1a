/**
 * 医疗救助 reads, every one scoped by the record's town (townScopeCondition). The list's totals are
 * computed over ALL matching rows, not one page, and are what the dashboard cards must equal:
 * - total: records listed (settlements that stand, cancelled originals and reversals alike);
 * - personTimes (人次): settlements that stand (kind = 'settlement' and reversed_by_id is null);
 * - people (人数): distinct people with a settlement that stands;
 * - assistanceFen (金额): the sum of MAF_PAY over settlements that stand; inpatientFen / outpatientFen
 *   the same split by medical type (they add up to assistanceFen).
 * The month range filters by the record's own settlement date within the year.
 */
import { and, desc, eq, gte, ilike, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AreaScope } from '@/lib/auth/types';
import { ASSISTANCE_ANNUAL_CAP_FEN, type MedType } from '@/lib/domain/assistance';
import type { Executor } from '../index';
import { assistanceRecords as ar, people, towns } from '../schema';
import { townScopeCondition } from './scope';

export interface AssistanceFilter {
  year: number;
  townCode?: string;
  /** 1–12 within the year, inclusive. */
  monthFrom?: number;
  monthTo?: number;
  medType?: MedType;
  /** A 人员类别 key, or 'none' for people on no list of the year. */
  category?: string;
  capExceeded?: boolean;
  /** Part of the person's name. */
  name?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The WHERE of the list, its totals and its export. */
export function assistanceWhere(scope: AreaScope, f: AssistanceFilter): SQL | undefined {
  const from = f.monthFrom ?? 1;
  const to = f.monthTo ?? 12;
  const end = to === 12 ? `${f.year + 1}-01-01` : `${f.year}-${pad(to + 1)}-01`;
  return and(
    townScopeCondition(ar.townCode, scope),
    eq(ar.year, f.year),
    from > 1 ? gte(ar.settlementDate, `${f.year}-${pad(from)}-01`) : undefined,
    to < 12 ? lt(ar.settlementDate, end) : undefined,
    f.townCode ? eq(ar.townCode, f.townCode) : undefined,
    f.medType ? eq(ar.medType, f.medType) : undefined,
    f.category === 'none' ? isNull(ar.category) : f.category ? eq(ar.category, f.category) : undefined,
    f.capExceeded === undefined ? undefined : eq(ar.capExceeded, f.capExceeded),
    f.name ? ilike(people.name, `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
}

/** A settlement that stands: not a reversal, not cancelled by one. */
export const STANDS = sql`(${ar.kind} = 'settlement' and ${ar.reversedById} is null)`;

const reversal = alias(ar, 'reversal');

const rowColumns = {
  id: ar.id,
  settlementId: ar.settlementId,
  kind: ar.kind,
  initSettlementId: ar.initSettlementId,
  reversedById: ar.reversedById,
  reversedBySettlementId: reversal.settlementId,
  personId: ar.personId,
  personName: people.name,
  idNumber: people.idNumber,
  birthDate: people.birthDate,
  townCode: ar.townCode,
  townName: towns.name,
  category: ar.category,
  year: ar.year,
  settlementDate: ar.settlementDate,
  medType: ar.medType,
  institutionCode: ar.institutionCode,
  institutionName: ar.institutionName,
  totalFen: ar.totalFen,
  policyRangeFen: ar.policyRangeFen,
  assistanceFen: ar.assistanceFen,
  capExceeded: ar.capExceeded,
  source: ar.source,
  note: ar.note,
  updatedAt: ar.updatedAt,
};

function baseQuery(db: Executor, where: SQL | undefined) {
  return db
    .select(rowColumns)
    .from(ar)
    .innerJoin(people, eq(people.id, ar.personId))
    .innerJoin(towns, eq(towns.code, ar.townCode))
    .leftJoin(reversal, eq(reversal.id, ar.reversedById))
    .where(where)
    .orderBy(desc(ar.settlementDate), desc(ar.id));
}

export type AssistanceRow = Awaited<ReturnType<typeof baseQuery>>[number];

/** One page of the list. */
export function assistancePage(db: Executor, scope: AreaScope, f: AssistanceFilter, page: number, pageSize: number) {
  return baseQuery(db, assistanceWhere(scope, f))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
}

/** Every matching row (the export), at most `limit`. */
export function assistanceAll(db: Executor, scope: AreaScope, f: AssistanceFilter, limit: number) {
  return baseQuery(db, assistanceWhere(scope, f)).limit(limit);
}

/** The totals over all matching rows (see the header of this file). */
export async function assistanceTotalsOf(db: Executor, scope: AreaScope, f: AssistanceFilter) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      personTimes: sql<number>`(count(*) filter (where ${STANDS}))::int`,
      people: sql<number>`(count(distinct ${ar.personId}) filter (where ${STANDS}))::int`,
      assistanceFen: sql<number>`coalesce(sum(${ar.assistanceFen}) filter (where ${STANDS}), 0)::bigint`,
      inpatientFen: sql<number>`coalesce(sum(${ar.assistanceFen}) filter (where ${STANDS} and ${ar.medType} = 'inpatient'), 0)::bigint`,
      outpatientFen: sql<number>`coalesce(sum(${ar.assistanceFen}) filter (where ${STANDS} and ${ar.medType} = 'outpatient'), 0)::bigint`,
    })
    .from(ar)
    .innerJoin(people, eq(people.id, ar.personId))
    .where(assistanceWhere(scope, f));
  return {
    total: row.total,
    personTimes: row.personTimes,
    people: row.people,
    assistanceFen: Number(row.assistanceFen),
    inpatientFen: Number(row.inpatientFen),
    outpatientFen: Number(row.outpatientFen),
  };
}

/** One record in the scope, or null. */
export async function assistanceRecordInScope(db: Executor, scope: AreaScope, id: number) {
  const [row] = await db
    .select()
    .from(ar)
    .where(and(eq(ar.id, id), townScopeCondition(ar.townCode, scope)));
  return row ?? null;
}

/**
 * People over the annual cap in a year: every person with a record in the scope whose standing
 * assistance of the year (all their records, 住院 and 门诊 together) passes the cap, with the total,
 * the excess over the cap, their 人次 and the records flagged.
 */
export async function peopleOverCap(db: Executor, scope: AreaScope, year: number, townCode?: string) {
  const inScope = and(townScopeCondition(ar.townCode, scope), townCode ? eq(ar.townCode, townCode) : undefined);
  const rows = await db.execute<{
    person_id: number;
    name: string;
    id_number: string;
    birth_date: string;
    town_code: string;
    town_name: string;
    category: string | null;
    total_fen: string;
    person_times: number;
    flagged: number;
  }>(sql`
    select p.id as person_id, p.name, p.id_number, p.birth_date::text as birth_date, t.code as town_code,
      t.name as town_name, y.category, y.total_fen, y.person_times, y.flagged
    from (
      select person_id, sum(assistance_fen) as total_fen, count(*)::int as person_times,
        (count(*) filter (where cap_exceeded))::int as flagged,
        (array_agg(category order by settlement_date desc, id desc))[1] as category,
        (array_agg(town_code order by settlement_date desc, id desc))[1] as town_code
      from assistance_records
      where year = ${year} and kind = 'settlement' and reversed_by_id is null
        and person_id in (select ${ar.personId} from ${ar} where ${ar.year} = ${year} ${inScope ? sql`and ${inScope}` : sql``})
      group by person_id
      having sum(assistance_fen) > ${ASSISTANCE_ANNUAL_CAP_FEN}) y
    join people p on p.id = y.person_id
    join towns t on t.code = y.town_code
    order by y.total_fen desc, p.id`);
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    idNumber: r.id_number,
    birthDate: r.birth_date,
    townCode: r.town_code,
    townName: r.town_name,
    category: r.category,
    totalFen: Number(r.total_fen),
    excessFen: Number(r.total_fen) - ASSISTANCE_ANNUAL_CAP_FEN,
    personTimes: r.person_times,
    flaggedRecords: r.flagged,
  }));
}
