/**
 * Registry import, first step: the file is streamed (readTable), its header settled (HeaderPhase),
 * every row validated in JS (registry-row.ts) and streamed with COPY into a TEMP staging table
 * while the file is still being parsed (the parser runs in Node, COPY in the server: two cores
 * busy; backpressure respected). Rejected and skipped rows are staged too, with their reason and
 * original values. Rows failing alike stop the import (lib/domain/import-stop.ts).
 */
import type { TransactionSql } from 'postgres';
import type { Db } from '@/db';
import { updateImportProgress } from '@/db/queries/imports';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import type { Field, HeaderMapping } from '@/lib/domain/import-headers';
import { AlikeFailures } from '@/lib/domain/import-stop';
import { noiseReason } from '@/lib/domain/noise-rows';
import { CopyWriter, copyField, rawJson } from './copy';
import { ImportFileError, ImportStoppedError } from './import-errors';
import { readTable, type TableRow } from './read-table';
import { registryRowShaper, TOWN_OUTSIDE_SCOPE } from './registry-row';
import { HeaderPhase } from './table-header';
import { cellText as text } from './table-types';

const PROGRESS_EVERY = 10_000;
/** Alike failures are looked at this often (and at the end). */
const STOP_CHECK_EVERY = 50;

export const STAGING_COLUMNS = [
  'row_no',
  'id_number',
  'name',
  'gender',
  'birth_date',
  'town_code',
  'village',
  'household_no',
  'relation',
  'year',
  'scheme',
  'tier',
  'status',
  'paid_fen',
  'paid_date',
  'reason',
  'skipped',
  'raw',
] as const;

export const CREATE_STAGING = `
  create temp table registry_staging (
    row_no integer not null,
    id_number char(18),
    name varchar(50),
    gender char(1),
    birth_date date,
    town_code varchar(9),
    village varchar(50),
    household_no varchar(30),
    relation varchar(20),
    year smallint,
    scheme scheme,
    tier tier,
    status enrollment_status,
    paid_fen integer,
    paid_date date,
    reason text,
    skipped boolean,
    raw text
  ) on commit drop`;

export interface Counts {
  rowsDone: number;
  rowsRejected: number;
  rowsSkipped: number;
}

/** Which optional columns the file has (an absent column leaves the stored values alone). */
export interface Columns {
  village: boolean;
  householdNo: boolean;
  relation: boolean;
  tier: boolean;
  paidAmount: boolean;
  paidDate: boolean;
}

export interface Staged {
  copyWaitMs: number;
  counts: Counts;
  columns: Columns;
  townMissingRows: number;
  failures: AlikeFailures;
}

export interface StageInput {
  filePath: string;
  fileName: string;
  defaultYear?: number;
  header?: ConfirmedHeader;
}

/** The COPY line of a rejected or skipped row: row number, reason, original values. */
function rejectLine(row: TableRow, reason: string, skipped: boolean): string {
  const nulls = '\\N\t'.repeat(STAGING_COLUMNS.length - 4);
  return `${row.rowNo}\t${nulls}${copyField(reason)}\t${skipped ? 't' : 'f'}\t${copyField(rawJson(row.cells))}\n`;
}

/** Streams the file through validation into the staging table. */
export async function stageRegistryFile(
  db: Db,
  sql: TransactionSql,
  importId: number,
  input: StageInput,
  towns: { townsByName: Map<string, string>; townCodes: Set<string>; townCodesInScope?: ReadonlySet<string> },
): Promise<Staged> {
  // An importer limited to some towns: the merge may still reject any row (a person registered
  // elsewhere), so every row keeps its original values for the error report.
  const keepRaw = towns.townCodesInScope !== undefined;
  const counts: Counts = { rowsDone: 0, rowsRejected: 0, rowsSkipped: 0 };
  const failures = new AlikeFailures();
  const head = new HeaderPhase('registry', input.header, { year: input.defaultYear });
  let mapping: HeaderMapping | null = null;
  let shape: ReturnType<typeof registryRowShaper> | null = null;
  let townMissingRows = 0;
  let nextProgress = PROGRESS_EVERY;
  const f = copyField;
  const copy = new CopyWriter(await sql`copy registry_staging (${sql([...STAGING_COLUMNS])}) from stdin`.writable());

  const progress = async (sent: Promise<void> | undefined) => {
    await sent;
    await updateImportProgress(db, importId, counts); // a separate connection: visible while the transaction runs
  };
  // Synchronous for most rows: a promise only when a COPY chunk went out or progress is due
  // (a million awaited promises would cost more than the validation).
  const accept = (row: TableRow): Promise<void> | undefined => {
    const r = shape!(row.cells);
    let line: string;
    if (!r.ok) {
      // Not a person row at all (blank, 合计, notes, a repeated header)? Then it is skipped, not rejected.
      const noise = noiseReason(row.cells.map(text), mapping!);
      if (noise) {
        counts.rowsSkipped += 1;
        return copy.write(rejectLine(row, noise, true));
      }
      counts.rowsRejected += 1;
      line = rejectLine(row, r.problems.map((p) => p.message).join('；'), false);
      // Rows of other districts in a district's import are not a wrong mapping: rejected one by one, they stop nothing.
      failures.addRow(r.problems.filter((p) => p.code !== TOWN_OUTSIDE_SCOPE));
    } else {
      const v = r.values;
      const townMissing = v.townCode == null;
      if (townMissing) townMissingRows += 1;
      failures.addRow([]);
      line =
        `${row.rowNo}\t${v.idNumber}\t${f(v.name)}\t${v.gender}\t${v.birthDate}\t${f(v.townCode)}\t${f(v.village)}\t${f(v.householdNo)}\t${f(v.relation)}\t` +
        `${v.year}\t${v.scheme}\t${f(v.tier)}\t${v.status}\t${v.paidFen}\t${f(v.paidDate)}\t\\N\t\\N\t` +
        // The original values are kept only where the merge may still reject the row (no town, a limited importer).
        `${townMissing || keepRaw ? f(rawJson(row.cells)) : '\\N'}\n`;
    }
    counts.rowsDone += 1;
    if (counts.rowsDone % STOP_CHECK_EVERY === 0) {
      const stop = failures.check();
      if (stop) throw new ImportStoppedError(stop);
    }
    const sent = copy.write(line);
    if (counts.rowsDone < nextProgress) return sent;
    nextProgress += PROGRESS_EVERY;
    return progress(sent);
  };

  const settle = async (found: NonNullable<ReturnType<HeaderPhase['push']>>) => {
    mapping = found.mapping;
    shape = registryRowShaper({ mapping, ...towns, defaultYear: input.defaultYear });
    for (const { row, reason } of found.skipped) {
      counts.rowsSkipped += 1;
      await copy.write(rejectLine(row, reason, true));
    }
    for (const r of found.data) await accept(r);
  };

  try {
    for await (const row of readTable({ path: input.filePath, fileName: input.fileName })) {
      if (shape) {
        const pending = accept(row);
        if (pending) await pending;
        continue;
      }
      const found = head.push(row);
      if (found) await settle(found);
    }
    if (!shape) {
      const found = head.end();
      if (found) await settle(found);
    }
    const stop = failures.final();
    if (stop) throw new ImportStoppedError(stop);
    if (counts.rowsDone === 0) throw new ImportFileError('文件中没有可导入的参保数据行');
    await copy.end();
  } catch (err) {
    await copy.abort(err);
    throw err;
  }
  const has = (field: Field) => mapping?.[field] !== undefined;
  return {
    copyWaitMs: copy.waitedMs,
    counts,
    townMissingRows,
    failures,
    columns: {
      village: has('village'),
      householdNo: has('householdNo'),
      relation: has('relation'),
      tier: has('tier'),
      paidAmount: has('paidAmount'),
      paidDate: has('paidDate'),
    },
  };
}
