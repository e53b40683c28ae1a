/**
 * Poverty-list import: stream the file, find the header, keep every row (bad IDs as 待核实 with the
 * reason), classify each listed person against the registry for the list's year, open 销号 cases
 * and store match suggestions — all in one transaction, so a failure leaves nothing half-applied
 * and a re-run of the same file completes it. Importing a file already imported changes nothing.
 */
import { asc, eq, inArray, and } from 'drizzle-orm';
import type { Db, Executor } from '@/db';
import { writeAudit } from '@/db/queries/audit';
import { createImport, finishImport, insertImportErrors, updateImportProgress, type ImportErrorRow } from '@/db/queries/imports';
import { candidatesByName, findListBySha, insertListRows, insertSuggestions, openCasesForList, previousListOf, registryMatches, type NewListRow } from '@/db/queries/lists';
import { listRows, povertyLists, towns, type PovertySource } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { classifyListRow } from '@/lib/domain/classification';
import { findHeaderRow, noiseReason, type HeaderMapping } from '@/lib/domain/import-headers';
import { normalizeListRow } from '@/lib/domain/list-row';
import { suggestMatches } from '@/lib/domain/suggestions';
import { readTable, TableReadError, type CellValue, type TableRow } from './read-table';

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
  /** The header row and column mapping chosen by hand in the preview, when detection failed. */
  manualHeader?: ManualHeader;
}

export interface ManualHeader {
  headerRowNo: number;
  mapping: HeaderMapping;
}

export type ListImportResult =
  | { ok: true; importId: number; listId: number; alreadyImported: boolean }
  | { ok: false; importId: number | null; error: string };

const BATCH = 2000;
const HEADER_SCAN_ROWS = 15;
const text = (c: CellValue | undefined) => (c == null ? '' : String(c));
const pick = (cells: CellValue[], mapping: HeaderMapping, field: keyof HeaderMapping) => {
  const i = mapping[field];
  return i == null ? undefined : cells[i] ?? undefined;
};

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Starts an import: returns at once with the import's id (progress is polled), and `done` settles
 * when the file is processed. A file already imported for this source returns its list unchanged.
 */
export async function startPovertyListImport(db: Db, input: ListImportInput): Promise<{ importId: number; done: Promise<ListImportResult> }> {
  const existing = await findListBySha(db, input.source, input.sha256);
  if (existing) return { importId: existing.importId, done: Promise.resolve({ ok: true, importId: existing.importId, listId: existing.id, alreadyImported: true }) };
  const imp = await createImport(db, { kind: 'list', fileName: input.fileName, fileSha256: input.sha256, userId: input.user.id });
  const done = db.transaction((tx) => importInTransaction(db, tx, imp.id, input)).then(
    (listId): ListImportResult => ({ ok: true, importId: imp.id, listId, alreadyImported: false }),
    async (err): Promise<ListImportResult> => {
      const known = err instanceof TableReadError || err instanceof ListImportError;
      if (!known) console.error('[list-import]', err);
      const error = known ? err.message : '导入失败：处理时发生错误，本次导入未写入任何数据，可重新导入该文件';
      await finishImport(db, imp.id, { status: 'failed', message: error });
      return { ok: false, importId: imp.id, error };
    },
  );
  return { importId: imp.id, done };
}

/** Imports a list and waits for the result. */
export async function importPovertyList(db: Db, input: ListImportInput): Promise<ListImportResult> {
  return (await startPovertyListImport(db, input)).done;
}

export class ListImportError extends Error {}

async function importInTransaction(db: Db, tx: Executor, importId: number, input: ListImportInput): Promise<number> {
  const townsByName = new Map((await tx.select().from(towns)).map((t) => [t.name, t.code]));
  const previous = await previousListOf(tx, input.source, input.listDate);
  const [list] = await tx
    .insert(povertyLists)
    .values({ source: input.source, listDate: input.listDate, year: input.year, importId, fileSha256: input.sha256, previousListId: previous?.id ?? null })
    .returning();

  const errors: ImportErrorRow[] = [];
  const counts = { rowsDone: 0, rowsRejected: 0, rowsSkipped: 0 };
  let mapping: HeaderMapping | null = null;
  const manual = input.manualHeader;
  const headRows: TableRow[] = [];
  let batch: TableRow[] = [];

  const flush = async () => {
    if (batch.length === 0 || !mapping) return;
    const rows = await classifyBatch(tx, batch, mapping, input, townsByName, list.id, errors, counts);
    await insertListRows(tx, list.id, rows);
    batch = [];
    await updateImportProgress(db, importId, counts);
  };

  const accept = async (row: TableRow) => {
    const cells = row.cells.map(text);
    const skip = noiseReason(cells, mapping!);
    if (skip) {
      counts.rowsSkipped += 1;
      errors.push({ rowNo: row.rowNo, values: row.cells, reason: skip, skipped: true });
      return;
    }
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  };

  for await (const row of readTable({ path: input.filePath, fileName: input.fileName })) {
    if (mapping) {
      await accept(row);
      continue;
    }
    if (manual) {
      if (row.rowNo <= manual.headerRowNo) {
        counts.rowsSkipped += 1;
        errors.push({ rowNo: row.rowNo, values: row.cells, reason: '表头或表头之前的标题行', skipped: true });
        continue;
      }
      mapping = manual.mapping;
      await accept(row);
      continue;
    }
    headRows.push(row);
    const found = findHeaderRow(headRows.map((r) => r.cells.map(text)), ['name', 'idNumber'], HEADER_SCAN_ROWS);
    if (found) {
      mapping = found.mapping;
      for (const r of headRows.slice(0, found.rowIndex)) {
        counts.rowsSkipped += 1;
        errors.push({ rowNo: r.rowNo, values: r.cells, reason: '表头之前的标题行', skipped: true });
      }
      for (const r of headRows.slice(found.dataStartIndex)) await accept(r);
    } else if (headRows.length >= HEADER_SCAN_ROWS) break;
  }
  if (!mapping) throw new ListImportError('未找到表头：文件前 15 行中没有同时包含“姓名”和“身份证号”（或公民身份号码、证件号码）的行');
  await flush();
  if (counts.rowsDone === 0) throw new ListImportError('文件中没有可导入的人员行');

  await insertImportErrors(tx, importId, errors);
  const casesOpened = await openCasesForList(tx, list.id, input.year, addDays(new Date().toISOString().slice(0, 10), input.dueDays ?? 30));
  await storeSuggestions(tx, list.id);
  const actor = { userId: input.user.id, username: input.user.username, role: input.user.role, ip: input.ip };
  await writeAudit(tx, actor, {
    action: 'list.import',
    entityType: 'poverty_list',
    entityId: list.id,
    after: { fileName: input.fileName, source: input.source, listDate: input.listDate, year: input.year, ...counts, casesOpened },
  });
  await finishImport(tx, importId, { status: 'completed', ...counts });
  return list.id;
}

async function classifyBatch(
  tx: Executor,
  batch: TableRow[],
  mapping: HeaderMapping,
  input: ListImportInput,
  townsByName: Map<string, string>,
  listId: number,
  errors: ImportErrorRow[],
  counts: { rowsDone: number; rowsRejected: number },
): Promise<Omit<NewListRow, 'listId'>[]> {
  const normalized = batch.map((row) => ({
    row,
    n: normalizeListRow(
      {
        name: text(pick(row.cells, mapping, 'name')),
        idNumber: pick(row.cells, mapping, 'idNumber') ?? '',
        town: text(pick(row.cells, mapping, 'town')),
        village: text(pick(row.cells, mapping, 'village')),
        category: text(pick(row.cells, mapping, 'category')),
      },
      input.source,
      townsByName,
    ),
  }));
  const matches = await registryMatches(tx, normalized.flatMap(({ n }) => (n.idNumber ? [n.idNumber] : [])), input.year);
  return normalized.map(({ row, n }) => {
    const match = n.idNumber ? matches.get(n.idNumber) : undefined;
    const matchClass = classifyListRow({ idValid: n.idNumber != null, personFound: match != null, enrollments: match?.schemes ?? [] });
    counts.rowsDone += 1;
    if (n.idError) {
      counts.rowsRejected += 1;
      errors.push({ rowNo: row.rowNo, values: row.cells, reason: `身份证号有误（已保留待核实）：${n.idError.message}`, skipped: false });
    }
    return {
      rowNo: row.rowNo,
      rawValues: row.cells,
      name: n.name.slice(0, 50),
      idNumber: (n.idNumber ?? n.idRaw).slice(0, 40) || null,
      idError: n.idError?.message ?? null,
      birthDate: n.birthDate,
      townCode: match?.townCode ?? n.townCode,
      village: n.village?.slice(0, 50) ?? null,
      category: n.category,
      personId: match?.personId ?? null,
      matchClass,
    };
  });
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
      suggestMatches({ name: r.name, idNumber: r.idNumber ?? '', birthDate: r.birthDate, townCode: r.townCode }, byName.get(r.name) ?? [])
        .filter((s) => s.strength !== 'none')
        .slice(0, 5)
        .map((suggestion) => ({ listRowId: r.id, suggestion })),
    );
    await insertSuggestions(tx, found);
  }
}
