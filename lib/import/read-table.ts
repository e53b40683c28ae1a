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
 * How the xlsx is read: we open the zip ourselves (central directory), pick the parts we need and
 * feed exceljs's streaming `WorkbookReader` a small synthetic zip holding only those parts, in the
 * order it needs them: an empty workbook.xml.rels, the shared strings (or an empty table), then
 * the first worksheet, all as "stored" entries that we inflated ourselves. This
 * - reads only the first sheet (exceljs would otherwise unzip every sheet, and when the shared
 *   strings come after the sheets — as in files saved by Excel — it copies each sheet to a temp
 *   file first);
 * - enforces the real inflated size of every part;
 * - works around an exceljs 4.4.0 bug: its XML parser decodes each zip chunk with
 *   `TextDecoder.decode(chunk)` without `{stream: true}`, so a Chinese character (3 UTF-8 bytes)
 *   split across two chunks becomes "\uFFFD" — silently corrupting some names in large files. We
 *   hand it chunks that always end on a character boundary (see `splitUtf8`).
 * Number formats (to tell dates from numbers) are read from styles.xml by us, not by exceljs
 * (which, with styles 'ignore', cannot tell dates, and misses the CJK built-in date formats).
 * This leans on exceljs 4.4.0 internals (its `styles` lookup; unzipper passing stored chunks on
 * unsplit); read-table.test.ts pins both (dates, and 12,000 Chinese names read back intact).
 */
import fs from 'node:fs';
import { isAscii } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { CsvFormatError, csvRecords } from './csv-records';

// ---------------------------------------------------------------------------------------------
// Public API

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

export type TableReadErrorCode =
  | 'too_large'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'zip_bomb'
  | 'not_a_spreadsheet'
  | 'empty'
  | 'encoding';

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

const MiB = 1024 * 1024;

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
// Shared helpers

interface FileInfo {
  path: string;
  fileName: string;
  size: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4": a zip local file header
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls, .et, encrypted .xlsx

function startsWith(buf: Buffer, magic: readonly number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

function formatMiB(bytes: number): string {
  return `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MB`;
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    return await readAt(fh, 0, length);
  } finally {
    await fh.close();
  }
}

/** Up to `length` bytes at `position` (fewer only at the end of the file). */
async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

function notSpreadsheet(fileName: string, detail = '文件已损坏或不是有效的 Excel 文件'): TableReadError {
  return new TableReadError(
    'not_a_spreadsheet',
    `无法读取“${fileName}”：${detail}。请用 Excel 打开后另存为 .xlsx 或 .csv 再上传。`,
  );
}

/** Anything thrown while reading becomes a TableReadError; the original is kept as `cause`. */
function asTableReadError(err: unknown, fileName: string): TableReadError {
  if (err instanceof TableReadError) return err;
  if (err instanceof CsvFormatError) return csvError(err, fileName);
  const e = notSpreadsheet(fileName);
  (e as { cause?: unknown }).cause = err;
  return e;
}

/** Drops trailing empty cells; null when nothing is left (a blank row). */
function trimRow(cells: CellValue[]): CellValue[] | null {
  let n = cells.length;
  while (n > 0 && (cells[n - 1] === null || cells[n - 1] === '')) n--;
  if (n === 0) return null;
  if (n < cells.length) cells.length = n;
  return cells;
}

function tooManyColumns(rowNo: number, count: number, lim: Limits): TableReadError {
  return new TableReadError(
    'too_many_columns',
    `第 ${rowNo} 行有 ${count} 列数据，超过上限 ${lim.maxColumns} 列。请检查是否选错了文件，或删除多余的列后再上传。`,
  );
}

function tooManyRows(lim: Limits): TableReadError {
  return new TableReadError(
    'too_many_rows',
    `文件超过 ${lim.maxRows.toLocaleString('en-US')} 行的上限，请拆分后分批上传。`,
  );
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Longest physical line / record (characters) accepted; bounds memory on hostile files. */
const MAX_LINE_CHARS = 1_000_000;

/** Binary files and HTML/XML "fake .xls" exports are refused before parsing as CSV. */
function rejectNonText(head: Buffer, fileName: string): void {
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) throw notSpreadsheet(fileName, '文件不是 Excel（.xlsx）或 CSV 表格');
  const text = head.toString('latin1').replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '').replace(/\0/g, '').trimStart();
  if (text.startsWith('%PDF')) throw notSpreadsheet(fileName, '这是 PDF 文件，不是表格');
  if (text.startsWith('<')) {
    throw notSpreadsheet(fileName, '文件实际是网页或 XML 格式（常见于业务系统导出的“.xls”）');
  }
}

async function* readCsv(file: FileInfo, lim: Limits): AsyncGenerator<TableRow> {
  const text = decodeText(fs.createReadStream(file.path, { highWaterMark: 64 * 1024 }), file.fileName);
  // Look at the start of the text to choose the delimiter, then parse the sample and the rest.
  let sample = '';
  let ended = false;
  while (sample.length < 64 * 1024) {
    const r = await text.next();
    if (r.done) {
      ended = true;
      break;
    }
    sample += r.value;
  }
  const delimiter = detectDelimiter(sample);

  async function* all(): AsyncGenerator<string> {
    try {
      let lineLength = 0; // characters since the last line break
      const check = (chunk: string) => {
        const lastBreak = Math.max(chunk.lastIndexOf('\n'), chunk.lastIndexOf('\r'));
        const firstBreak = lastBreak < 0 ? -1 : chunk.search(/[\r\n]/);
        const longest = lastBreak < 0 ? lineLength + chunk.length : lineLength + firstBreak;
        if (longest > MAX_LINE_CHARS) throw lineTooLong(file.fileName);
        lineLength = lastBreak < 0 ? lineLength + chunk.length : chunk.length - lastBreak - 1;
      };
      // Lines are checked across chunk boundaries; a line inside a 64 KiB chunk cannot be too long.
      for (let i = 0; i < sample.length; i += 64 * 1024) {
        check(sample.slice(i, i + 64 * 1024));
      }
      if (sample) yield sample;
      if (ended) return;
      for (;;) {
        const r = await text.next();
        if (r.done) return;
        check(r.value);
        yield r.value;
      }
    } finally {
      await text.return(undefined); // closes the file stream when we stop early
    }
  }

  let rowNo = 0;
  for await (const records of csvRecords(all(), delimiter, MAX_LINE_CHARS)) {
    for (const record of records) {
      rowNo++;
      if (rowNo > lim.maxRows) throw tooManyRows(lim);
      const cells = trimRow(record);
      if (!cells) continue;
      if (cells.length > lim.maxColumns) throw tooManyColumns(rowNo, cells.length, lim);
      yield { rowNo, cells };
    }
  }
}

function lineTooLong(fileName: string): TableReadError {
  return notSpreadsheet(fileName, `有一行超过 ${MAX_LINE_CHARS.toLocaleString('en-US')} 个字符（可能是引号没有配对，或不是表格文件）`);
}

function csvError(err: CsvFormatError, fileName: string): TableReadError {
  const where = `第 ${err.line} 行附近`;
  const detail = err.code === 'record_too_long' ? `${where}有一行过长（可能是引号没有配对）` : `${where}的引号没有闭合，文件可能不完整`;
  return notSpreadsheet(fileName, detail);
}

/** Comma, unless the first line that has either a tab or a comma has more tabs than commas. */
export function detectDelimiter(sample: string): ',' | '\t' {
  for (const line of sample.split(/\r\n|\n|\r/, 50)) {
    const tabs = line.split('\t').length - 1;
    const commas = line.split(',').length - 1;
    if (tabs + commas > 0) return tabs > commas ? '\t' : ',';
  }
  return ',';
}

/**
 * Bytes → text, streaming. A BOM decides (UTF-8, UTF-16LE/BE). Otherwise ASCII passes through
 * until the first non-ASCII byte; the bytes from there on decide: valid UTF-8 → UTF-8, else
 * GB18030 (what Chinese Excel writes for "CSV (逗号分隔)"). Decoding is strict: an invalid byte
 * later in the file is an 'encoding' error, never a silent replacement character.
 */
async function* decodeText(bytes: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending: Buffer | undefined; // undecided bytes, starting with a non-ASCII byte
  let first = true;
  const run = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder!.decode(chunk, { stream: true }) : decoder!.decode();
    } catch (err) {
      throw new TableReadError(
        'encoding',
        `无法识别“${fileName}”的文字编码（既不是 UTF-8 也不是 GBK/GB18030，或文件中混有乱码）。请用 Excel 打开后另存为“CSV UTF-8（逗号分隔）”或 .xlsx 再上传。`,
        { cause: err },
      );
    }
  };
  for await (let chunk of bytes) {
    if (first) {
      first = false;
      const bom = bomEncoding(chunk);
      if (bom) decoder = new TextDecoder(bom, { fatal: true }); // strips the BOM
    }
    if (decoder) {
      yield run(chunk);
      continue;
    }
    if (pending) {
      chunk = Buffer.concat([pending, chunk]);
      pending = undefined;
    }
    const i = isAscii(chunk) ? -1 : chunk.findIndex((b) => b >= 0x80);
    if (i < 0) {
      yield chunk.toString('latin1'); // ASCII reads the same in UTF-8 and GB18030
      continue;
    }
    if (i > 0) yield chunk.toString('latin1', 0, i);
    const rest = chunk.subarray(i);
    if (rest.length < 256) {
      pending = rest; // too little to judge; wait for more
      continue;
    }
    decoder = new TextDecoder(isUtf8(rest, false) ? 'utf-8' : 'gb18030', { fatal: true, ignoreBOM: true });
    yield run(rest);
  }
  if (pending) {
    decoder = new TextDecoder(isUtf8(pending, true) ? 'utf-8' : 'gb18030', { fatal: true, ignoreBOM: true });
    yield run(pending);
  }
  if (decoder) {
    const tail = run();
    if (tail) yield tail;
  }
}

function bomEncoding(b: Buffer): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Whether `bytes` are valid UTF-8 (a character cut off at the end is fine unless `final`). */
function isUtf8(bytes: Buffer, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// xlsx: zip central directory and the zip-bomb guard

interface ZipEntry {
  name: string;
  flags: number;
  method: number; // 0 stored, 8 deflate
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const MAX_ENTRIES = 10_000; // a real workbook has dozens
/** Entries this small are exempt from the ratio check (see Limits.maxRatio). */
const RATIO_EXEMPT_BYTES = 1 * MiB;

/**
 * Reads the central directory (the zip's table of contents at its end):
 *   … entries … | central directory: one 46-byte record (+ name, extra, comment) per entry |
 *   [zip64 end record + locator] | end-of-central-directory (EOCD): 22 bytes + comment ≤ 64 KiB
 * Sizes of 0xFFFFFFFF mean "see the zip64 extra field" (id 0x0001).
 */
async function readCentralDirectory(fh: FileHandle, file: FileInfo): Promise<ZipEntry[]> {
  const broken = () => notSpreadsheet(file.fileName, '文件不完整或已损坏（可能上传中断）');
  // 1. The EOCD record: scan backwards from the end for its signature.
  const tailLength = Math.min(file.size, 22 + 0xffff);
  const tailStart = file.size - tailLength;
  const tail = await readAt(fh, tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  let count = tail.readUInt16LE(eocd + 10); // total entries
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);

  // 2. zip64: the locator (20 bytes, just before the EOCD) points to the zip64 end record.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    if (eocd < 20 || tail.readUInt32LE(eocd - 20) !== SIG_ZIP64_LOCATOR) throw broken();
    const z64Offset = Number(tail.readBigUInt64LE(eocd - 20 + 8));
    const z64 = await readAt(fh, z64Offset, 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw broken();
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (count > MAX_ENTRIES) {
    throw new TableReadError('zip_bomb', `文件内部包含 ${count} 个部件，结构异常，疑似恶意文件，已拒绝读取。`);
  }
  if (cdOffset + cdSize > file.size) throw broken();

  // 3. The central directory records.
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw broken();
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength > cd.length) throw broken();
    const entry: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    // zip64 extra field: 8-byte values for exactly those fields that are 0xFFFFFFFF, in order.
    const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const fields = (['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const).filter((f) => entry[f] === 0xffffffff);
    if (fields.length > 0) {
      let found = false;
      for (let q = 0; q + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(q);
        const size = extra.readUInt16LE(q + 2);
        if (id === 0x0001 && q + 4 + fields.length * 8 <= extra.length) {
          fields.forEach((f, k) => (entry[f] = Number(extra.readBigUInt64LE(q + 4 + k * 8))));
          found = true;
          break;
        }
        q += 4 + size;
      }
      if (!found) throw broken();
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The zip-bomb guard on the declared sizes (inflation later holds each entry to them). */
function checkZipBomb(entries: ZipEntry[], lim: Limits): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize > RATIO_EXEMPT_BYTES && ratio > lim.maxRatio) {
      throw new TableReadError(
        'zip_bomb',
        `文件内部“${e.name}”的压缩比异常（${Math.round(ratio)} 倍，上限 ${lim.maxRatio} 倍），疑似恶意文件（压缩炸弹），已拒绝读取。`,
      );
    }
  }
  if (total > lim.maxUncompressedBytes) {
    throw new TableReadError(
      'zip_bomb',
      `文件解压后达 ${formatMiB(total)}，超过上限 ${formatMiB(lim.maxUncompressedBytes)}，疑似恶意文件（压缩炸弹），已拒绝读取。如确为正常数据，请拆分后再上传。`,
    );
  }
}

/** Where an entry's data starts: after its local header, whose name/extra lengths may differ
 *  from the central directory's. */
async function dataStart(fh: FileHandle, file: FileInfo, e: ZipEntry): Promise<number> {
  const h = await readAt(fh, e.localHeaderOffset, 30);
  if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL) throw notSpreadsheet(file.fileName, '文件不完整或已损坏');
  const start = e.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  if (start + e.compressedSize > file.size) throw notSpreadsheet(file.fileName, '文件不完整或已损坏（可能上传中断）');
  return start;
}

interface Part {
  entry: ZipEntry;
  start: number;
}

/**
 * An entry's inflated bytes, streamed. Output beyond the declared uncompressed size is a
 * zip bomb (the directory lied); less is a damaged file. With `alignUtf8`, every chunk ends on a
 * UTF-8 character boundary (see the exceljs bug in the header comment).
 */
async function* inflatePart(file: FileInfo, part: Part, alignUtf8: boolean): AsyncGenerator<Buffer> {
  const { entry, start } = part;
  if (entry.flags & 0x1) throw notSpreadsheet(file.fileName, '文件已加密，请取消密码后另存再上传');
  if (entry.method !== 0 && entry.method !== 8) throw notSpreadsheet(file.fileName, `不支持的压缩方式（${entry.method}）`);
  let produced = 0;
  if (entry.compressedSize > 0) {
    const raw = fs.createReadStream(file.path, { start, end: start + entry.compressedSize - 1 });
    const out = entry.method === 8 ? pipeline(raw, zlib.createInflateRaw(), () => {}) : raw;
    let carry: Buffer | undefined;
    for await (const chunk of out as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) {
        throw new TableReadError('zip_bomb', `文件内部“${entry.name}”解压后的大小与声明不符，疑似恶意文件（压缩炸弹），已拒绝读取。`);
      }
      if (!alignUtf8) {
        yield chunk;
        continue;
      }
      const [whole, rest] = splitUtf8(carry ? Buffer.concat([carry, chunk]) : chunk);
      carry = rest.length > 0 ? rest : undefined;
      if (whole.length > 0) yield whole;
    }
    if (carry) yield carry;
  }
  if (produced !== entry.uncompressedSize) throw notSpreadsheet(file.fileName, '文件不完整或已损坏');
}

/** Splits off an incomplete UTF-8 character at the end of `buf` (at most 3 bytes). */
export function splitUtf8(buf: Buffer): [Buffer, Buffer] {
  const n = buf.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return n - i < need ? [buf.subarray(0, i), buf.subarray(i)] : [buf, buf.subarray(n)];
  }
  return [buf, buf.subarray(n)];
}

/** A small part (workbook, rels, styles) inflated into a string. */
async function readSmallPart(file: FileInfo, part: Part): Promise<string> {
  if (part.entry.uncompressedSize > 64 * MiB) {
    throw new TableReadError('too_large', `文件内部“${part.entry.name}”过大（${formatMiB(part.entry.uncompressedSize)}），无法读取。`);
  }
  const chunks: Buffer[] = [];
  for await (const c of inflatePart(file, part, false)) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// xlsx: finding the first worksheet, shared strings and date formats

interface XlsxPlan {
  sheetName: string;
  sheet: Part;
  sharedStrings?: Part;
  /** Indexes into styles.xml's cellXfs whose number format is a date. */
  dateStyles: Set<number>;
  date1904: boolean;
}

async function planXlsx(file: FileInfo, lim: Limits): Promise<XlsxPlan> {
  const fh = await fs.promises.open(file.path, 'r');
  try {
    const entries = await readCentralDirectory(fh, file);
    checkZipBomb(entries, lim);
    // OPC part names are case-insensitive.
    const byName = new Map(entries.map((e) => [e.name.replace(/^\//, '').toLowerCase(), e]));
    const part = async (name: string): Promise<Part | undefined> => {
      const entry = byName.get(name.toLowerCase());
      return entry && { entry, start: await dataStart(fh, file, entry) };
    };

    const workbookPart = await part('xl/workbook.xml');
    const relsPart = await part('xl/_rels/workbook.xml.rels');
    if (!workbookPart || !relsPart) {
      if (byName.has('mimetype') && byName.has('content.xml')) {
        throw notSpreadsheet(file.fileName, '不支持 .ods（WPS/OpenOffice 表格）格式');
      }
      throw notSpreadsheet(file.fileName, '这是一个压缩文件，但不是 Excel 工作簿（.xlsx）');
    }
    const workbookXml = await readSmallPart(file, workbookPart);
    const rels = parseRels(await readSmallPart(file, relsPart));

    // The first sheet as the user sees it: the first visible worksheet in tab order.
    const sheets = elements(workbookXml, 'sheet')
      .map((a) => ({ name: a.name ?? '', state: a.state ?? 'visible', rel: rels.get(a.id ?? '') }))
      .filter((s) => s.rel && /\/worksheet$/.test(s.rel.type));
    const first = sheets.find((s) => s.state === 'visible') ?? sheets[0];
    const sheet = first && (await part(first.rel!.target));
    if (!first || !sheet) throw notSpreadsheet(file.fileName, '工作簿中没有工作表');

    const relTarget = (type: string, fallback: string) =>
      [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target ?? fallback;
    const sharedStrings = await part(relTarget('sharedStrings', 'xl/sharedStrings.xml'));
    if (sharedStrings && sharedStrings.entry.uncompressedSize > lim.maxSharedStringsBytes) {
      throw new TableReadError(
        'too_large',
        `文件中的文字内容过多（共享字符串表 ${formatMiB(sharedStrings.entry.uncompressedSize)}，上限 ${formatMiB(lim.maxSharedStringsBytes)}），请拆分后分批上传。`,
      );
    }
    const stylesPart = await part(relTarget('styles', 'xl/styles.xml'));
    const dateStyles = stylesPart ? parseDateStyles(await readSmallPart(file, stylesPart)) : new Set<number>();
    const workbookPr = elements(workbookXml, 'workbookPr')[0];
    return {
      sheetName: first.name,
      sheet,
      sharedStrings,
      dateStyles,
      date1904: workbookPr?.date1904 === '1' || workbookPr?.date1904 === 'true',
    };
  } finally {
    await fh.close();
  }
}

/**
 * Attributes of every `<tag …>` element (any namespace prefix) in a small XML part. A regex is
 * enough for the few flat, machine-written elements read here (sheet, Relationship, numFmt, xf).
 * Attribute names lose their prefix (`r:id` → `id`).
 */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}(?=[\\s/>])([^>]*)>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs[a[1]] = decodeXml(a[2] ?? a[3]);
    }
    out.push(attrs);
  }
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_m, hex: string, dec: string, named: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase()]!;
  });
}

/** workbook.xml.rels: relationship id → { type, target as a zip path }. */
function parseRels(xml: string): Map<string, { type: string; target: string }> {
  const map = new Map<string, { type: string; target: string }>();
  for (const r of elements(xml, 'Relationship')) {
    if (!r.Id || !r.Target || r.TargetMode === 'External') continue;
    const target = r.Target.startsWith('/') ? r.Target.slice(1) : path.posix.normalize(`xl/${r.Target}`);
    map.set(r.Id, { type: r.Type ?? '', target });
  }
  return map;
}

/** Built-in number formats that are dates: 14–22, and the CJK date/time formats 27–36, 50–58. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** styles.xml: which cell style indexes (the `s` attribute of a cell) format a date. */
function parseDateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const f of elements(xml, 'numFmt')) custom.set(Number(f.numFmtId), f.formatCode ?? '');
  const cellXfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const dates = new Set<number>();
  elements(cellXfs, 'xf').forEach((xf, index) => {
    const id = Number(xf.numFmtId ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(index);
  });
  return dates;
}

/** Whether an Excel format code shows a date/time: a y/m/d/h/s outside quotes, [..] and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[ymdhs]/i.test(bare.replace(/E[+-]/gi, ''));
}

/** An Excel serial date → 'YYYY-MM-DD' (plus ' HH:mm:ss' if it has a time of day; 'HH:mm:ss'
 *  for a pure time). Out-of-range serials stay numbers. */
function serialToDate(serial: number, date1904: boolean): string | number {
  if (!(serial >= 0 && serial < 2958466)) return serial;
  // 25569 = days from 1899-12-30 (Excel's day 0 after its fake 1900-02-29) to 1970-01-01.
  const seconds = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400);
  const d = new Date(seconds * 1000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  if (serial < 1) return time;
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  return time === '00:00:00' ? date : `${date} ${time}`;
}

// ---------------------------------------------------------------------------------------------
// xlsx: streaming the sheet through exceljs

const EXCELJS_OPTIONS = {
  entries: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'ignore',
  worksheets: 'emit',
} as const;

/** The style object we give exceljs for date-formatted cells; recognized by identity. It has no
 *  numFmt, so exceljs leaves the serial number alone and we convert it (also formula results). */
const DATE_STYLE = {};

const EMPTY_RELS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
);
const EMPTY_SST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** A zip local file header for a stored (uncompressed) entry of known size. unzipper does not
 *  check CRCs, so it is left 0. */
function localHeader(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30 + nameBytes.length);
  h.writeUInt32LE(SIG_LOCAL, 0);
  h.writeUInt16LE(20, 4); // version needed
  h.writeUInt16LE(0x0800, 6); // flags: UTF-8 name
  h.writeUInt16LE(0, 8); // method: stored
  h.writeUInt32LE(size, 18); // compressed size
  h.writeUInt32LE(size, 22); // uncompressed size
  h.writeUInt16LE(nameBytes.length, 26);
  nameBytes.copy(h, 30);
  return h;
}

/** The zip exceljs reads: rels, shared strings, then the sheet, then an end record. The rels come
 *  first and the shared strings before the sheet so that exceljs streams the sheet directly. */
async function* syntheticZip(file: FileInfo, plan: XlsxPlan): AsyncGenerator<Buffer> {
  yield localHeader('xl/_rels/workbook.xml.rels', EMPTY_RELS.length);
  yield EMPTY_RELS;
  if (plan.sharedStrings) {
    yield localHeader('xl/sharedStrings.xml', plan.sharedStrings.entry.uncompressedSize);
    yield* inflatePart(file, plan.sharedStrings, true);
  } else {
    yield localHeader('xl/sharedStrings.xml', EMPTY_SST.length);
    yield EMPTY_SST;
  }
  if (plan.sheet.entry.uncompressedSize > 0xffffffff) throw new TableReadError('zip_bomb', '工作表解压后过大，已拒绝读取。');
  yield localHeader('xl/worksheets/sheet1.xml', plan.sheet.entry.uncompressedSize);
  yield* inflatePart(file, plan.sheet, true);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  yield eocd;
}

async function* readXlsx(file: FileInfo, plan: XlsxPlan, lim: Limits): AsyncGenerator<TableRow> {
  // exceljs pipes our stream into unzipper, and `pipe` does not pass errors on: if our stream
  // failed (zip bomb, damaged data), exceljs would wait forever. So every step is raced against
  // the source's error. (Not with Promise.race on one long-pending promise: every race would
  // leave a reaction on it holding its result — each row — until the end: a memory leak.)
  let failure: { error: unknown } | undefined;
  let rejectPending: ((err: unknown) => void) | undefined;
  const race = <T>(p: Promise<T>): Promise<T> =>
    failure
      ? Promise.reject(failure.error)
      : new Promise<T>((resolve, reject) => {
          rejectPending = reject;
          const settle = () => {
            if (rejectPending === reject) rejectPending = undefined;
          };
          p.then(
            (value) => (settle(), resolve(value)),
            (err: unknown) => (settle(), reject(err)),
          );
        });

  const source = Readable.from(syntheticZip(file, plan), { objectMode: false });
  source.on('error', (error) => {
    failure = { error };
    rejectPending?.(error);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, EXCELJS_OPTIONS);
  // With styles 'ignore' exceljs asks this object for the style of every cell with an `s`.
  (reader as unknown as { styles: { getStyleModel(id: number): object | null } }).styles = {
    getStyleModel: (id) => (plan.dateStyles.has(id) ? DATE_STYLE : null),
  };
  try {
    const sheets = reader[Symbol.asyncIterator]();
    const sheet = await race(sheets.next());
    if (sheet.done) return;
    const rows = sheet.value[Symbol.asyncIterator]();
    let seen = 0;
    let lastRowNo = 0;
    for (;;) {
      const next = await race(rows.next());
      if (next.done) break;
      const row = next.value;
      seen++;
      // A row without its `r` attribute follows the previous one.
      const rowNo = Number.isFinite(row.number) && row.number > 0 ? row.number : lastRowNo + 1;
      lastRowNo = rowNo;
      if (seen > lim.maxRows || rowNo > lim.maxRows) throw tooManyRows(lim);
      const values = row.values as unknown[]; // sparse, 1-based
      const cells: CellValue[] = new Array(Math.max(values.length - 1, 0));
      for (let c = 1; c < values.length; c++) {
        let v = toCellValue(values[c]);
        if (typeof v === 'number' && row.getCell(c).style === DATE_STYLE) v = serialToDate(v, plan.date1904);
        cells[c - 1] = v;
      }
      const trimmed = trimRow(cells);
      if (!trimmed) continue;
      if (trimmed.length > lim.maxColumns) throw tooManyColumns(rowNo, trimmed.length, lim);
      yield { rowNo, cells: trimmed };
    }
  } finally {
    source.destroy();
  }
}

/** An exceljs cell value → CellValue. Formulas give their cached result only. */
function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null; // NaN: a cached error result
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : serialToDate(v.getTime() / 86400000 + 25569, false);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string | null }[]).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return toCellValue(o.result);
    if (typeof o.error === 'string') return o.error; // '#N/A', '#DIV/0!', …
    if ('text' in o) return toCellValue(o.text); // hyperlink
  }
  return null;
}
