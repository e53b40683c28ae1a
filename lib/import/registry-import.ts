/**
 * Registry import (参保登记数据导入): the agency's export of the national platform — 300k to 1M
 * rows, one row per person-year-scheme enrollment — loaded into households, people and
 * enrollments. Two steps, in ONE transaction on the raw postgres.js client (COPY needs it):
 * - registry-staging.ts: stream, settle the header (the user's confirmed mapping, or detection
 *   without open questions), validate every row, COPY valid, rejected and skipped rows into a TEMP
 *   staging table; rows failing alike stop the import;
 * - registry-merge.ts: set-based upsert into the registry (identical rows change nothing, so a
 *   re-import of the same file changes nothing), auto-close of 销号 cases, error report, audit.
 * Any failure — a parse error in the middle of the file, a stop, a database error — rolls
 * everything back; the imports row becomes 'failed' with a Chinese message, and re-running the
 * same file completes it. Progress is written every 10,000 rows through a separate connection.
 *
 * Columns. Required: 姓名, 身份证号码, 险种类型 (310/390 or names), 年度 (a default year fills blank
 * cells only, and stands for the column only when the file has none). Optional: 乡镇 (name or
 * 9-digit code), 村, 户号, 与户主关系, 档次, 缴费金额 (元), 缴费日期, 参保状态 (default 正常 = active).
 * An optional column present in the file is authoritative (an empty cell clears the value); a
 * column absent from the file leaves the stored value alone. 乡镇 is the exception: an empty cell
 * keeps the person's current town, and a NEW person without a town is rejected.
 * Scope: a district's staff import their district's people only — a row naming another district's
 * town, or a person registered in one, is rejected with the reason; the whole area's staff import all.
 */
import { rawClient, type Db } from '@/db';
import { createImport, markStaleImports } from '@/db/queries/imports';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import { isDatabaseUnavailable, isUniqueViolation } from '@/lib/server/pg-errors';
import { ImportFileError, ImportStoppedError } from './import-errors';
import { IMPORT_DATABASE_AWAY, markImportFailed } from './import-failed';
import { phaseTimer } from './phase-timer';
import { TableReadError } from './read-table';
import { mergeStaging, type MergeInput, type RegistryImportSummary } from './registry-merge';
import { importableTownCodes } from './registry-row';
import { CREATE_STAGING, stageRegistryFile } from './registry-staging';

export { summaryMessage, type RegistryImportSummary } from './registry-merge';
export { parseEnrollmentStatus, parseYear } from './registry-row';

export interface RegistryImportInput extends MergeInput {
  filePath: string;
  sha256: string;
  /** The header row and column mapping the user confirmed in the preview. Without it the header is
   *  detected, and the import stops on any open question (never answered silently). */
  header?: ConfirmedHeader;
}

export type RegistryImportResult =
  | { ok: true; importId: number; summary: RegistryImportSummary }
  | { ok: false; importId: number; error: string; stop?: ImportStoppedError['stop'] };

const GENERIC_FAILURE = '导入失败：处理时发生错误，本次导入未写入任何数据，可重新导入该文件';
/** Someone saved the same enrollment (or person) while the merge ran (a unique violation): a clean failure, re-run. */
const CONCURRENT_CHANGE =
  '导入失败：导入期间有人同时登记或修改了相同的参保记录，本次导入未写入任何数据，请重新导入该文件';

function failureMessage(err: unknown): string {
  if (err instanceof ImportStoppedError) return err.message;
  if (err instanceof TableReadError || err instanceof ImportFileError)
    return `导入失败：${err.message}（本次导入未写入任何数据）`;
  if (isUniqueViolation(err)) return CONCURRENT_CHANGE;
  if (isDatabaseUnavailable(err)) return IMPORT_DATABASE_AWAY;
  console.error('[registry-import]', err);
  return GENERIC_FAILURE;
}

/**
 * Starts an import: returns at once with the import's id (progress is polled), and `done` settles
 * when the file is processed (never rejects: failures are a result with a Chinese message).
 */
export async function startRegistryImport(
  db: Db,
  input: RegistryImportInput,
): Promise<{ importId: number; done: Promise<RegistryImportResult> }> {
  await markStaleImports(db); // imports a killed process left 'running' are marked interrupted here, not on a read
  const imp = await createImport(db, {
    kind: 'registry',
    fileName: input.fileName,
    fileSha256: input.sha256,
    userId: input.user.id,
  });
  const done = runImport(db, imp.id, input).then(
    (summary): RegistryImportResult => ({ ok: true, importId: imp.id, summary }),
    async (err): Promise<RegistryImportResult> => {
      const error = failureMessage(err);
      const stop = err instanceof ImportStoppedError ? err.stop : undefined;
      try {
        await markImportFailed(db, imp.id, { message: error, problem: stop });
      } catch (e) {
        console.error('[registry-import] could not mark the import failed', e);
      }
      return { ok: false, importId: imp.id, error, stop };
    },
  );
  return { importId: imp.id, done };
}

/** Imports a registry file and waits for the result. */
export async function importRegistry(db: Db, input: RegistryImportInput): Promise<RegistryImportResult> {
  return (await startRegistryImport(db, input)).done;
}

async function runImport(db: Db, importId: number, input: RegistryImportInput): Promise<RegistryImportSummary> {
  const phase = phaseTimer(input.onPhase);
  const summary = await rawClient(db).begin(async (sql) => {
    const towns = await sql<
      { code: string; name: string; districtCode: string }[]
    >`select code, name, district_code as "districtCode" from towns`;
    const townsByName = new Map(towns.map((t) => [t.name, t.code]));
    const townCodes = new Set(towns.map((t) => t.code));
    // A district's staff write their district's people only; the whole area's staff everyone's.
    const townCodesInScope = importableTownCodes(input.user, towns);
    await sql.unsafe(CREATE_STAGING);
    phase('setup');
    const staged = await stageRegistryFile(db, sql, importId, input, { townsByName, townCodes, townCodesInScope });
    phase('read+validate+COPY');
    input.onPhase?.('  of which waiting for the server (COPY backpressure)', staged.copyWaitMs);
    const result = await mergeStaging(sql, importId, input, staged, townCodesInScope);
    phase('merge (total)');
    return result;
  });
  phase('commit');
  return summary as RegistryImportSummary;
}
