/** bench:load's samples and its report: per request kind and name, the import's window, each minute, the RESULT lines. */
import fs from 'node:fs';
import { formatDuration, percentile, round1 } from './timing';

/**
 * How a page visit reaches the server. A browser loads the portal's document once; after that the App
 * Router fetches each page it navigates to as its server-component payload (`RSC: 1`, `_rsc`), not as
 * HTML. A session's first page is a document load, and one later visit in five is too (a reload, a new
 * tab, an address typed in: bench/load.ts DOCUMENT_SHARE).
 */
export type Sent = 'document' | 'navigation' | 'api' | 'action';

export interface Sample {
  name: string;
  /** When it was sent, ms after the import started. */
  at: number;
  sent: Sent;
  ms: number;
  error: string | null;
}

export function report(
  samples: Sample[],
  imported: { outcome: string; detail?: string } | null,
  importMs: number | null,
  log: string,
  run: { seconds: number; importRows: number },
) {
  // BENCH_SAMPLES=<file>: every sample as JSON, to look at the tail in detail (when, what, how long).
  if (process.env.BENCH_SAMPLES) fs.writeFileSync(process.env.BENCH_SAMPLES, JSON.stringify(samples));
  const groups = new Map<string, Sample[]>();
  const SENT_LABEL: Record<Sent, string> = { document: '·文档', navigation: '·导航', api: '', action: '' };
  for (const s of samples) {
    const key = `${s.name}${SENT_LABEL[s.sent]}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const sent of ['document', 'navigation', 'api', 'action'] as Sent[]) {
    const ofKind = samples.filter((s) => s.sent === sent);
    if (ofKind.length) groups.set(`〔合计〕${sent}`, ofKind);
  }
  console.log(
    `\n  ${'请求'.padEnd(20)} ${'次数'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(8)} 错误`,
  );
  for (const [name, ss] of [...groups].sort()) {
    const ms = ss.map((s) => s.ms);
    const errs = ss.filter((s) => s.error).length;
    console.log(
      `  ${name.padEnd(20)} ${String(ss.length).padStart(7)} ${String(round1(percentile(ms, 50))).padStart(7)} ${String(round1(percentile(ms, 95))).padStart(7)} ${String(round1(Math.max(...ms))).padStart(8)} ${errs}`,
    );
  }
  const errors = samples.filter((s) => s.error);
  for (const e of errors.slice(0, 10)) console.log(`  错误示例：${e.name}：${e.error}`);
  const serverErrors = fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => /unhandled|uncaught|Error:/i.test(l));
  const all = samples.map((s) => s.ms);
  // Where the tail comes from: while the import runs, and each minute after it.
  const during = samples.filter((s) => importMs !== null && s.at < importMs).map((s) => s.ms);
  if (during.length) console.log(`\n导入进行中：${during.length} 个请求，p95 ${round1(percentile(during, 95))} ms`);
  for (let m = 0; m * 60_000 < run.seconds * 1000; m++) {
    const inMinute = samples.filter((s) => s.at >= m * 60_000 && s.at < (m + 1) * 60_000).map((s) => s.ms);
    if (inMinute.length)
      console.log(
        `第 ${m + 1} 分钟：${inMinute.length} 个请求，p50 ${round1(percentile(inMinute, 50))} ms，p95 ${round1(percentile(inMinute, 95))} ms`,
      );
  }
  const rate = samples.length / run.seconds;
  console.log(
    `\n合计 ${samples.length} 个请求（${round1(rate)} 个/秒），p50 ${round1(percentile(all, 50))} ms，p95 ${round1(percentile(all, 95))} ms`,
  );
  console.log(
    `名单导入（${run.importRows.toLocaleString('en-US')} 行）：${imported ? `${imported.outcome}${imported.detail ? `（${imported.detail}）` : ''}，${formatDuration(importMs ?? 0)}` : '压测结束时仍未完成'}`,
  );
  console.log(`服务器日志 ${log}：错误行 ${serverErrors.length}`);
  for (const l of serverErrors.slice(0, 5)) console.log(`  ${l.slice(0, 200)}`);
  console.log(`目标：页面与 API 读取 p95 ≤ 300 ms，错误 0，导入完成`);
  console.log(`RESULT load_p95_ms ${round1(percentile(all, 95))}`);
  console.log(`RESULT load_errors ${errors.length + serverErrors.length}`);
  console.log(`RESULT load_import_completed ${imported?.outcome === 'imported' ? 1 : 0}`);
}
