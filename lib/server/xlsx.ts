import { writeXlsx, type Sheet } from './xlsx-write';

export interface SheetColumn<R> {
  header: string;
  width?: number;
  value: (row: R) => string | number | null;
}

/** One worksheet with a bold, frozen header row; every cell is written as given (ID numbers stay text); an optional last-row note. */
export async function buildXlsx<R>(
  sheetName: string,
  columns: SheetColumn<R>[],
  rows: Iterable<R>,
  footer?: string,
): Promise<Buffer> {
  const table = sheet(sheetName, columns, rows);
  if (footer) table.rows.push([footer]);
  return writeXlsx([table]);
}

/** One sheet of a multi-sheet workbook (writeXlsx) from typed rows and buildXlsx-style columns. */
export function sheet<R>(name: string, columns: SheetColumn<R>[], rows: Iterable<R>): Sheet {
  return {
    name,
    columns: columns.map((c) => ({ header: c.header, width: c.width ?? 14 })),
    rows: Array.from(rows, (r) => columns.map((c) => c.value(r))),
  };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx download; the Chinese file name is RFC 5987 encoded, with an ASCII fallback. */
export function xlsxResponse(content: Buffer, fileName: string, asciiFallback: string): Response {
  return new Response(new Uint8Array(content), {
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
