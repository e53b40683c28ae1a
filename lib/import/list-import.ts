/**
 * Poverty-list import: stream the file, find the header, keep every row (bad IDs as 待核实 with the
 * reason), classify each listed person against the registry for the list's year, open 销号 cases
 * and store match suggestions — all in one transaction, so a failure leaves nothing half-applied
 * and a re-run of the same file completes it. Importing a file already imported changes nothing.
 *
 * The rows are validated in JS and streamed with COPY into a temp staging table while the file is
 * parsed; classification, the list rows and the error report are then one statement each.
 */
import { asc, eq, inArray, and } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import type { Db, Executor } from '@/db';
import { writeAudit } from '@/db/queries/audit';
import { createImport, finishImport, updateImportProgress } from '@/db/queries/imports';
import {
  candidatesByName,
  findListBySha,
  insertSuggestions,
  openCasesForList,
  previousListOf,
} from '@/db/queries/lists';
import { listRows, povertyLists, towns, type PovertySource } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import type { HeaderMapping } from '@/lib/domain/import-headers';
import { AlikeFailures } from '@/lib/domain/import-stop';
import { noiseReason } from '@/lib/domain/noise-rows';
import { listRowNormalizer } from '@/lib/domain/list-row';
import { suggestMatches } from '@/lib/domain/suggestions';
import { CopyWriter, copyField, rawJson } from './copy';
import { readTable, TableReadError, type CellValue, type TableRow } from './read-table';
import { ImportFileError, ImportStoppedError } from './import-errors';
import { phaseTimer } from './phase-timer';
import { HeaderPhase } from './table-header';
import { addDays } from '@/lib/domain/calendar';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

export interface ListImportInput {
  filePath: string;
  fileName: string;
  sha256: string;
  source: PovertySource;
  listDate: string;
  year: number;
  user: SessionUser;
  ip: string | null;
  /** Days until a new case is due (default 30). */
  dueDays?: number;
  /** The header row and column mapping the user confirmed in the preview. Without it the header is
   *  detected, and the import stops on any open question (never answered silently). */
  header?: ConfirmedHeader;
  /** Called after each step with its wall time (benchmarks, diagnostics). */
  onPhase?: (phase: string, ms: number) => void;
}

export type ListImportResult =
  | { ok: true; importId: number; listId: number; alreadyImported: boolean }
  | { ok: false; importId: number | null; error: string; stop?: ImportStoppedError['stop'] };

/** Progress (rows read, rejected) is written to the imports row this often. */
const PROGRESS_EVERY = 2000;
const text = (c: CellValue | undefined) => (c == null ? '' : String(c));
const pick = (cells: CellValue[], mapping: HeaderMapping, field: keyof HeaderMapping) => {
  const i = mapping[field];
  return i == null ? undefined : (cells[i] ?? undefined);
};

/**
 * Starts an import: returns at once with the import's id (progress is polled), and `done` settles
 * when the file is processed. A file already imported for this source returns its list unchanged.
 */
export async function startPovertyListImport(
  db: Db,
  input: ListImportInput,
): Promise<{ importId: number; done: Promise<ListImportResult> }> {
  const existing = await findListBySha(db, input.source, input.sha256);
  if (existing)
    return {
      importId: existing.importId,
      done: Promise.resolve({ ok: true, importId: existing.importId, listId: existing.id, alreadyImported: true }),
    };
  const imp = await createImport(db, {
    kind: 'list',
    fileName: input.fileName,
    fileSha256: input.sha256,
    userId: input.user.id,
  });
  const done = db
    .transaction((tx) => importInTransaction(db, tx, imp.id, input))
    .then(
      (listId): ListImportResult => ({ ok: true, importId: imp.id, listId, alreadyImported: false }),
      async (err): Promise<ListImportResult> => {
        const known =
          err instanceof TableReadError || err instanceof ImportFileError || err instanceof ImportStoppedError;
        if (!known) console.error('[list-import]', err);
        const error = known ? err.message : '导入失败：处理时发生错误，本次导入未写入任何数据，可重新导入该文件';
        const stop = err instanceof ImportStoppedError ? err.stop : undefined;
        await finishImport(db, imp.id, { status: 'failed', message: error, problem: stop ?? null });
        return { ok: false, importId: imp.id, error, stop };
      },
    );
  return { importId: imp.id, done };
}

/** Imports a list and waits for the result. */
export async function importPovertyList(db: Db, input: ListImportInput): Promise<ListImportResult> {
  return (await startPovertyListImport(db, input)).done;
}

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];
/** The postgres.js connection under a drizzle transaction: COPY, which drizzle has no API for, runs on it. */
const transactionSql = (tx: Transaction): TransactionSql =>
  (tx as unknown as { session: { client: TransactionSql } }).session.client;

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

/**
 * The whole import in the caller's transaction: every row of the file is validated in JS and
 * streamed with COPY into a temp staging table (person rows with their normalized values; skipped
 * rows with their reason), then set-based SQL classifies and stores the rows, the error report
 * and the cases — no round trip per row or per batch.
 */
async function importInTransaction(db: Db, tx: Transaction, importId: number, input: ListImportInput): Promise<number> {
  const sql = transactionSql(tx);
  const phase = phaseTimer(input.onPhase);
  const townsByName = new Map((await tx.select().from(towns)).map((t) => [t.name, t.code]));
  const previous = await previousListOf(tx, input.source, input.listDate);
  const [list] = await tx
    .insert(povertyLists)
    .values({
      source: input.source,
      listDate: input.listDate,
      year: input.year,
      importId,
      fileSha256: input.sha256,
      previousListId: previous?.id ?? null,
    })
    .returning();

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
  const today = new Date();
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
  phase('read+validate+COPY');

  await sql`analyze list_staging`;
  // Classification, the same rule as classifyListRow (lib/domain/classification.ts) over the
  // person's active enrollments in the list's year: keep the two in step.
  await sql`
    insert into list_rows (list_id, row_no, raw_values, name, id_number, id_error, birth_date, town_code, village, category, person_id, match_class)
    select ${list.id}, s.row_no, s.raw::jsonb, s.name, s.id_number, s.id_error, s.birth_date, coalesce(p.town_code, s.town_code), s.village, s.category, p.id,
      (case
        when s.valid_id is null then 'invalid_id'
        when p.id is null then 'not_found'
        when e.active >= 2 then 'duplicate'
        when e.active = 0 then 'not_enrolled'
        when e.employee then 'enrolled_employee'
        else 'enrolled_resident'
      end)::match_class
    from list_staging s
    left join people p on p.id_number = s.valid_id
    left join lateral (
      select count(*) as active, bool_or(x.scheme = 'employee') as employee
      from enrollments x where x.person_id = p.id and x.year = ${input.year} and x.status = 'active'
    ) e on true
    where not s.skipped
    order by s.row_no`;
  phase('classify + list_rows');
  await sql`
    insert into import_errors (import_id, row_no, values, reason, skipped)
    select ${importId}, row_no, raw::jsonb, reason, case when skipped then 1 else 0 end
    from list_staging
    where reason is not null
    order by row_no`;
  phase('import_errors');

  const casesOpened = await openCasesForList(
    tx,
    list.id,
    input.year,
    addDays(shanghaiDate(today), input.dueDays ?? 30),
  );
  phase('cases');
  await storeSuggestions(tx, list.id);
  phase('suggestions');
  const actor = { userId: input.user.id, username: input.user.username, role: input.user.role, ip: input.ip };
  await writeAudit(tx, actor, {
    action: 'list.import',
    entityType: 'poverty_list',
    entityId: list.id,
    after: {
      fileName: input.fileName,
      source: input.source,
      listDate: input.listDate,
      year: input.year,
      ...counts,
      casesOpened,
    },
  });
  await finishImport(tx, importId, { status: 'completed', ...counts });
  phase('audit, finish');
  return list.id;
}

/** Suggestions for rows with an invalid or unknown ID: registry people of the same name, scored. */
async function storeSuggestions(tx: Executor, listId: number) {
  const rows = await tx
    .select()
    .from(listRows)
    .where(and(eq(listRows.listId, listId), inArray(listRows.matchClass, ['invalid_id', 'not_found'])))
    .orderBy(asc(listRows.rowNo));
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500);
    const candidates = await candidatesByName(tx, [...new Set(slice.map((r) => r.name).filter(Boolean))]);
    const byName = new Map<string, typeof candidates>();
    for (const c of candidates) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    const found = slice.flatMap((r) =>
      suggestMatches(
        { name: r.name, idNumber: r.idNumber ?? '', birthDate: r.birthDate, townCode: r.townCode },
        byName.get(r.name) ?? [],
      )
        .filter((s) => s.strength !== 'none')
        .slice(0, 5)
        .map((suggestion) => ({ listRowId: r.id, suggestion })),
    );
    await insertSuggestions(tx, found);
  }
}
