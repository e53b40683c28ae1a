/**
 * Poverty-list import, first step: the file streamed (readTable), its header settled (HeaderPhase),
 * every row normalized in JS (bad IDs kept as 待核实 with the reason; noise rows skipped) and
 * streamed with COPY into a temp staging table while the file is parsed. Rows failing alike stop
 * the import (lib/domain/import-stop.ts).
 */
import type { TransactionSql } from 'postgres';
import type { Db } from '@/db';
import { updateImportProgress } from '@/db/queries/imports';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import type { HeaderMapping } from '@/lib/domain/import-headers';
import { AlikeFailures } from '@/lib/domain/import-stop';
import { listRowNormalizer, type PovertySource } from '@/lib/domain/list-row';
import { noiseReason } from '@/lib/domain/noise-rows';
import { CopyWriter, copyField, rawJson } from './copy';
import { ImportFileError, ImportStoppedError } from './import-errors';
import { readTable, type TableRow } from './read-table';
import { HeaderPhase } from './table-header';
import { cellText as text, fieldCell as pick } from './table-types';

/** Progress (rows read, rejected) is written to the imports row this often. */
const PROGRESS_EVERY = 2000;

const STAGING_COLUMNS = [
  'row_no',
  'raw',
  'name',
  'id_number',
  'valid_id',
  'id_error',
  'birth_date',
  'town_code',
  'village',
  'category',
  'reason',
  'skipped',
] as const;

/** The COPY line of a skipped row (title, total, note): row number, original values, reason. */
const skippedLine = (row: TableRow, reason: string) =>
  `${row.rowNo}\t${copyField(rawJson(row.cells))}\t${'\\N\t'.repeat(8)}${copyField(reason)}\tt\n`;

export interface ListCounts {
  rowsDone: number;
  rowsRejected: number;
  rowsSkipped: number;
}

export interface ListStageInput {
  filePath: string;
  fileName: string;
  source: PovertySource;
  header?: ConfirmedHeader;
}

/** Streams the file through normalization into the staging table `list_staging` (created here, dropped at commit). */
export async function stageListFile(
  db: Db,
  sql: TransactionSql,
  importId: number,
  input: ListStageInput,
  townsByName: Map<string, string>,
  today: Date,
): Promise<ListCounts> {
  await sql.unsafe(`
    create temp table list_staging (
      row_no integer not null,
      raw text not null,
      name varchar(50),
      id_number varchar(40),
      valid_id char(18),
      id_error text,
      birth_date date,
      town_code varchar(9),
      village varchar(50),
      category varchar(30),
      reason text,
      skipped boolean not null
    ) on commit drop`);
  const copy = new CopyWriter(await sql`copy list_staging (${sql([...STAGING_COLUMNS])}) from stdin`.writable());

  const counts = { rowsDone: 0, rowsRejected: 0, rowsSkipped: 0 };
  const normalize = listRowNormalizer(input.source, townsByName, today);
  let mapping: HeaderMapping | null = null;
  const head = new HeaderPhase('list', input.header);
  const failures = new AlikeFailures();
  let nextProgress = PROGRESS_EVERY;

  const skip = (row: TableRow, reason: string) => {
    counts.rowsSkipped += 1;
    return copy.write(skippedLine(row, reason));
  };
  /** A data row → its COPY line (a noise row is skipped with its reason); progress every PROGRESS_EVERY rows.
   *  Synchronous for most rows: a promise only when a COPY chunk went out or progress is due. */
  const accept = (row: TableRow): Promise<void> | undefined => {
    const n = normalize({
      name: text(pick(row.cells, mapping!, 'name')),
      idNumber: pick(row.cells, mapping!, 'idNumber') ?? '',
      town: text(pick(row.cells, mapping!, 'town')),
      village: text(pick(row.cells, mapping!, 'village')),
      category: text(pick(row.cells, mapping!, 'category')),
    });
    if (n.idError) {
      // A row without a valid ID may be no person at all (blank, 合计, notes, a repeated header).
      const noise = noiseReason(row.cells.map(text), mapping!);
      if (noise) return skip(row, noise);
    }
    counts.rowsDone += 1;
    if (n.idError) counts.rowsRejected += 1;
    failures.addRow(
      n.idError ? [{ code: `idNumber.${n.idError.code}`, message: `身份证号有误：${n.idError.message}` }] : [],
    );
    if (counts.rowsDone % 50 === 0) {
      const stop = failures.check();
      if (stop) throw new ImportStoppedError(stop);
    }
    const f = copyField;
    const sent = copy.write(
      `${row.rowNo}\t${f(rawJson(row.cells))}\t${f(n.name.slice(0, 50))}\t${f((n.idNumber ?? n.idRaw).slice(0, 40) || null)}\t${f(n.idNumber)}\t` +
        `${f(n.idError?.message)}\t${f(n.birthDate)}\t${f(n.townCode)}\t${f(n.village?.slice(0, 50))}\t${f(n.category)}\t` +
        `${n.idError ? f(`身份证号有误（已保留待核实）：${n.idError.message}`) : '\\N'}\tf\n`,
    );
    if (counts.rowsDone < nextProgress) return sent;
    nextProgress += PROGRESS_EVERY;
    return (async () => {
      await sent;
      await updateImportProgress(db, importId, counts); // a separate connection: visible while the transaction runs
    })();
  };

  const settle = async (found: NonNullable<ReturnType<HeaderPhase['push']>>) => {
    mapping = found.mapping;
    for (const { row, reason } of found.skipped) await skip(row, reason);
    for (const r of found.data) await accept(r);
  };
  try {
    for await (const row of readTable({ path: input.filePath, fileName: input.fileName })) {
      if (mapping) {
        const pending = accept(row);
        if (pending) await pending;
        continue;
      }
      const found = head.push(row);
      if (found) await settle(found);
    }
    if (!mapping) {
      const found = head.end();
      if (found) await settle(found);
    }
    const stop = failures.final();
    if (stop) throw new ImportStoppedError(stop);
    if (counts.rowsDone === 0) throw new ImportFileError('文件中没有可导入的人员行');
    await copy.end();
  } catch (err) {
    await copy.abort(err);
    throw err;
  }
  await updateImportProgress(db, importId, counts);
  return counts;
}
