/**
 * What a backup must give back, measured on a database: every table's row count and content
 * checksum, every sequence's position, the audit log's bounds and append-only triggers, and the
 * counters kept by triggers recomputed from their rows. `db:backup` writes it beside the dump
 * (taken in the dump's own snapshot); `db:restore` measures the restored database and compares.
 */
import type postgres from 'postgres';

type Sql = postgres.Sql | postgres.TransactionSql;

export interface TableFingerprint {
  table: string; // schema.table
  rows: number;
  md5: string; // md5 of the sums of the rows' md5s (of their text forms): independent of physical order
}

export interface SequenceFingerprint {
  table: string;
  column: string;
  sequence: string;
  lastValue: number | null; // the value the last nextval gave (null: never called)
  maxValue: number | null; // max(column)
}

export interface Fingerprint {
  tables: TableFingerprint[];
  sequences: SequenceFingerprint[];
  audit: { rows: number; firstId: number | null; lastId: number | null; appendOnlyTriggers: string[] };
  /** Counters kept by triggers that differ from a recount of their rows (empty: consistent). */
  counterMismatches: string[];
}

/** Session settings under which a row's text form is the same on any server (pass as postgres' `connection`). */
export const STABLE_TEXT_SETTINGS = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, MDY',
  IntervalStyle: 'postgres',
  extra_float_digits: '1',
  bytea_output: 'hex',
} as const;

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

async function tableFingerprints(sql: Sql): Promise<TableFingerprint[]> {
  const tables = await sql<{ schema: string; name: string }[]>`
    select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'
    order by 1, 2`;
  const out: TableFingerprint[] = [];
  for (const { schema, name } of tables) {
    // Each row's md5 read as two 64-bit numbers, summed: independent of row order, duplicates counted,
    // and no sort (a sorted string_agg of the row hashes took 4× as long on 3M enrollments).
    const [{ rows, md5 }] = await sql.unsafe<{ rows: number; md5: string }[]>(
      `select count(*)::int as rows,
              md5(coalesce(sum(('x' || left(h, 16))::bit(64)::bigint::numeric), 0)::text || '/' ||
                  coalesce(sum(('x' || right(h, 16))::bit(64)::bigint::numeric), 0)::text) as md5
       from (select md5(t::text) as h from ${q(schema)}.${q(name)} t) x`,
    );
    out.push({ table: `${schema}.${name}`, rows, md5 });
  }
  return out;
}

async function sequenceFingerprints(sql: Sql): Promise<SequenceFingerprint[]> {
  const owned = await sql<{ schema: string; table: string; column: string; sequence: string }[]>`
    select n.nspname as schema, c.relname as table, a.attname as column,
           pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      and n.nspname not in ('pg_catalog', 'information_schema')
      and pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null
    order by 1, 2, 3`;
  const out: SequenceFingerprint[] = [];
  for (const o of owned) {
    const [{ last, max }] = await sql.unsafe<{ last: string | null; max: string | null }[]>(
      `select (select case when is_called then last_value end from ${o.sequence}) as last,
              (select max(${q(o.column)}) from ${q(o.schema)}.${q(o.table)})::text as max`,
    );
    out.push({
      table: `${o.schema}.${o.table}`,
      column: o.column,
      sequence: o.sequence,
      lastValue: last == null ? null : Number(last),
      maxValue: max == null ? null : Number(max),
    });
  }
  return out;
}

async function auditFingerprint(sql: Sql): Promise<Fingerprint['audit']> {
  const [bounds] = await sql<{ rows: number; first: string | null; last: string | null }[]>`
    select count(*)::int as rows, min(id)::text as first, max(id)::text as last from audit_log`;
  const triggers = await sql<{ name: string }[]>`
    select tgname as name from pg_trigger
    where tgrelid = 'audit_log'::regclass and not tgisinternal and tgenabled = 'O' order by 1`;
  return {
    rows: bounds.rows,
    firstId: bounds.first == null ? null : Number(bounds.first),
    lastId: bounds.last == null ? null : Number(bounds.last),
    appendOnlyTriggers: triggers.map((t) => t.name),
  };
}

/** Rows where a counter table and a recount of its source rows disagree (zero counters aside). */
const COUNTER_CHECKS: Record<string, string> = {
  town_people_counts: `
    with stored as (select town_code, people::bigint from town_people_counts where people <> 0),
    recount as (select town_code, count(*) as people from people group by town_code)
    (select * from stored except select * from recount) union all (select * from recount except select * from stored)`,
  town_year_coverage: `
    with stored as (select town_code, year::int, resident::bigint, employee::bigint, both_schemes::bigint
                    from town_year_coverage where resident <> 0 or employee <> 0 or both_schemes <> 0),
    recount as (
      select p.town_code, f.year::int, count(*) filter (where f.r), count(*) filter (where f.em),
             count(*) filter (where f.r and f.em)
      from (select person_id, year, bool_or(scheme = 'resident') as r, bool_or(scheme = 'employee') as em
            from enrollments where status = 'active' group by person_id, year) f
      join people p on p.id = f.person_id group by p.town_code, f.year)
    (select * from stored except select * from recount) union all (select * from recount except select * from stored)`,
  subsidy_funds: `
    with stored as (select district_code, year::int, balance_fen::bigint from subsidy_funds),
    recount as (select district_code, year::int, sum(amount_fen)::bigint from subsidy_fund_entries group by 1, 2)
    (select * from stored except select * from recount) union all (select * from recount except select * from stored)`,
};

async function counterMismatches(sql: Sql): Promise<string[]> {
  const out: string[] = [];
  for (const [table, query] of Object.entries(COUNTER_CHECKS)) {
    const rows = await sql.unsafe(query);
    for (const r of rows) out.push(`${table}: ${JSON.stringify(r)}`);
  }
  return out;
}

export async function fingerprint(sql: Sql): Promise<Fingerprint> {
  return {
    tables: await tableFingerprints(sql),
    sequences: await sequenceFingerprints(sql),
    audit: await auditFingerprint(sql),
    counterMismatches: await counterMismatches(sql),
  };
}

/** A sequence that would hand out a value already in its column (an insert would collide). */
export function sequenceBehind(s: SequenceFingerprint): boolean {
  return s.maxValue != null && (s.lastValue == null || s.lastValue < s.maxValue);
}

/** What differs between the fingerprint taken at backup and the restored database's (empty: equal). */
export function compareFingerprints(expected: Fingerprint, actual: Fingerprint): string[] {
  const diffs: string[] = [];
  const got = new Map(actual.tables.map((t) => [t.table, t]));
  for (const e of expected.tables) {
    const a = got.get(e.table);
    if (!a) diffs.push(`${e.table}: 缺少此表 / table missing`);
    else if (a.rows !== e.rows)
      diffs.push(`${e.table}: 行数 ${a.rows}，应为 ${e.rows} / rows ${a.rows}, expected ${e.rows}`);
    else if (a.md5 !== e.md5) diffs.push(`${e.table}: 内容校验值不同 / content checksum differs`);
    got.delete(e.table);
  }
  for (const extra of got.keys()) diffs.push(`${extra}: 备份中没有此表 / table not in the backup`);
  const seqs = new Map(actual.sequences.map((s) => [s.sequence, s]));
  for (const e of expected.sequences) {
    const a = seqs.get(e.sequence);
    if (!a || a.lastValue !== e.lastValue)
      diffs.push(`${e.sequence}: 序列位置 ${a?.lastValue ?? '无'}，应为 ${e.lastValue} / sequence position differs`);
  }
  for (const s of actual.sequences.filter(sequenceBehind))
    diffs.push(`${s.sequence}: 序列落后于 ${s.table}.${s.column} 的最大值 ${s.maxValue} / sequence behind its column`);
  if (JSON.stringify(actual.audit) !== JSON.stringify(expected.audit))
    diffs.push(`audit_log: ${JSON.stringify(actual.audit)}，应为 ${JSON.stringify(expected.audit)}`);
  diffs.push(...actual.counterMismatches.map((m) => `计数器与重算不符 / counter differs from a recount: ${m}`));
  return diffs;
}
