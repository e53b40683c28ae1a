/**
 * The large files of the upload fuzzer, written to disk and streamed to the server: 1M-row CSV
 * files (every row failing alike, and 1.3M rows — over the row limit), a 1M-row workbook, zip
 * bombs whose sheet XML expands to gigabytes (declared honestly, and declared small), 16,384
 * columns, a shared-strings table over its limit, and a file over the upload size limit.
 * `ci` is the subset CI runs (each kind once, smaller where the size is not the point).
 */
import fs from 'node:fs';
import path from 'node:path';
import { HEADERS, rng, rows, type Target } from './fuzz-rows';
import { colName, rawXlsx } from './fuzz-xlsx';
import { deflateLines, deflateRepeated } from './fuzz-zip';

export interface BigFile {
  kind: string;
  target: Target;
  fileName: string;
  /** Path of the written file. */
  body: string;
}

interface Spec {
  kind: string;
  target: Target;
  ext: string;
  ci: boolean;
  write: (file: string, seed: number) => Promise<void> | void;
}

async function writeLines(file: string, header: string, n: number, line: (i: number) => string) {
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r)));
  await write(header + '\r\n');
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += line(i) + '\r\n';
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
}

const REGISTRY_HEADER = '姓名,公民身份号码,险种类型,年度,档次,缴费金额,缴费日期,乡镇,参保状态';
const SHEET_HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
const inline = (cells: (string | number)[], rowNo?: number) =>
  `<row${rowNo ? ` r="${rowNo}"` : ''}>${cells
    .map((v, i) => {
      const r = rowNo ? ` r="${colName(i)}${rowNo}"` : '';
      return typeof v === 'number' ? `<c${r}><v>${v}</v></c>` : `<c${r} t="inlineStr"><is><t>${v}</t></is></c>`;
    })
    .join('')}</row>`;

/** A registry row of person `i` (distinct valid-looking numbers) with a year no import accepts. */
function badYearRow(r: () => number, i: number): string {
  const row = rows(r, 'registry', 1)[0];
  row[0] = `人员${i}`;
  row[3] = '二〇二六年度?';
  return row.join(',');
}

const SPECS: Spec[] = [
  {
    kind: 'big-csv-1m-rows-failing-alike',
    target: 'registry',
    ext: 'csv',
    ci: true,
    write: (f, seed) => {
      const r = rng(seed);
      return writeLines(f, REGISTRY_HEADER, 1_000_000, (i) => badYearRow(r, i));
    },
  },
  {
    kind: 'big-csv-1.3m-rows-over-limit',
    target: 'list',
    ext: 'csv',
    ci: false,
    write: (f, seed) => {
      const r = rng(seed + 1);
      return writeLines(f, '姓名,身份证号,乡镇,备注', 1_300_000, () => rows(r, 'list', 1)[0].join(','));
    },
  },
  {
    kind: 'big-xlsx-1m-rows',
    target: 'assistance',
    ext: 'xlsx',
    ci: false,
    write: (f, seed) => {
      // exceljs needs the `r` of every row and cell: 1,000 different rows cycled, numbered 2…1,000,001.
      const block = rows(rng(seed + 2), 'assistance', 1000);
      const head = SHEET_HEAD + inline(HEADERS.assistance, 1);
      const sheet = deflateLines(head, 1_000_000, (i) => inline(block[i % 1000], i + 2), SHEET_TAIL);
      fs.writeFileSync(f, rawXlsx(sheet));
    },
  },
  {
    kind: 'big-xlsx-bomb-3gb-declared',
    target: 'registry',
    ext: 'xlsx',
    ci: true,
    write: (f) =>
      fs.writeFileSync(f, rawXlsx(deflateRepeated(SHEET_HEAD, '<row><c><v>1</v></c></row>', 120_000_000, SHEET_TAIL))),
  },
  {
    kind: 'big-xlsx-bomb-4gb-declared-small',
    target: 'list',
    ext: 'xlsx',
    ci: true,
    write: (f) =>
      fs.writeFileSync(
        f,
        rawXlsx(
          deflateRepeated(
            SHEET_HEAD + inline(['姓名', '身份证号']),
            '<row><c><v>1</v></c></row>',
            160_000_000,
            SHEET_TAIL,
          ),
          [],
          5_000_000,
        ),
      ),
  },
  {
    kind: 'big-xlsx-16384-columns',
    target: 'registry',
    ext: 'xlsx',
    ci: true,
    write: (f) => {
      const wide = (rowNo: number) =>
        `<row r="${rowNo}">${Array.from({ length: 16384 }, (_, c) => `<c r="${colName(c)}${rowNo}"><v>${rowNo * 16384 + c}</v></c>`).join('')}</row>`;
      fs.writeFileSync(
        f,
        rawXlsx(SHEET_HEAD + Array.from({ length: 50 }, (_, i) => wide(i + 1)).join('') + SHEET_TAIL),
      );
    },
  },
  {
    kind: 'big-xlsx-shared-strings-300mb',
    target: 'list',
    ext: 'xlsx',
    ci: true,
    write: (f) => {
      const sst = deflateRepeated(
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        '<si><t>张伟龙山路街道脱贫人口名单备注</t></si>',
        6_500_000,
        '</sst>',
      );
      const sheet = SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL;
      fs.writeFileSync(f, rawXlsx(sheet, [{ name: 'xl/sharedStrings.xml', data: '', raw: sst }]));
    },
  },
  {
    kind: 'big-csv-over-200mb',
    target: 'registry',
    ext: 'csv',
    ci: false,
    write: (f, seed) => {
      const r = rng(seed + 3);
      return writeLines(f, REGISTRY_HEADER + ',备注', 2_200_000, (i) => `${badYearRow(r, i)},${'备'.repeat(10)}`);
    },
  },
];

/** The large files of a run: `all`, `ci` (the CI subset), `none`, or those whose kind contains the word. */
export function bigFiles(which: string): { write: (dir: string, seed: number) => Promise<BigFile> }[] {
  const specs =
    which === 'none'
      ? []
      : which === 'ci'
        ? SPECS.filter((s) => s.ci)
        : which === 'all'
          ? SPECS
          : SPECS.filter((s) => s.kind.includes(which));
  return specs.map((s) => ({
    write: async (dir, seed) => {
      const fileName = `${s.kind}.${s.ext}`;
      const file = path.join(dir, fileName);
      await s.write(file, seed);
      return { kind: s.kind, target: s.target, fileName, body: file };
    },
  }));
}
