import ExcelJS from 'exceljs';
import type { SheetColumn } from './xlsx';

/** A sheet with its cells computed: name, column headers and widths, rows. */
export interface Sheet {
  name: string;
  columns: { header: string; width: number }[];
  rows: (string | number | null)[][];
}

/** One sheet from typed rows and buildXlsx-style columns. */
export function sheet<R>(name: string, columns: SheetColumn<R>[], rows: Iterable<R>): Sheet {
  return {
    name,
    columns: columns.map((c) => ({ header: c.header, width: c.width ?? 14 })),
    rows: Array.from(rows, (r) => columns.map((c) => c.value(r))),
  };
}

/** A workbook of several sheets, each like buildXlsx's: bold frozen header, cells as given. */
export async function buildXlsxSheets(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '医保经办服务平台';
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns;
    ws.getRow(1).font = { bold: true };
    for (const row of s.rows) ws.addRow(row);
  }
  // Stored, not deflated: a dashboard export is built per filter, and compressing took most of its CPU
  // (≈ 4 ms of 6 for a small workbook); the files are a few tens of KB either way.
  return Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
}
