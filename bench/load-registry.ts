/**
 * Bulk loader for the registry tables (households, people, enrollments) with PostgreSQL COPY:
 * the deterministic generator of db/demo-people.ts, encoded as COPY text rows, streamed into
 * `copy … from stdin`. Tens of times faster than multi-row INSERTs; kept apart from the
 * benchmark so an import benchmark can reuse copyInto/CopyBuffer later.
 *
 * Row ids. The id columns are `generated always as identity`, and INSERT would need OVERRIDING
 * SYSTEM VALUE to set them — but COPY FROM always writes the values it is given ("In the COPY
 * command, user-specified values are always used regardless of this setting", CREATE TABLE docs).
 * So the loader numbers every row itself, starting after the table's current max(id), writes
 * those ids explicitly and finally moves each identity sequence past them (setval). Foreign keys
 * (people.household_id, enrollments.person_id) are therefore known while generating, in a single
 * pass, with no lookup by id_number and no reliance on COPY preserving row order or on the
 * sequences starting at 1.
 *
 * Memory. Households must be loaded before people, and people before enrollments (the foreign
 * keys are checked row by row), but the generator yields all three interleaved. The encoded rows
 * are therefore buffered as ~1 MB strings: about 0.5 GB for a million people.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql } from 'postgres';
import { generatePeople, type GenerateOptions } from '@/db/demo-people';

export type CopyValue = string | number | null;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One row in COPY's text format: tab-separated, `\N` for null, backslash escapes, newline-terminated. */
export function copyTextRow(values: readonly CopyValue[]): string {
  return (
    values
      .map((v) =>
        v === null ? '\\N' : typeof v === 'number' ? String(v) : v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]),
      )
      .join('\t') + '\n'
  );
}

/** COPY text rows packed into strings of about `chunkChars` characters (fewer, larger socket writes). */
export class CopyBuffer {
  readonly chunks: string[] = [];
  rows = 0;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(private readonly chunkChars = 1 << 20) {}

  add(values: readonly CopyValue[]): void {
    const line = copyTextRow(values);
    this.pending.push(line);
    this.pendingChars += line.length;
    this.rows += 1;
    if (this.pendingChars >= this.chunkChars) this.flush();
  }

  /** All rows, as chunks; the buffer stays usable. */
  finish(): string[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}

/** Streams COPY text (chunks of whole rows) into `table (columns)`; resolves when the server has committed the COPY. */
export async function copyInto(
  sql: Sql,
  table: string,
  columns: readonly string[],
  chunks: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const query = sql`copy ${sql(table)} (${sql(columns as string[])}) from stdin`;
  const writable = await query.writable();
  // postgres.js 3.4.9 never settles the writable when the server rejects the COPY after the last
  // row was sent (porsager/postgres#1173: constraint violations, bad rows): the pipeline would wait
  // forever and the error would be lost. The driver still hands that error to the query's
  // `reject`, so it is caught there and raced against the pipeline.
  const rejected = new Promise<never>((_, reject) => {
    const q = query as unknown as { reject: (err: unknown) => void };
    const original = q.reject;
    q.reject = (err) => {
      original(err);
      reject(err);
    };
  });
  await Promise.race([pipeline(Readable.from(chunks), writable), rejected]);
}

/** Moves the identity sequence of `table.id` to its current max(id), so later INSERTs continue after the loaded rows. */
async function syncIdentity(sql: Sql, table: string): Promise<void> {
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql(table)}))`;
}

async function nextId(sql: Sql, table: string): Promise<number> {
  const [{ max }] = await sql<{ max: number | null }[]>`select max(id)::int as max from ${sql(table)}`;
  return (max ?? 0) + 1;
}

export interface LoadRegistryStats {
  households: number;
  people: number;
  enrollments: number;
  /** Generating and encoding the rows. */
  generateMs: number;
  /** The three COPY statements and the sequence updates. */
  copyMs: number;
}

/**
 * Generates `opts.count` people (see generatePeople) with their households and enrollments and
 * loads them with COPY. The towns must already exist (seedReference). Enrollments are loaded as
 * status 'active' with source `source` (default 'seed', as the demo seed writes them).
 */
export async function loadRegistry(
  sql: Sql,
  opts: GenerateOptions & { source?: string; onProgress?: (message: string) => void },
): Promise<LoadRegistryStats> {
  const log = opts.onProgress ?? (() => {});
  const source = opts.source ?? 'seed';
  let householdId = (await nextId(sql, 'households')) - 1;
  let personId = (await nextId(sql, 'people')) - 1;
  let enrollmentId = (await nextId(sql, 'enrollments')) - 1;

  const households = new CopyBuffer();
  const people = new CopyBuffer();
  const enrollments = new CopyBuffer();
  const generateStart = performance.now();
  let lastHouseholdNo = '';
  for (const { person: p, enrollments: es } of generatePeople(opts)) {
    // The generator emits each household's members consecutively, so a new number is a new household.
    if (p.householdNo !== lastHouseholdNo) {
      lastHouseholdNo = p.householdNo;
      householdId += 1;
      households.add([householdId, p.householdNo, p.townCode, p.village, null]);
    }
    personId += 1;
    people.add([
      personId,
      p.idNumber,
      p.name,
      p.gender,
      p.birthDate,
      p.townCode,
      p.village,
      householdId,
      p.relationToHead,
    ]);
    for (const e of es) {
      enrollmentId += 1;
      enrollments.add([enrollmentId, personId, e.year, e.scheme, e.tier, 'active', e.paidFen, e.paidDate, source]);
    }
    if (people.rows % 200_000 === 0) log(`已生成 ${people.rows.toLocaleString('en-US')} 人`);
  }
  const generateMs = performance.now() - generateStart;

  const copyStart = performance.now();
  log(`COPY households（${households.rows.toLocaleString('en-US')} 行）`);
  await copyInto(sql, 'households', ['id', 'household_no', 'town_code', 'village', 'address'], households.finish());
  log(`COPY people（${people.rows.toLocaleString('en-US')} 行）`);
  await copyInto(
    sql,
    'people',
    ['id', 'id_number', 'name', 'gender', 'birth_date', 'town_code', 'village', 'household_id', 'relation_to_head'],
    people.finish(),
  );
  log(`COPY enrollments（${enrollments.rows.toLocaleString('en-US')} 行）`);
  await copyInto(
    sql,
    'enrollments',
    ['id', 'person_id', 'year', 'scheme', 'tier', 'status', 'paid_fen', 'paid_date', 'source'],
    enrollments.finish(),
  );
  for (const table of ['households', 'people', 'enrollments']) await syncIdentity(sql, table);
  const copyMs = performance.now() - copyStart;

  return { households: households.rows, people: people.rows, enrollments: enrollments.rows, generateMs, copyMs };
}
