/** What the import benchmark (bench/import.ts) prints around its runs: the summary and the `RESULT` lines. */
import fs from 'node:fs';
import os from 'node:os';
import type { Generated } from './import-data';
import { formatDuration } from './timing';

export const fmt = (n: number) => n.toLocaleString('en-US');

/** The load averages (1 / 5 / 15 min), two decimals each. */
export const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

/** The generated files: their names, rows and sizes, and how long generating them took. */
export function printGenerated(gen: Generated, registryFile: string, listFile: string, ms: number): void {
  console.log(
    `  ${registryFile}：${fmt(gen.registryRows)} 行，${(fs.statSync(registryFile).size / 1048576).toFixed(0)} MB；` +
      `${listFile}：${fmt(gen.listRows)} 行（未参保 ${fmt(gen.listNotEnrolled)}，身份证号有误 ${fmt(gen.listBadIds)}）；${formatDuration(ms)}`,
  );
}

/** The times of the runs (ms), and the peak RSS of (b) in MB. */
export interface Timings {
  /** (a1) the one-table stand-in baseline */
  oneTable: number;
  /** (a) the baseline: the same rows \copy'd into the three target tables */
  sameTables: number;
  /** (b) the real registry import */
  registry: number;
  registryPeakMb: number;
  /** (b′) the same file again */
  again: number;
  /** (c) the real poverty-list import */
  list: number;
  /** (d) the list baseline */
  listBaseline: number;
}

export function printSummary(t: Timings): void {
  const registryRatio = t.registry / t.sameTables;
  const oneTableRatio = t.registry / t.oneTable;
  const listRatio = t.list / t.listBaseline;
  console.log(
    `\n汇总：登记导入 ${formatDuration(t.registry)} / 基线（同样数据 \\copy 到同样的三张表，含索引与外键）${formatDuration(t.sameTables)} = ${registryRatio.toFixed(2)}×（目标 ≤ 2×）`,
  );
  console.log(
    `      参考：单表替身基线 ${formatDuration(t.oneTable)}，登记导入为其 ${oneTableRatio.toFixed(2)}×；三张表基线为其 ${(t.sameTables / t.oneTable).toFixed(2)}×`,
  );
  console.log(`      重复导入（无变化） ${formatDuration(t.again)}`);
  console.log(
    `      名单导入 ${formatDuration(t.list)} / 基线 ${formatDuration(t.listBaseline)} = ${listRatio.toFixed(2)}×（目标 ≤ 2.5×）`,
  );
  console.log(`      登记导入峰值 RSS ${t.registryPeakMb.toFixed(0)} MB（目标 ≤ 500 MB）`);
  console.log(`负载（结束时）：${loadavg()}`);
  console.log(`\nRESULT registry_import_ratio ${(Math.round(registryRatio * 100) / 100).toFixed(2)}`);
  console.log(`RESULT registry_import_ratio_one_table ${(Math.round(oneTableRatio * 100) / 100).toFixed(2)}`);
  console.log(`RESULT registry_import_rss_mb ${Math.round(t.registryPeakMb)}`);
  console.log(`RESULT list_import_ratio ${(Math.round(listRatio * 100) / 100).toFixed(2)}`);
}
