/**
 * xlsx: streaming the first worksheet through exceljs.
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
 *   hand it chunks that always end on a character boundary (see `splitUtf8` in zip-parts.ts).
 * Number formats (to tell dates from numbers) are read from styles.xml by us, not by exceljs
 * (which, with styles 'ignore', cannot tell dates, and misses the CJK built-in date formats).
 * This leans on exceljs 4.4.0 internals (its `styles` lookup; unzipper passing stored chunks on
 * unsplit); read-table.test.ts pins both (dates, and 12,000 Chinese names read back intact).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { TableReadError, tooManyColumns, tooManyRows, trimRow } from './table-errors';
import type { CellValue, FileInfo, Limits, TableRow } from './table-types';
import { serialToDate, type XlsxPlan } from './xlsx-plan';
import { inflatePart, SIG_EOCD, SIG_LOCAL } from './zip-parts';

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
  if (plan.sheet.entry.uncompressedSize > 0xffffffff)
    throw new TableReadError('zip_bomb', '工作表解压后过大，已拒绝读取。');
  yield localHeader('xl/worksheets/sheet1.xml', plan.sheet.entry.uncompressedSize);
  yield* inflatePart(file, plan.sheet, true);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  yield eocd;
}

export async function* readXlsx(file: FileInfo, plan: XlsxPlan, lim: Limits): AsyncGenerator<TableRow> {
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
