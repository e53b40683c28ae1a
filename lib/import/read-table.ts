/**
 * Streaming reader for uploaded tables: registry exports (300k–1M rows) and the messy poverty
 * lists other bureaus send (.xlsx or .csv). One entry point, `readTable`, yields the rows of the
 * FIRST worksheet (or of the CSV file) one at a time; nothing is interpreted (no header detection,
 * no trimming) — callers normalize.
 *
 * Safety on hostile files:
 * - the format comes from the content, not the extension (zip → xlsx, OLE → refused, else text);
 * - size, row and column limits; CSV lines longer than MAX_LINE_CHARS are refused;
 * - xlsx: the zip central directory is checked before anything is inflated (total uncompressed
 *   size, per-entry compression ratio), and while inflating, every entry is held to the size it
 *   declared, so a directory that lies about sizes is caught too;
 * - formulas are never evaluated: a formula cell gives the result Excel cached in the file;
 * - any failure surfaces as a `TableReadError` with a Chinese message for the user.
 *
 * Modules: csv-table.ts (CSV: encoding, delimiter, records), zip-parts.ts (zip directory, zip-bomb
 * guard, inflating parts), xlsx-plan.ts (first sheet, shared strings, date formats), xlsx-stream.ts
 * (the sheet through exceljs — how and why, in its header comment), table-errors.ts and
 * table-types.ts (shared by all of them).
 */
import fs from 'node:fs';
import { CsvFormatError } from './csv-records';
import { csvError, readCsv, rejectNonText } from './csv-table';
import { formatMiB, notSpreadsheet, TableReadError } from './table-errors';
import { MiB, type FileInfo, type Limits, type TableRow } from './table-types';
import { planXlsx } from './xlsx-plan';
import { readXlsx } from './xlsx-stream';
import { readAt } from './zip-parts';

export type { CellValue, Limits, TableRow } from './table-types';
export { TableReadError, type TableReadErrorCode } from './table-errors';
export { detectDelimiter } from './csv-table';
export { isDateFormat } from './xlsx-plan';
export { splitUtf8 } from './zip-parts';

// ---------------------------------------------------------------------------------------------
// Public API

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxBytes: 200 * MiB,
  maxRows: 1_200_000,
  maxColumns: 200,
  maxUncompressedBytes: 2 * 1024 * MiB,
  maxRatio: 200,
  maxSharedStringsBytes: 256 * MiB,
});

/**
 * Rows of the first worksheet of an .xlsx, or of a .csv/.tsv/.txt file, streamed from `path`.
 * `fileName` (the user's name for the upload) is only used in messages.
 *
 * Throws `TableReadError` — possibly after some rows were already yielded (e.g. too many rows, a
 * truncated file): treat any error as failing the whole import. (A missing `path` is a bug, not a
 * bad upload: that fs error is thrown as is.)
 */
export async function* readTable(
  input: { path: string; fileName: string },
  limits?: Partial<Limits>,
): AsyncGenerator<TableRow> {
  const lim: Limits = { ...DEFAULT_LIMITS, ...limits };
  const stat = await fs.promises.stat(input.path);
  if (!stat.isFile()) throw new TableReadError('not_a_spreadsheet', '上传的不是文件。');
  if (stat.size === 0) throw new TableReadError('empty', `文件“${input.fileName}”是空的（0 字节）。`);
  if (stat.size > lim.maxBytes) {
    throw new TableReadError(
      'too_large',
      `文件过大（${formatMiB(stat.size)}），上限为 ${formatMiB(lim.maxBytes)}。请拆分后分批上传。`,
    );
  }

  const file: FileInfo = { path: input.path, fileName: input.fileName, size: stat.size };
  let yielded = 0;
  let emptyMessage = `文件“${input.fileName}”中没有数据。`;
  try {
    const head = await readHead(input.path, 8192);
    let rows: AsyncGenerator<TableRow>;
    if (startsWith(head, ZIP_MAGIC)) {
      const plan = await planXlsx(file, lim);
      rows = readXlsx(file, plan, lim);
      emptyMessage = `第一个工作表“${plan.sheetName}”中没有数据（系统只读取第一个工作表）。`;
    } else if (startsWith(head, OLE_MAGIC)) {
      throw new TableReadError(
        'not_a_spreadsheet',
        '不支持旧版 .xls 格式，请另存为 .xlsx 或 .csv（如果文件设置了打开密码，请先取消密码）。',
      );
    } else {
      rejectNonText(head, input.fileName);
      rows = readCsv(file, lim);
    }
    for await (const row of rows) {
      yielded++;
      yield row;
    }
  } catch (err) {
    throw asTableReadError(err, input.fileName);
  }
  if (yielded === 0) throw new TableReadError('empty', emptyMessage);
}

// ---------------------------------------------------------------------------------------------
// Format sniffing

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4": a zip local file header
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls, .et, encrypted .xlsx

function startsWith(buf: Buffer, magic: readonly number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    return await readAt(fh, 0, length);
  } finally {
    await fh.close();
  }
}

/** Anything thrown while reading becomes a TableReadError; the original is kept as `cause`. */
function asTableReadError(err: unknown, fileName: string): TableReadError {
  if (err instanceof TableReadError) return err;
  if (err instanceof CsvFormatError) return csvError(err, fileName);
  const e = notSpreadsheet(fileName);
  (e as { cause?: unknown }).cause = err;
  return e;
}
