/** TableReadError and the Chinese messages shared by the CSV and xlsx readers. */
import { MiB, type CellValue, type Limits } from './table-types';

export type TableReadErrorCode =
  'too_large' | 'too_many_rows' | 'too_many_columns' | 'zip_bomb' | 'not_a_spreadsheet' | 'empty' | 'encoding';

/** Why a file could not be read; `message` is Chinese and can be shown to the user as is. */
export class TableReadError extends Error {
  constructor(
    readonly code: TableReadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TableReadError';
  }
}

export function formatMiB(bytes: number): string {
  return `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MB`;
}

export function notSpreadsheet(fileName: string, detail = '文件已损坏或不是有效的 Excel 文件'): TableReadError {
  return new TableReadError(
    'not_a_spreadsheet',
    `无法读取“${fileName}”：${detail}。请用 Excel 打开后另存为 .xlsx 或 .csv 再上传。`,
  );
}

/** Drops trailing empty cells; null when nothing is left (a blank row). */
export function trimRow(cells: CellValue[]): CellValue[] | null {
  let n = cells.length;
  while (n > 0 && (cells[n - 1] === null || cells[n - 1] === '')) n--;
  if (n === 0) return null;
  if (n < cells.length) cells.length = n;
  return cells;
}

export function tooManyColumns(rowNo: number, count: number, lim: Limits): TableReadError {
  return new TableReadError(
    'too_many_columns',
    `第 ${rowNo} 行有 ${count} 列数据，超过上限 ${lim.maxColumns} 列。请检查是否选错了文件，或删除多余的列后再上传。`,
  );
}

export function tooManyRows(lim: Limits): TableReadError {
  return new TableReadError(
    'too_many_rows',
    `文件超过 ${lim.maxRows.toLocaleString('en-US')} 行的上限，请拆分后分批上传。`,
  );
}
