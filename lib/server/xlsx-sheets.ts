import type { SheetColumn } from './xlsx';
import { writeXlsx, type Sheet } from './xlsx-write';

export type { Sheet } from './xlsx-write';

/** One sheet from typed rows and buildXlsx-style columns. */
export function sheet<R>(name: string, columns: SheetColumn<R>[], rows: Iterable<R>): Sheet {
  return {
    name,
    columns: columns.map((c) => ({ header: c.header, width: c.width ?? 14 })),
    rows: Array.from(rows, (r) => columns.map((c) => c.value(r))),
  };
}

/** A workbook of several sheets, each like buildXlsx's: bold frozen header, cells as given. */
export function buildXlsxSheets(sheets: Sheet[]): Buffer {
  return writeXlsx(sheets);
}
