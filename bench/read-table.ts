/**
 * readTable benchmark: writes a BENCH_ROWS-row (default 200,000), 9-column registry-like file as
 * .xlsx (exceljs streaming WorkbookWriter, shared strings like Excel) and as .csv into
 * os.tmpdir(), then reads each with readTable in a fresh child process and prints rows/s and the
 * child's peak RSS. For reference it also times exceljs's own streaming WorkbookReader on the
 * same .xlsx.
 *
 *   node --import tsx bench/read-table.ts        (BENCH_KEEP=1 keeps the generated files)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readTable } from '@/lib/import/read-table';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const HEADER = ['身份证号', '姓名', '性别', '出生日期', '镇街', '村居', '险种', '档次', '缴费金额'];
const TOWNS = ['龙山街道', '天福街道', '环山街道', '文登营镇', '大水泊镇', '张家产镇', '高村镇', '泽库镇'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英';

function registryRow(i: number): (string | number | Date)[] {
  const birth = new Date(Date.UTC(1940 + (i % 70), i % 12, 1 + (i % 28)));
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const id = `371081${ymd}${String(i % 1000).padStart(3, '0')}${i % 11 === 10 ? 'X' : i % 10}`;
  const name =
    SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : '');
  return [
    id,
    name,
    i % 2 ? '男' : '女',
    birth,
    TOWNS[i % TOWNS.length],
    `第${(i % 40) + 1}村`,
    '城乡居民',
    i % 5 ? '一档' : '二档',
    i % 5 ? 450 : 650,
  ];
}

async function generate(xlsx: string, csv: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
  const ws = writer.addWorksheet('参保人员');
  ws.getColumn(4).numFmt = 'yyyy-mm-dd';
  ws.addRow(HEADER).commit();
  const out = fs.createWriteStream(csv);
  out.write('\ufeff' + HEADER.join(',') + '\r\n');
  for (let i = 0; i < ROWS; i++) {
    const row = registryRow(i);
    ws.addRow(row).commit();
    const line = row.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v))).join(',') + '\r\n';
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  ws.commit();
  await writer.commit();
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** Child process: read the file, print JSON {rows, ms, maxRssMb}. */
async function child(mode: string, file: string): Promise<void> {
  const start = performance.now();
  let rows = 0;
  if (mode === 'exceljs') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      entries: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) if (row.values) rows++;
      break;
    }
  } else {
    for await (const row of readTable({ path: file, fileName: path.basename(file) })) if (row.cells.length) rows++;
  }
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function runChild(mode: string, file: string): { rows: number; ms: number; maxRssMb: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function main(): Promise<void> {
  const xlsx = path.join(os.tmpdir(), `bench-read-table-${ROWS}.xlsx`);
  const csv = path.join(os.tmpdir(), `bench-read-table-${ROWS}.csv`);
  const t0 = performance.now();
  await generate(xlsx, csv);
  const mb = (f: string) => (fs.statSync(f).size / 1024 / 1024).toFixed(1);
  console.log(
    `generated ${ROWS.toLocaleString('en-US')} rows × 9 columns in ${((performance.now() - t0) / 1000).toFixed(1)} s: xlsx ${mb(xlsx)} MB, csv ${mb(csv)} MB (${os.tmpdir()})`,
  );
  for (const [label, mode, file] of [
    ['readTable xlsx', 'readTable', xlsx],
    ['readTable csv ', 'readTable', csv],
    ['exceljs WorkbookReader xlsx (reference)', 'exceljs', xlsx],
  ] as const) {
    const r = runChild(mode, file);
    const rate = Math.round(r.rows / (r.ms / 1000));
    console.log(
      `${label}: ${r.rows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(2)} s = ${rate.toLocaleString('en-US')} rows/s, peak RSS ${Math.round(r.maxRssMb)} MB`,
    );
    console.log(
      `RESULT ${mode === 'exceljs' ? 'exceljs_xlsx' : `read_table_${path.extname(file).slice(1)}`}_rows_per_s ${rate}`,
    );
  }
  if (!process.env.BENCH_KEEP) {
    fs.rmSync(xlsx, { force: true });
    fs.rmSync(csv, { force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
