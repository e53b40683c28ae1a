/**
 * The preview step of an import: the first rows of the file as the user sees them, and the header
 * row and column mapping the importer recognized (or null, so the user maps the columns by hand).
 */
import { findHeaderRow, type Field, type HeaderMapping } from '@/lib/domain/import-headers';
import { readTable, type CellValue } from './read-table';

export const PREVIEW_ROWS = 15;

export interface ImportPreview {
  rows: { rowNo: number; cells: string[] }[];
  detected: { headerRowNo: number; mapping: HeaderMapping; unknown: string[] } | null;
}

const ID_LIKE = /^\s*\d{6}\s*\d{8}\s*\d{3}[\dXx]\s*$|^\d{15}$/;
/** ID numbers in the preview are masked like everywhere else. */
const shown = (c: CellValue) => {
  const s = c == null ? '' : String(c);
  return ID_LIKE.test(s) ? `${s.trim().slice(0, 6)}********${s.trim().slice(-4)}` : s;
};

export async function previewTable(file: { path: string; fileName: string }, required: Field[]): Promise<ImportPreview> {
  const raw: { rowNo: number; cells: CellValue[] }[] = [];
  for await (const row of readTable(file)) {
    raw.push(row);
    if (raw.length >= PREVIEW_ROWS) break;
  }
  const found = findHeaderRow(raw.map((r) => r.cells.map((c) => (c == null ? '' : String(c)))), required, PREVIEW_ROWS);
  return {
    rows: raw.map((r) => ({ rowNo: r.rowNo, cells: r.cells.map(shown) })),
    detected: found ? { headerRowNo: raw[found.rowIndex].rowNo, mapping: found.mapping, unknown: found.unknown } : null,
  };
}
