/**
 * CSV records from streamed text, for readTable. The dialect is what csv-parse did here with
 * `relax_quotes`, `relax_column_count` and CR/LF/CRLF record delimiters (this parser replaced it:
 * csv-parse re-encodes the decoded text to bytes and walks it byte by byte, which was most of the
 * time of a 1M-row registry import's parsing):
 * - a field that starts with `"` is quoted: delimiters and line breaks inside it are text, `""` is
 *   one quote, and it ends at a `"` followed by a delimiter, a line break or the end of the file;
 * - a `"` inside an unquoted field is text (张"三); a quoted field whose closing quote is followed
 *   by anything else ("a"b) is taken as the text it is, quotes included;
 * - every line break outside quotes ends a record, so a blank line is a record of one empty field
 *   (row numbers stay those of the file); a line break at the very end adds no record.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvFormatError extends Error {
  constructor(
    readonly code: 'quote_not_closed' | 'record_too_long',
    /** 1-based line where the faulty record starts. */
    readonly line: number,
  ) {
    super(code);
  }
}

/**
 * The records of `text` (chunks of any size), one array per chunk that completed at least one.
 * Records longer than `maxRecordChars` are refused (an unclosed quote would otherwise swallow the
 * rest of the file).
 */
export async function* csvRecords(
  text: AsyncIterable<string>,
  delimiter: string,
  maxRecordChars: number,
): AsyncGenerator<string[][]> {
  const d = delimiter.charCodeAt(0);
  let buf = '';
  let line = 1;
  const parse = (final: boolean): string[][] => {
    const records: string[][] = [];
    let start = 0;
    for (;;) {
      if (start >= buf.length) break;
      const r = parseRecord(buf, start, d, final);
      if (r === null) {
        if (buf.length - start > maxRecordChars) throw new CsvFormatError('record_too_long', line);
        if (final) throw new CsvFormatError('quote_not_closed', line);
        break;
      }
      records.push(r.fields);
      line += r.lines;
      start = r.next;
    }
    buf = buf.slice(start);
    return records;
  };
  for await (const chunk of text) {
    buf += chunk;
    const records = parse(false);
    if (records.length > 0) yield records;
  }
  const records = parse(true);
  if (records.length > 0) yield records;
}

/**
 * One record from `s` at `i`: its fields, where the next one starts, and how many line breaks it
 * spans (its own included). Null when the record is not complete in `s` (an open quote at the
 * end; or, unless `final`, no line break yet, or a character needed to decide is missing).
 */
function parseRecord(
  s: string,
  i: number,
  d: number,
  final: boolean,
): { fields: string[]; next: number; lines: number } | null {
  const fields: string[] = [];
  let lines = 0;
  for (;;) {
    if (s.charCodeAt(i) === QUOTE) {
      // A quoted field.
      let value = '';
      let from = i + 1;
      let j = from;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0 || (q + 1 >= s.length && !final)) return null;
        const next = q + 1 < s.length ? s.charCodeAt(q + 1) : -1;
        if (next === QUOTE) {
          value += s.slice(from, q + 1);
          from = j = q + 2;
          continue;
        }
        value += s.slice(from, q);
        lines += countLineBreaks(s, i, q);
        if (next === -1 || next === d || next === LF || next === CR) {
          i = q + 1;
          break;
        }
        // Not a closing quote after all: the field is plain text from here to the delimiter.
        const end = fieldEnd(s, q + 1, d);
        value = `"${value}"${s.slice(q + 1, end)}`;
        i = end;
        break;
      }
      fields.push(value);
    } else {
      const end = fieldEnd(s, i, d);
      fields.push(s.slice(i, end));
      i = end;
    }
    // i is at a delimiter, a line break or the end of the text.
    if (i >= s.length) {
      if (!final) return null;
      return { fields, next: i, lines };
    }
    const c = s.charCodeAt(i);
    if (c === d) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= s.length && !final) return null; // CR LF split between chunks?
      return { fields, next: s.charCodeAt(i + 1) === LF ? i + 2 : i + 1, lines: lines + 1 };
    }
    return { fields, next: i + 1, lines: lines + 1 }; // LF
  }
}

/** The end of an unquoted field: the next delimiter or line break, or the end of the text. */
function fieldEnd(s: string, i: number, d: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === d || c === LF || c === CR) return i;
  }
  return i;
}

/** Line breaks (CR LF counting once) in s[from, to). */
function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}
