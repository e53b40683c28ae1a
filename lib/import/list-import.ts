/**
 * Poverty-list import: stream the file, find the header, keep every row (bad IDs as 待核实 with the
 * reason), classify each listed person against the registry for the list's year, open 销号 cases
 * and store match suggestions — all in one transaction, so a failure leaves nothing half-applied
 * and a re-run of the same file completes it. Importing a file already imported changes nothing.
 *
 * Steps: list-staging.ts (stream, header, normalize, COPY into a temp staging table while the file
 * is parsed), list-classify.ts (classification, the list rows and the error report, one statement
 * each; suggestions), then the cases and the audit row here.
 */
import type { TransactionSql } from 'postgres';
import type { Db } from '@/db';
import { writeAudit } from '@/db/queries/audit';
import { createImport, finishImport, markStaleImports } from '@/db/queries/imports';
import { findListBySha, openCasesForList, previousListOf } from '@/db/queries/lists';
import { povertyLists, towns, type PovertySource } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { addDays } from '@/lib/domain/calendar';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { ImportFileError, ImportStoppedError } from './import-errors';
import { markImportFailed, unexpectedFailure } from './import-failed';
import { classifyStagedRows, storeSuggestions } from './list-classify';
import { stageListFile } from './list-staging';
import { phaseTimer } from './phase-timer';
import { TableReadError } from './read-table';

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
  await markStaleImports(db); // imports a killed process left 'running' are marked interrupted here, not on a read
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
        const error = known ? err.message : unexpectedFailure('[list-import]', err);
        const stop = err instanceof ImportStoppedError ? err.stop : undefined;
        await markImportFailed(db, imp.id, { message: error, problem: stop });
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

  const today = new Date();
  const counts = await stageListFile(db, sql, importId, input, townsByName, today);
  phase('read+validate+COPY');
  await classifyStagedRows(sql, list.id, importId, input.year, phase);

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
