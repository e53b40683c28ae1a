/**
 * `npm run fuzz:imports`: hostile and broken files through the real upload routes of the list,
 * registry and assistance imports, against the built app (scripts/serve.ts in production mode) on
 * a fresh demo database, logged in over HTTP as `staff`.
 *
 * FUZZ_FILES small files (default 10,000; bench/fuzz-files.ts) FUZZ_CONCURRENCY at a time, then
 * the large ones (bench/fuzz-big.ts: 1M-row files, zip bombs expanding to gigabytes, 16,384
 * columns, a huge shared-strings table; FUZZ_BIG=all|ci|none). Checks: no 5xx, every refusal with
 * a message, no unhandled rejection or uncaught error in the server's log, no import left
 * `running`, and for every refused file exact row counts of every table as before (a group of
 * files is checked at once; a group with an import that completed, or a difference, is sent again
 * file by file until every refused file has its own exact check).
 *
 * Env: DATABASE_URL (a local server), FUZZ_SEED (replay), FUZZ_APP_DIR (a built checkout;
 * default here), FUZZ_PORT (3201), FUZZ_OUT (failing files; default $TMPDIR/fuzz-<seed>),
 * FUZZ_SUMMARY (a JSON file for npm test), FUZZ_KEEP_DB=1 (keep the database).
 * Prints `RESULT fuzz_files|fuzz_5xx|fuzz_partial_writes|fuzz_unhandled|fuzz_running <n>` and
 * `fuzz: N passed, N failed`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareDatabase } from '@/scripts/prepare-db';
import { dropDatabase, ensureDatabase, serverUrlOf } from '@/scripts/embedded-db';
import { localServerUrl, positiveInt } from './common';
import { bigFiles, type BigFile } from './fuzz-big';
import { makeFile, type Target } from './fuzz-files';
import {
  allowed as allowedFor,
  sendImport,
  sendPreview,
  type Outcome,
  type SendResult,
  type Sender,
} from './fuzz-send';
import { counter, login, startPortal, unexpectedChanges, type Counter } from './fuzz-server';

interface Item {
  index: number;
  kind: string;
  target: Target;
  fileName: string;
  body: Buffer | string;
}

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 1e9);
const total = process.env.FUZZ_FILES === undefined ? 10_000 : Number(process.env.FUZZ_FILES);
const concurrency = positiveInt('FUZZ_CONCURRENCY', 6);
const outDir = process.env.FUZZ_OUT ?? path.join(os.tmpdir(), `fuzz-${seed}`);

const failures = new Map<number, string[]>();
const outcomes = new Map<Outcome, number>();
const timeByKind = new Map<string, { n: number; ms: number }>();
let serverErrors = 0;
let lastOutcome = '';
let partialWrites = 0;

function record(item: Item, problem: string) {
  const list = failures.get(item.index) ?? [];
  if (list.length === 0) {
    fs.mkdirSync(outDir, { recursive: true });
    const dest = path.join(outDir, item.fileName);
    if (typeof item.body === 'string') fs.copyFileSync(item.body, dest);
    else fs.writeFileSync(dest, item.body);
  }
  list.push(problem);
  failures.set(item.index, list);
  console.log(`FAIL seed=${seed} index=${item.index} kind=${item.kind} target=${item.target}: ${problem}`);
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * Sends `items` (in parallel) with exact row counts of every table before, between the previews
 * and the imports, and after. The previews write nothing but the uploads they keep, so the first
 * difference is exact for every file the preview refused. Refused imports are exact too unless an
 * import of the group completed (it changes the data): then the refused ones are sent again as a
 * group of their own. A difference not explained is narrowed down by sending the group's files
 * again one at a time; a single file with one is a partial write.
 */
async function checkGroup(s: Sender, db: Counter, items: Item[], firstTime: boolean, n = concurrency): Promise<void> {
  const before = await db.counts();
  const pre = await pool(items, n, (item) => timed(item, () => sendPreview(s, item)));
  const mid = await db.counts();
  const final = new Map<Item, SendResult>();
  const allowedPre: Record<string, number> = {};
  pre.forEach((r, i) => {
    final.set(items[i], r);
    add(allowedPre, allowedFor(r.next ? 'question' : r.outcome, sizeOf(items[i])));
  });
  const preDiff = unexpectedChanges(before, mid, allowedPre);
  const pending = items.filter((_, i) => pre[i].next);
  const post = await pool(pending, n, (item) =>
    timed(item, () => sendImport(s, pre[items.indexOf(item)].next!, pre[items.indexOf(item)].statuses)),
  );
  // A completed import deletes its upload just after it reports `completed`: wait for that, or
  // the deletion would land in the next count and hide (or fake) a difference there.
  await Promise.all(
    post.map((r, i) =>
      r.outcome === 'imported' ? db.uploadGone(pre[items.indexOf(pending[i])].next!.uploadId) : null,
    ),
  );
  const after = await db.counts();
  post.forEach((r, i) => final.set(pending[i], r));
  for (const [item, r] of final) {
    if (firstTime) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    if (firstTime) lastOutcome = `${r.outcome}${r.detail ? `: ${r.detail.slice(0, 160)}` : ''}`;
    if (r.outcome === 'server_error') {
      if (!failures.has(item.index)) serverErrors++;
      record(item, `5xx/hang ${r.statuses.join(',')}: ${r.detail}`);
    }
  }
  const suspects = (list: Item[]) =>
    list.filter((item) => !['imported', 'server_error'].includes(final.get(item)!.outcome));
  if (preDiff.length > 0) {
    if (items.length === 1) return partial(items[0], final.get(items[0])!, preDiff);
    for (const item of suspects(items)) await checkGroup(s, db, [item], false, 1);
    return;
  }
  const refusedAtImport = suspects(pending);
  if (refusedAtImport.length === 0) return;
  if (post.some((r) => r.outcome === 'imported' || r.outcome === 'server_error'))
    return checkGroup(s, db, refusedAtImport, false, n);
  const allowedPost: Record<string, number> = {};
  for (const item of refusedAtImport)
    if (final.get(item)!.outcome === 'failed_import') add(allowedPost, { imports: 1 });
  const postDiff = unexpectedChanges(mid, after, allowedPost);
  if (postDiff.length === 0) return;
  if (items.length === 1) return partial(items[0], final.get(items[0])!, postDiff);
  for (const item of refusedAtImport) await checkGroup(s, db, [item], false, 1);
}

function partial(item: Item, r: SendResult, diff: string[]) {
  partialWrites++;
  record(item, `refused (${r.outcome}: ${r.detail ?? ''}) but the database changed: ${diff.join(', ')}`);
}

const add = (into: Record<string, number>, more: Record<string, number>) => {
  for (const [t, d] of Object.entries(more)) into[t] = (into[t] ?? 0) + d;
};
const sizeOf = (item: Item) => (typeof item.body === 'string' ? fs.statSync(item.body).size : item.body.length);

async function timed<R>(item: Item, fn: () => Promise<R>): Promise<R> {
  const t0 = Date.now();
  const r = await fn();
  const k = timeByKind.get(item.kind) ?? { n: 0, ms: 0 };
  timeByKind.set(item.kind, { n: k.n + 1, ms: k.ms + Date.now() - t0 });
  return r;
}

const UNHANDLED = /unhandled ?rejection|uncaught ?exception|UnhandledPromiseRejection|FATAL ERROR|⨯/i;

async function main() {
  const base = localServerUrl();
  const appDir = process.env.FUZZ_APP_DIR ?? process.cwd();
  if (!fs.existsSync(path.join(appDir, '.next', 'BUILD_ID')) && !fs.existsSync(path.join(appDir, '.next'))) {
    throw new Error(`${appDir} 中没有构建好的应用（先运行 next build）`);
  }
  const serverUrl = serverUrlOf(base);
  const dbName = `fuzz_${Date.now()}_${process.pid}`;
  const url = await ensureDatabase(serverUrl, dbName);
  const started = Date.now();
  console.log(`[fuzz] seed=${seed} files=${total} concurrency=${concurrency} database=${dbName} failures→${outDir}`);
  const log = path.join(os.tmpdir(), `fuzz-server-${seed}.log`);
  let stopPortal = async () => {};
  let db: Counter | undefined;
  try {
    await prepareDatabase(url, { demo: true });
    const portal = await startPortal(appDir, positiveInt('FUZZ_PORT', 3201), url, log);
    stopPortal = portal.stop;
    const s: Sender = {
      baseUrl: portal.baseUrl,
      cookie: await login(portal.baseUrl, 'staff', 'Demo#2026'),
      importTimeoutMs: 15 * 60_000,
    };
    db = await counter(url);
    const group = concurrency * 4;
    for (let i = 0; i < total; i += group) {
      const n = Math.min(group, total - i);
      const items = await Promise.all(Array.from({ length: n }, (_, k) => makeFile(seed, i + k)));
      await checkGroup(s, db, items, true);
      if ((i / group) % 25 === 0 || i + n >= total)
        console.log(`[fuzz] ${i + n}/${total} files, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    let sent = total;
    const bigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-big-'));
    try {
      for (const big of bigFiles(process.env.FUZZ_BIG ?? 'all')) {
        const t0 = Date.now();
        const item: Item = { ...(await big.write(bigDir, seed)), index: sent };
        sent++;
        await checkGroup(s, db, [item], true, 1);
        console.log(
          `[fuzz] large ${item.kind} (${(fs.statSync(item.body as string).size / 1048576).toFixed(1)} MB): ${Math.round((Date.now() - t0) / 1000)} s, ${lastOutcome}`,
        );
        fs.rmSync(item.body as string, { force: true });
      }
    } finally {
      fs.rmSync(bigDir, { recursive: true, force: true });
    }
    const running = await db.running();
    const unhandled = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => UNHANDLED.test(l));
    for (const l of unhandled.slice(0, 20)) console.log(`FAIL server log: ${l}`);
    const slow = [...timeByKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
    console.log(`[fuzz] time by kind: ${slow.map(([k, v]) => `${k} ${v.n}×${Math.round(v.ms / v.n)} ms`).join(', ')}`);
    console.log(`[fuzz] outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`[fuzz] ${Math.round((Date.now() - started) / 1000)} s; server log ${log}`);
    console.log(`RESULT fuzz_files ${sent}`);
    console.log(`RESULT fuzz_5xx ${serverErrors}`);
    console.log(`RESULT fuzz_partial_writes ${partialWrites}`);
    console.log(`RESULT fuzz_unhandled ${unhandled.length}`);
    console.log(`RESULT fuzz_running ${running}`);
    const failed = failures.size + unhandled.length + running;
    console.log(`fuzz: ${sent - failures.size} passed, ${failed} failed`);
    writeSummary(sent - failures.size, failed);
    process.exitCode = failed > 0 ? 1 : 0;
  } finally {
    await db?.close();
    await stopPortal();
    if (process.env.FUZZ_KEEP_DB !== '1') await dropDatabase(serverUrl, dbName);
  }
}

/** For npm test (scripts/test.ts): the counts, in FUZZ_SUMMARY when set. */
function writeSummary(passed: number, failed: number) {
  const file = process.env.FUZZ_SUMMARY;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ passed, failed, seed }));
}

main().catch((err) => {
  console.error(err);
  console.log('fuzz: 0 passed, 1 failed');
  writeSummary(0, 1);
  process.exit(1);
});

export type { BigFile };
