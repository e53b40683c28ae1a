/**
 * 医疗救助 writes and the look-ups they need: people by ID number, records by settlement id, the
 * person's category of the year, inserts in batches, reversals, and the cap re-check of a person's
 * year (lib/domain/assistance.ts assessCap: flagged, never cut).
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { assessCap, favouredCategory } from '@/lib/domain/assistance';
import type { Executor } from '../index';
import { assistanceRecords as ar, people, towns, type NewAssistanceRecord } from '../schema';
import { pgArray } from './pg-array';
import { latestListsOf } from './subsidy-roster';

const BATCH = 1000;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface RegistryPerson {
  id: number;
  name: string;
  idNumber: string;
  townCode: string;
  districtCode: string;
}

/** Registry people by ID number (18 characters, normalized). */
export async function peopleByIdNumbers(db: Executor, idNumbers: readonly string[]) {
  const out = new Map<string, RegistryPerson>();
  for (const part of chunks([...new Set(idNumbers)], 5000)) {
    const rows = await db
      .select({
        id: people.id,
        name: people.name,
        idNumber: people.idNumber,
        townCode: people.townCode,
        districtCode: towns.districtCode,
      })
      .from(people)
      .innerJoin(towns, eq(towns.code, people.townCode))
      .where(sql`${people.idNumber} = any(${pgArray(part)}::char(18)[])`);
    for (const r of rows) out.set(r.idNumber, r);
  }
  return out;
}

export type StoredRecord = typeof ar.$inferSelect;

/** Records by settlement id (SETL_ID). */
export async function recordsBySettlementIds(db: Executor, ids: readonly string[]) {
  const out = new Map<string, StoredRecord>();
  for (const part of chunks([...new Set(ids)], 5000)) {
    const rows = await db
      .select()
      .from(ar)
      .where(sql`${ar.settlementId} = any(${pgArray(part)}::varchar[])`);
    for (const r of rows) out.set(r.settlementId, r);
  }
  return out;
}

const pairKey = (personId: number, year: number) => `${personId}:${year}`;

/**
 * The category of each person in each year: the most favourable (CATEGORY_PRECEDENCE) of the
 * categories the year's latest lists (one per source) give them; null when no list names them.
 */
export async function categoriesOf(db: Executor, pairs: readonly { personId: number; year: number }[]) {
  const out = new Map<string, string | null>();
  const byYear = new Map<number, number[]>();
  for (const p of pairs) {
    const ids = byYear.get(p.year);
    if (ids) ids.push(p.personId);
    else byYear.set(p.year, [p.personId]);
  }
  for (const [year, ids] of byYear) {
    for (const part of chunks([...new Set(ids)], 5000)) {
      const rows = await db.execute<{ person_id: number; categories: string[] }>(sql`
        select lr.person_id, array_agg(distinct lr.category::text) as categories
        from list_rows lr join ${latestListsOf(year)} l on l.id = lr.list_id
        where lr.person_id = any(${pgArray(part)}::int[])
        group by lr.person_id`);
      const found = new Map(rows.map((r) => [r.person_id, r.categories]));
      for (const id of part) out.set(pairKey(id, year), favouredCategory(found.get(id) ?? []));
    }
  }
  return { of: (personId: number, year: number) => out.get(pairKey(personId, year)) ?? null };
}

/** The columns insertRecords writes, with their array types for unnest. */
type InsertColumn = readonly [string, string, (r: NewAssistanceRecord) => string | number | null | undefined];
const INSERT_COLUMNS: readonly InsertColumn[] = [
  ['settlement_id', 'varchar', (r) => r.settlementId],
  ['kind', 'assistance_kind', (r) => r.kind ?? 'settlement'],
  ['init_settlement_id', 'varchar', (r) => r.initSettlementId],
  ['person_id', 'int', (r) => r.personId],
  ['town_code', 'varchar', (r) => r.townCode],
  ['category', 'varchar', (r) => r.category],
  ['year', 'smallint', (r) => r.year],
  ['settlement_date', 'date', (r) => r.settlementDate],
  ['med_type', 'med_type', (r) => r.medType],
  ['institution_code', 'varchar', (r) => r.institutionCode],
  ['institution_name', 'varchar', (r) => r.institutionName],
  ['total_fen', 'bigint', (r) => r.totalFen],
  ['policy_range_fen', 'bigint', (r) => r.policyRangeFen],
  ['assistance_fen', 'bigint', (r) => r.assistanceFen],
  ['source', 'assistance_source', (r) => r.source ?? 'import'],
  ['import_id', 'int', (r) => r.importId],
  ['note', 'varchar', (r) => r.note],
  ['created_by', 'int', (r) => r.createdBy],
  ['updated_by', 'int', (r) => r.updatedBy],
];

/**
 * Inserts records, 5,000 per statement as one array per column (unnest: a few parameters instead of
 * one per value); returns their ids by settlement id.
 */
export async function insertRecords(db: Executor, rows: readonly NewAssistanceRecord[]) {
  const ids = new Map<string, number>();
  const columns = sql.raw(INSERT_COLUMNS.map(([c]) => c).join(', '));
  for (const part of chunks(rows, 5000)) {
    const arrays = sql.join(
      INSERT_COLUMNS.map(([, type, value]) => sql`${pgArray(part.map(value))}::${sql.raw(type)}[]`),
      sql`, `,
    );
    const inserted = await db.execute<{ id: number; settlement_id: string }>(
      sql`insert into assistance_records (${columns}) select * from unnest(${arrays}) returning id, settlement_id`,
    );
    for (const r of inserted) ids.set(r.settlement_id, Number(r.id));
  }
  return ids;
}

/** Marks originals as cancelled by their reversals. */
export async function markReversed(db: Executor, pairs: readonly { originalId: number; reversalId: number }[]) {
  let marked = 0;
  for (const part of chunks(pairs)) {
    const done = await db.execute(sql`
      update assistance_records a set reversed_by_id = v.reversal_id, cap_exceeded = false, updated_at = now()
      from unnest(${pgArray(part.map((p) => p.originalId))}::bigint[], ${pgArray(part.map((p) => p.reversalId))}::bigint[])
        as v(original_id, reversal_id)
      where a.id = v.original_id and a.reversed_by_id is null`);
    marked += done.count;
  }
  /** Originals cancelled now (fewer than asked: one was cancelled meanwhile). */
  return marked;
}

export interface CapFlag {
  id: number;
  personId: number;
  year: number;
  excessFen: number;
}

/**
 * Re-checks the cap for each person-year: every record of it in settlement-date order; the flags
 * that changed are written. Returns the records flagged now (with the amount beyond the cap).
 */
export async function recheckCaps(db: Executor, pairs: readonly { personId: number; year: number }[]) {
  const unique = [...new Map(pairs.map((p) => [pairKey(p.personId, p.year), p])).values()];
  const flagged: CapFlag[] = [];
  for (const part of chunks(unique, 5000)) {
    const rows = await db
      .select({
        id: ar.id,
        personId: ar.personId,
        year: ar.year,
        kind: ar.kind,
        reversedById: ar.reversedById,
        settlementDate: ar.settlementDate,
        assistanceFen: ar.assistanceFen,
        capExceeded: ar.capExceeded,
      })
      .from(ar)
      .where(
        sql`(${ar.personId}, ${ar.year}) in (select * from unnest(${pgArray(part.map((p) => p.personId))}::int[], ${pgArray(part.map((p) => p.year))}::smallint[]))`,
      );
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const k = pairKey(r.personId, r.year);
      const group = groups.get(k);
      if (group) group.push(r);
      else groups.set(k, [r]);
    }
    const changed: { id: number; flag: boolean }[] = [];
    for (const group of groups.values()) {
      const assessed = assessCap(group);
      for (const r of group) {
        const a = assessed.get(r.id)!;
        if (a.capExceeded) flagged.push({ id: r.id, personId: r.personId, year: r.year, excessFen: a.excessFen });
        if (a.capExceeded !== r.capExceeded) changed.push({ id: r.id, flag: a.capExceeded });
      }
    }
    for (const c of chunks(changed)) {
      await db.execute(sql`
        update assistance_records a set cap_exceeded = v.flag
        from unnest(${pgArray(c.map((x) => x.id))}::bigint[], ${pgArray(c.map((x) => String(x.flag)))}::boolean[]) as v(id, flag)
        where a.id = v.id`);
    }
  }
  return flagged;
}

/** A manual record's settlement id: 'MAN-<id>' (the row is inserted with a placeholder first). */
export async function assignManualSettlementId(db: Executor, id: number) {
  const [row] = await db
    .update(ar)
    .set({ settlementId: sql`'MAN-' || ${ar.id}` })
    .where(eq(ar.id, id))
    .returning();
  return row;
}

export async function updateRecord(db: Executor, id: number, values: Partial<NewAssistanceRecord>) {
  const [row] = await db
    .update(ar)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(ar.id, id))
    .returning();
  return row;
}

export async function recordsByIds(db: Executor, ids: readonly number[]) {
  return ids.length === 0
    ? []
    : db
        .select()
        .from(ar)
        .where(inArray(ar.id, [...ids]));
}
