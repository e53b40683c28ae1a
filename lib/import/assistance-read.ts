/**
 * 医疗救助 import, first step: the settlement export streamed (readTable), its header settled
 * (HeaderPhase: the user's confirmed mapping), every row checked in JS (assistance-row.ts). Noise
 * rows (blank, 合计, notes, a repeated header) and a SETL_ID repeated in the file are skipped with
 * the reason; bad rows are rejected with the reason. Rows failing alike stop the import while
 * reading (lib/domain/import-stop.ts) — nothing has been written then.
 */
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import type { HeaderMapping } from '@/lib/domain/import-headers';
import { AlikeFailures, type RowProblem } from '@/lib/domain/import-stop';
import { noiseReason } from '@/lib/domain/noise-rows';
import { shapeAssistanceRow, type AssistanceRowValues } from './assistance-row';
import { ImportFileError, ImportStoppedError } from './import-errors';
import { readTable, type CellValue, type TableRow } from './read-table';
import { HeaderPhase } from './table-header';
import { cellText as text } from './table-types';

export interface ReadRow {
  rowNo: number;
  cells: CellValue[];
  values: AssistanceRowValues;
}

/** A row not imported: rejected (an error) or skipped (noise, a repeat), with the reason. */
export interface RowOutcome {
  rowNo: number;
  cells: CellValue[];
  reason: string;
  skipped: boolean;
}

export interface ReadResult {
  rows: ReadRow[];
  rejected: RowOutcome[];
  skipped: RowOutcome[];
  /** Data rows read (noise rows not counted). */
  dataRows: number;
  failures: AlikeFailures;
}

export async function readAssistanceFile(
  file: { filePath: string; fileName: string; header?: ConfirmedHeader },
  today = new Date(),
): Promise<ReadResult> {
  const out: ReadResult = { rows: [], rejected: [], skipped: [], dataRows: 0, failures: new AlikeFailures() };
  const seen = new Map<string, number>();
  const head = new HeaderPhase('assistance', file.header);
  let mapping: HeaderMapping | null = null;

  const skip = (row: TableRow, reason: string) =>
    out.skipped.push({ rowNo: row.rowNo, cells: row.cells, reason, skipped: true });
  const accept = (row: TableRow) => {
    const r = shapeAssistanceRow(row.cells, mapping!, today);
    if (!r.ok) {
      const noise = noiseReason(row.cells.map(text), mapping!);
      if (noise) return skip(row, noise);
    }
    out.dataRows += 1;
    const problems: RowProblem[] = r.ok ? [] : r.problems;
    out.failures.addRow(problems);
    if (out.dataRows % 50 === 0) {
      const stop = out.failures.check();
      if (stop) throw new ImportStoppedError(stop);
    }
    if (!r.ok) {
      out.rejected.push({
        rowNo: row.rowNo,
        cells: row.cells,
        reason: r.problems.map((p) => p.message).join('；'),
        skipped: false,
      });
      return;
    }
    const first = seen.get(r.values.settlementId);
    if (first != null) return skip(row, `结算ID ${r.values.settlementId} 与第 ${first} 行重复，只导入一次`);
    seen.set(r.values.settlementId, row.rowNo);
    out.rows.push({ rowNo: row.rowNo, cells: row.cells, values: r.values });
  };
  const settle = (found: NonNullable<ReturnType<HeaderPhase['push']>>) => {
    mapping = found.mapping;
    for (const { row, reason } of found.skipped) skip(row, reason);
    for (const r of found.data) accept(r);
  };

  for await (const row of readTable({ path: file.filePath, fileName: file.fileName })) {
    if (mapping) {
      accept(row);
      continue;
    }
    const found = head.push(row);
    if (found) settle(found);
  }
  if (!mapping) {
    const found = head.end();
    if (found) settle(found);
  }
  if (out.dataRows === 0) throw new ImportFileError('文件中没有可导入的结算行');
  return out;
}
