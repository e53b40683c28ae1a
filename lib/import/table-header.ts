/**
 * The header phase of a streaming import: the rows before the data (title rows, the header, a
 * sub-header under merged cells) and the column mapping. With a header the user confirmed in the
 * preview, rows up to its row number are not data. Without one (library callers: tests, benchmarks)
 * the header is detected among the first rows, and any open question — a guess, two columns for
 * one field, a missing field — stops the import: it is never answered silently.
 */
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import { detectHeader, questionText, type ImportKind } from '@/lib/domain/header-recognition';
import { FIELD_LABELS, type HeaderMapping } from '@/lib/domain/import-headers';
import { ImportHeaderError } from './import-errors';
import type { TableRow } from './read-table';
import { cellText as text } from './table-types';

export const HEADER_SCAN_ROWS = 15;

export interface SettledHeader {
  mapping: HeaderMapping;
  /** Rows before the data, with the reason they are not imported. */
  skipped: { row: TableRow; reason: string }[];
  /** Rows read while looking for the header that are data. */
  data: TableRow[];
}

export class HeaderPhase {
  private readonly buffer: TableRow[] = [];

  constructor(
    private readonly kind: ImportKind,
    private readonly confirmed?: ConfirmedHeader,
    private readonly defaults: { year?: number } = {},
  ) {}

  /** Feeds the next row; returns the settled header once it is known, else null. */
  push(row: TableRow): SettledHeader | null {
    if (this.confirmed) {
      if (row.rowNo <= this.confirmed.headerRowNo) {
        this.buffer.push(row);
        return null;
      }
      const reason = '表头或表头之前的标题行';
      return {
        mapping: this.confirmed.mapping,
        skipped: this.buffer.filter((r) => r.rowNo < this.confirmed!.headerRowNo).map((r) => ({ row: r, reason })),
        data: [row],
      };
    }
    this.buffer.push(row);
    return this.detect(false);
  }

  /** At the end of the file: the header if it can still be settled; throws if there is none. */
  end(): SettledHeader | null {
    if (this.confirmed) return null; // the file ended in the header: no data
    const found = this.detect(true);
    if (!found) throw new ImportHeaderError(this.notFound());
    return found;
  }

  private detect(atEnd: boolean): SettledHeader | null {
    const rows = this.buffer.map((r) => r.cells.map(text));
    const found = detectHeader(rows, this.kind, HEADER_SCAN_ROWS);
    // The row after a header may be its sub-header: decide once it has been seen.
    if (found && (found.rowIndex < rows.length - 1 || atEnd)) {
      const open = found.recognition.questions.filter(
        (q) => !(q.kind === 'missing' && q.field === 'year' && this.defaults.year),
      );
      if (open.length > 0) {
        const questions = open.map((q) => questionText(q, found.recognition.columns)).join('；');
        throw new ImportHeaderError(`列的对应关系需要确认：${questions}。请在导入页面的预览中确认列对应后再导入`);
      }
      return {
        mapping: found.recognition.mapping,
        skipped: [
          ...this.buffer.slice(0, found.rowIndex).map((row) => ({ row, reason: '表头之前的标题行' })),
          ...this.buffer
            .slice(found.rowIndex + 1, found.lastRowIndex + 1)
            .map((row) => ({ row, reason: '表头的第二行（合并单元格下的列名）' })),
        ],
        data: this.buffer.slice(found.lastRowIndex + 1),
      };
    }
    if (!atEnd && this.buffer.length >= HEADER_SCAN_ROWS) throw new ImportHeaderError(this.notFound());
    return null;
  }

  private notFound(): string {
    return `未找到表头：文件前 ${HEADER_SCAN_ROWS} 行中没有同时包含“${FIELD_LABELS.name}”和“${FIELD_LABELS.idNumber}”（或公民身份号码、证件号码等）的行；可在预览中手工指定表头行和各列`;
  }
}
