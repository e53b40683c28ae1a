/**
 * The small hostile files of the upload fuzzer (bench/fuzz-imports.ts), each made from
 * (seed, index) alone so a failure replays: `makeFile(seed, i)` gives the same bytes every time.
 * Kinds: valid tables in odd encodings (GB18030, UTF-16 with BOMs, NULs), broken CSV, binaries
 * named .csv, empty and one-byte files, real workbooks (exceljs: formulas, dates and IDs stored as
 * numbers) and the same truncated or bit-flipped, and hand-made zips (fuzz-zip.ts): zip bombs,
 * 16,384 columns, big shared-string tables, broken XML, missing or misdirected parts.
 */
import { HEADERS, int, mutate, pick, rng, table, type Maker, type Target } from './fuzz-rows';
import { XLSX_KINDS } from './fuzz-xlsx';

export type { Target } from './fuzz-rows';
export interface FuzzFile {
  index: number;
  kind: string;
  target: Target;
  fileName: string;
  body: Buffer;
}

const csvText = (table: (string | number)[][], sep = ',') => table.map((row) => row.join(sep)).join('\r\n') + '\r\n';

let gbTable: Map<string, Buffer> | undefined;
/** GB18030 bytes of a string (Node decodes GB18030 but has no encoder: the 2-byte table inverted once). */
function gb18030(s: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Buffer.from([a, b]));
        if (ch.length === 1 && !gbTable.has(ch)) gbTable.set(ch, Buffer.from([a, b]));
      }
  }
  return Buffer.concat([...s].map((c) => gbTable!.get(c) ?? Buffer.from(c.charCodeAt(0) < 128 ? c : '?')));
}

const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

/** Every small kind: how it is made. */
const KINDS: Record<string, { ext: string; make: Maker }> = {
  'csv-utf8': { ext: 'csv', make: (r, t) => Buffer.from(csvText(table(r, t))) },
  'csv-utf8-bom': { ext: 'csv', make: (r, t) => Buffer.from('\ufeff' + csvText(table(r, t))) },
  'csv-gb18030': { ext: 'csv', make: (r, t) => gb18030(csvText(table(r, t))) },
  'csv-utf16le-bom': { ext: 'csv', make: (r, t) => Buffer.from('\ufeff' + csvText(table(r, t), '\t'), 'utf16le') },
  'csv-utf16be-bom': { ext: 'txt', make: (r, t) => utf16be('\ufeff' + csvText(table(r, t), '\t')) },
  'csv-utf16-nobom': { ext: 'csv', make: (r, t) => Buffer.from(csvText(table(r, t)), 'utf16le') },
  'csv-bom-then-gbk': {
    ext: 'csv',
    make: (r, t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gb18030(csvText(table(r, t)))]),
  },
  'csv-nul': {
    ext: 'csv',
    make: (r, t) => {
      const b = Buffer.from(csvText(table(r, t)));
      for (let i = 0; i < 1 + int(r, 10); i++) b[int(r, b.length)] = 0;
      return b;
    },
  },
  'csv-tsv-semicolon': { ext: 'tsv', make: (r, t) => Buffer.from(csvText(table(r, t), pick(r, ['\t', ';', '|']))) },
  'csv-broken-quotes': {
    ext: 'csv',
    make: (r, t) => Buffer.from(csvText(table(r, t)).replace(/,/, ',"').replace(/\r\n/, '"x"\r\n')),
  },
  'csv-long-line': {
    ext: 'csv',
    make: (r, t) => Buffer.from(csvText(table(r, t)) + 'x'.repeat(2_000_000 + int(r, 1000))),
  },
  'csv-wide': {
    ext: 'csv',
    make: (r, t) => Buffer.from(csvText([...table(r, t, 2), Array.from({ length: 16384 }, (_, i) => `c${i}`)])),
  },
  'csv-formulas': {
    ext: 'csv',
    make: (r, t) =>
      Buffer.from(
        csvText(
          table(r, t).map((row, i) =>
            i === 0
              ? row
              : row.map((v, j) => (j === 0 ? pick(r, ['=1+1', '=cmd|"/c calc"!A1', '@SUM(A1)', '+1-1']) : v)),
          ),
        ),
      ),
  },
  'csv-numbers': {
    ext: 'csv',
    make: (r, t) =>
      Buffer.from(
        csvText(
          table(r, t).map((row, i) =>
            i === 0
              ? row
              : row.map((v, j) =>
                  j === (t === 'assistance' ? 2 : 1)
                    ? `${String(v).slice(0, 1)}.${String(v).slice(1, 15)}E+17`
                    : j === 6
                      ? 46000 + int(r, 300)
                      : v,
                ),
          ),
        ),
      ),
  },
  'csv-garbled': { ext: 'csv', make: (r, t) => mutate(r, Buffer.from(csvText(table(r, t))), 'garble') },
  'csv-header-only': { ext: 'csv', make: (_r, t) => Buffer.from(csvText([HEADERS[t]])) },
  'csv-blank-lines': { ext: 'csv', make: (r) => Buffer.from(',,,\r\n'.repeat(1 + int(r, 500))) },
  'binary-as-csv': {
    ext: 'csv',
    make: (r) => {
      const magic = pick(r, [
        [],
        [0x89, 0x50, 0x4e, 0x47],
        [0x25, 0x50, 0x44, 0x46],
        [0x7f, 0x45, 0x4c, 0x46],
        [0x1f, 0x8b],
        [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
      ]);
      return Buffer.concat([Buffer.from(magic), Buffer.from(Array.from({ length: int(r, 20000) }, () => int(r, 256)))]);
    },
  },
  empty: { ext: 'csv', make: () => Buffer.alloc(0) },
  'one-byte': { ext: 'xlsx', make: (r) => Buffer.from([int(r, 256)]) },
  ...XLSX_KINDS,
};

export const SMALL_KINDS = Object.keys(KINDS);

/** File `index` of the run seeded `seed`: kind, target and bytes depend on nothing else. */
export async function makeFile(seed: number, index: number): Promise<FuzzFile> {
  const r = rng((seed * 2654435761) ^ (index * 40503) ^ 0x5bd1e995);
  const kind = SMALL_KINDS[int(r, SMALL_KINDS.length)];
  const target = pick(r, ['list', 'registry', 'assistance'] as const);
  const { ext, make } = KINDS[kind];
  const body = await make(r, target);
  return { index, kind, target, fileName: `fuzz-${index}-${kind}.${ext}`, body };
}
