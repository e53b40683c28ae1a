/** CSV (.csv/.tsv/.txt): refusing non-text files, encoding detection, delimiter detection, rows. */
import fs from 'node:fs';
import { isAscii } from 'node:buffer';
import { csvRecords, type CsvFormatError } from './csv-records';
import { notSpreadsheet, TableReadError, tooManyColumns, tooManyRows, trimRow } from './table-errors';
import type { FileInfo, Limits, TableRow } from './table-types';

/** Longest physical line / record (characters) accepted; bounds memory on hostile files. */
const MAX_LINE_CHARS = 1_000_000;

/** Binary files and HTML/XML "fake .xls" exports are refused before parsing as CSV. */
export function rejectNonText(head: Buffer, fileName: string): void {
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) throw notSpreadsheet(fileName, '文件不是 Excel（.xlsx）或 CSV 表格');
  const text = head
    .toString('latin1')
    .replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '')
    .replace(/\0/g, '')
    .trimStart();
  if (text.startsWith('%PDF')) throw notSpreadsheet(fileName, '这是 PDF 文件，不是表格');
  if (text.startsWith('<')) {
    throw notSpreadsheet(fileName, '文件实际是网页或 XML 格式（常见于业务系统导出的“.xls”）');
  }
}

export async function* readCsv(file: FileInfo, lim: Limits): AsyncGenerator<TableRow> {
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
  return notSpreadsheet(
    fileName,
    `有一行超过 ${MAX_LINE_CHARS.toLocaleString('en-US')} 个字符（可能是引号没有配对，或不是表格文件）`,
  );
}

export function csvError(err: CsvFormatError, fileName: string): TableReadError {
  const where = `第 ${err.line} 行附近`;
  const detail =
    err.code === 'record_too_long'
      ? `${where}有一行过长（可能是引号没有配对）`
      : `${where}的引号没有闭合，文件可能不完整`;
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
