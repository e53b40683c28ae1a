/** Types shared by the table reader's modules; the public ones are re-exported by read-table.ts. */

/** A cell: text as string; a numeric spreadsheet cell as a JS number (CSV: always strings);
 *  dates as 'YYYY-MM-DD' ('YYYY-MM-DD HH:mm:ss' when the cell has a time of day); empty as null. */
export type CellValue = string | number | null;

export interface TableRow {
  /** 1-based row number in the sheet/file as the user sees it (Excel's row number; for CSV the
   *  record number, counting blank lines). */
  rowNo: number;
  /** Cells from column A on. Trailing empty cells are dropped; rows with no non-empty cell are not
   *  yielded at all (their numbers are simply skipped). */
  cells: CellValue[];
}

export interface Limits {
  /** Largest accepted file, bytes. */
  maxBytes: number;
  /** Most rows (sheet row number or CSV record number, blank rows included). */
  maxRows: number;
  /** Most columns in a row (up to its last non-empty cell). */
  maxColumns: number;
  /** xlsx: largest total uncompressed size of all zip entries, bytes. */
  maxUncompressedBytes: number;
  /** xlsx: largest compression ratio (uncompressed / compressed) of an entry. Entries smaller than
   *  1 MiB uncompressed are exempt: tiny, very regular parts compress well and are harmless. */
  maxRatio: number;
  /** xlsx: largest shared-strings part (uncompressed XML, bytes). exceljs keeps every shared
   *  string in memory, so this bounds the reader's memory. */
  maxSharedStringsBytes: number;
}

export const MiB = 1024 * 1024;

export interface FileInfo {
  path: string;
  fileName: string;
  size: number;
}

/** A cell as text ('' for empty). */
export const cellText = (c: CellValue | undefined): string => (c == null ? '' : String(c));

/** The cell of a mapped field (undefined when the field has no column or the cell is empty). */
export function fieldCell(
  cells: CellValue[],
  mapping: Partial<Record<string, number>>,
  field: string,
): CellValue | undefined {
  const i = mapping[field];
  return i == null ? undefined : (cells[i] ?? undefined);
}
