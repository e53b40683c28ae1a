/**
 * 医疗救助 import (settlement export, SETL_D): read and check every row (assistance-read.ts), then in
 * ONE transaction: match ID numbers to registry people (not found, outside the importer's scope or
 * another name → rejected with the reason), skip rows whose SETL_ID is already stored (a re-import
 * of the same file changes nothing), resolve reversals (a reversal cancels its original, in the
 * file or stored; an unknown original → rejected, never a negative record that adds), stop when
 * rows fail alike, insert, re-check the annual cap of every person-year touched (flagged, never
 * cut), write the error report and the audit row. Any failure rolls everything back.
 */
import type { Db } from '@/db';
import { writeAudit } from '@/db/queries/audit';
import {
  categoriesOf,
  insertRecords,
  markReversed,
  peopleByIdNumbers,
  recheckCaps,
  recordsBySettlementIds,
  type RegistryPerson,
} from '@/db/queries/assistance-writes';
import { createImport, finishImport, markStaleImports, updateImportProgress } from '@/db/queries/imports';
import { sql } from 'drizzle-orm';
import { towns, type NewAssistanceRecord } from '@/db/schema';
import { pgArray } from '@/db/queries/pg-array';
import type { SessionUser } from '@/lib/auth/types';
import { reversalProblem, type ReversalTarget } from '@/lib/domain/assistance';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import { normalizePersonName } from '@/lib/domain/list-row';
import { readAssistanceFile, type ReadResult, type ReadRow, type RowOutcome } from './assistance-read';
import { ImportFileError, ImportStoppedError } from './import-errors';
import { markImportFailed, unexpectedFailure } from './import-failed';
import { rawJson } from './copy';
import { TableReadError } from './read-table';
import { importableTownCodes } from './registry-row';

export interface AssistanceImportInput {
  filePath: string;
  fileName: string;
  sha256: string;
  header?: ConfirmedHeader;
  user: SessionUser;
  ip: string | null;
}

export interface AssistanceImportSummary {
  settlements: number;
  reversals: number;
  alreadyImported: number;
  rejected: number;
  skipped: number;
  /** New records that take their person's year past the cap (flagged, kept whole). */
  capFlagged: number;
  peopleOverCap: number;
}

export type AssistanceImportResult =
  | { ok: true; importId: number; summary: AssistanceImportSummary }
  | { ok: false; importId: number; error: string; stop?: ImportStoppedError['stop'] };

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export function summaryMessage(s: AssistanceImportSummary): string {
  const parts = [`新增结算 ${s.settlements} 条、冲销 ${s.reversals} 条`];
  if (s.alreadyImported > 0) parts.push(`结算ID已导入过、未重复计入 ${s.alreadyImported} 条`);
  if (s.rejected > 0) parts.push(`拒收 ${s.rejected} 行（见错误报告）`);
  if (s.skipped > 0) parts.push(`跳过 ${s.skipped} 行`);
  if (s.capFlagged > 0)
    parts.push(
      `${s.capFlagged} 条记录使 ${s.peopleOverCap} 人的年度医疗救助超过 5 万元上限（已标记，金额未核减，请核查）`,
    );
  return `导入完成：${parts.join('；')}`;
}

export async function startAssistanceImport(
  db: Db,
  input: AssistanceImportInput,
): Promise<{ importId: number; done: Promise<AssistanceImportResult> }> {
  await markStaleImports(db);
  const imp = await createImport(db, {
    kind: 'assistance',
    fileName: input.fileName,
    fileSha256: input.sha256,
    userId: input.user.id,
  });
  const done = (async () => {
    const read = await readAssistanceFile(input);
    await updateImportProgress(db, imp.id, {
      rowsDone: read.dataRows,
      rowsRejected: read.rejected.length,
      rowsSkipped: read.skipped.length,
    });
    return db.transaction((tx) => importInTransaction(tx, imp.id, input, read));
  })().then(
    (summary): AssistanceImportResult => ({ ok: true, importId: imp.id, summary }),
    async (err): Promise<AssistanceImportResult> => {
      const known =
        err instanceof TableReadError || err instanceof ImportFileError || err instanceof ImportStoppedError;
      const error = known
        ? err instanceof ImportStoppedError
          ? err.message
          : `导入失败：${err.message}（本次导入未写入任何数据）`
        : unexpectedFailure('[assistance-import]', err);
      const stop = err instanceof ImportStoppedError ? err.stop : undefined;
      await markImportFailed(db, imp.id, { message: error, problem: stop });
      return { ok: false, importId: imp.id, error, stop };
    },
  );
  return { importId: imp.id, done };
}

export async function importAssistance(db: Db, input: AssistanceImportInput): Promise<AssistanceImportResult> {
  return (await startAssistanceImport(db, input)).done;
}

interface Matched extends ReadRow {
  person: RegistryPerson;
}

/** Registry matching: the person of each row, or the reason it is rejected (also counted for the stop). */
async function matchPeople(tx: Tx, input: AssistanceImportInput, read: ReadResult) {
  const allTowns = await tx.select().from(towns);
  const townCodesInScope = importableTownCodes(input.user, allTowns);
  const persons = await peopleByIdNumbers(
    tx,
    read.rows.map((r) => r.values.idNumber),
  );
  const matched: Matched[] = [];
  for (const row of read.rows) {
    const person = persons.get(row.values.idNumber);
    const reject = (code: string, reason: string) => {
      read.failures.add(code, 1, reason);
      read.rejected.push({ rowNo: row.rowNo, cells: row.cells, reason, skipped: false });
    };
    if (!person) reject('idNumber.not_found', '证件号码在参保登记中查无此人（请先导入或登记该人员）');
    else if (townCodesInScope && !townCodesInScope.has(person.townCode))
      reject('idNumber.out_of_scope', '该人员不属于您管辖的镇街，不能导入其救助记录');
    else if (normalizePersonName(person.name) !== row.values.name)
      reject('name.mismatch', `姓名“${row.values.name}”与参保登记的姓名不一致`);
    else matched.push({ ...row, person });
  }
  return matched;
}

async function importInTransaction(
  tx: Tx,
  importId: number,
  input: AssistanceImportInput,
  read: ReadResult,
): Promise<AssistanceImportSummary> {
  const matched = await matchPeople(tx, input, read);
  const stored = await recordsBySettlementIds(tx, [
    ...matched.map((r) => r.values.settlementId),
    ...matched.flatMap((r) => (r.values.initSettlementId ? [r.values.initSettlementId] : [])),
  ]);
  let alreadyImported = 0;
  const fresh = matched.filter((r) => {
    if (!stored.has(r.values.settlementId)) return true;
    alreadyImported += 1;
    read.skipped.push({
      rowNo: r.rowNo,
      cells: r.cells,
      reason: `结算ID ${r.values.settlementId} 已导入过，跳过（不重复计入）`,
      skipped: true,
    });
    return false;
  });

  // Reversals in file order: the original stored before, or a settlement of this file.
  const targets = new Map<
    string,
    ReversalTarget & { townCode: string; category?: string | null; institutionName: string }
  >();
  for (const r of stored.values()) targets.set(r.settlementId, { ...r });
  const settlements = fresh.filter((r) => !r.values.initSettlementId);
  for (const r of settlements)
    targets.set(r.values.settlementId, {
      id: -1,
      kind: 'settlement',
      reversedById: null,
      personId: r.person.id,
      assistanceFen: r.values.assistanceFen,
      townCode: r.person.townCode,
      institutionName: r.values.institutionName!,
    });
  const reversals: { row: Matched; original: string }[] = [];
  for (const r of fresh.filter((x) => x.values.initSettlementId)) {
    const init = r.values.initSettlementId!;
    const target = targets.get(init) ?? null;
    const why = reversalProblem(
      { initSettlementId: init, personId: r.person.id, assistanceFen: r.values.assistanceFen },
      target,
    );
    if (why) {
      read.failures.add(why.includes('不存在') ? 'initSettlementId.unknown' : 'initSettlementId.invalid', 1, why);
      read.rejected.push({ rowNo: r.rowNo, cells: r.cells, reason: why, skipped: false });
      continue;
    }
    target!.reversedById = 0; // taken: a second reversal of it in this file is refused
    reversals.push({ row: r, original: init });
  }
  const stop = read.failures.final();
  if (stop) throw new ImportStoppedError(stop);

  const categories = await categoriesOf(
    tx,
    settlements.map((r) => ({ personId: r.person.id, year: r.values.year })),
  );
  const base = (r: Matched): NewAssistanceRecord => ({
    settlementId: r.values.settlementId,
    personId: r.person.id,
    townCode: r.person.townCode,
    year: r.values.year,
    settlementDate: r.values.settlementDate,
    medType: r.values.medType,
    institutionCode: r.values.institutionCode,
    institutionName: r.values.institutionName ?? '',
    totalFen: r.values.totalFen,
    policyRangeFen: r.values.policyRangeFen,
    assistanceFen: r.values.assistanceFen,
    source: 'import',
    importId,
    createdBy: input.user.id,
    updatedBy: input.user.id,
  });
  const newIds = await insertRecords(
    tx,
    settlements.map((r) => ({ ...base(r), category: categories.of(r.person.id, r.values.year) })),
  );
  const originals = await recordsBySettlementIds(
    tx,
    reversals.map((r) => r.original),
  );
  const reversalIds = await insertRecords(
    tx,
    reversals.map(({ row, original }) => {
      const o = originals.get(original)!;
      return {
        ...base(row),
        kind: 'reversal' as const,
        initSettlementId: original,
        townCode: o.townCode,
        category: o.category,
        institutionName: row.values.institutionName ?? o.institutionName,
        institutionCode: row.values.institutionCode ?? o.institutionCode,
      };
    }),
  );
  const marked = await markReversed(
    tx,
    reversals.map(({ row, original }) => ({
      originalId: originals.get(original)!.id,
      reversalId: reversalIds.get(row.values.settlementId)!,
    })),
  );
  if (marked !== reversals.length) throw new Error('an original was reversed while the import ran');
  const flagged = await recheckCaps(tx, [
    ...settlements.map((r) => ({ personId: r.person.id, year: r.values.year })),
    ...[...originals.values()].map((o) => ({ personId: o.personId, year: o.year })),
  ]);
  const newIdSet = new Set(newIds.values());
  const newFlags = flagged.filter((f) => newIdSet.has(f.id));
  const summary: AssistanceImportSummary = {
    settlements: settlements.length,
    reversals: reversals.length,
    alreadyImported,
    rejected: read.rejected.length,
    skipped: read.skipped.length,
    capFlagged: newFlags.length,
    peopleOverCap: new Set(newFlags.map((f) => `${f.personId}:${f.year}`)).size,
  };
  await writeReport(tx, importId, [...read.rejected, ...read.skipped]);
  const actor = { userId: input.user.id, username: input.user.username, role: input.user.role, ip: input.ip };
  await writeAudit(tx, actor, {
    action: 'assistance.import',
    entityType: 'import',
    entityId: importId,
    after: { fileName: input.fileName, ...summary },
  });
  await finishImport(tx, importId, {
    status: 'completed',
    rowsDone: read.dataRows,
    rowsRejected: read.rejected.length,
    rowsSkipped: read.skipped.length,
    message: summaryMessage(summary),
  });
  return summary;
}

/** The error report: every rejected and skipped row with its original values and the reason (unnest, 5,000 a statement). */
async function writeReport(tx: Tx, importId: number, outcomes: RowOutcome[]) {
  const rows = outcomes.sort((a, b) => a.rowNo - b.rowNo);
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await tx.execute(sql`
      insert into import_errors (import_id, row_no, values, reason, skipped)
      select ${importId}, * from unnest(${pgArray(part.map((o) => o.rowNo))}::int[],
        ${pgArray(part.map((o) => rawJson(o.cells)))}::jsonb[], ${pgArray(part.map((o) => o.reason))}::text[],
        ${pgArray(part.map((o) => (o.skipped ? 1 : 0)))}::smallint[])`);
  }
}
