/**
 * Subsidy roster benchmark (issue 10): a registry of BENCH_PEOPLE people (default 400,000) with their
 * enrollment of the year and poverty lists naming BENCH_LISTED of them (default 30,000; several
 * sources, some people on two or three lists, a few bad IDs — see bench/subsidy-data.ts), in a fresh
 * database on the local server named by DATABASE_URL. Then, BENCH_RUNS times (default 3), as the
 * district's agency staff and a supervisor, through the real operations and their transactions:
 *
 *   1. generateRosterOp (first generation of the year's roster)      → RESULT roster_ms (median)
 *   2. generateRosterOp again (regeneration of the draft, for information)
 *   3. submitBatchOp
 *   4. approveBatchOp by the supervisor                               → RESULT approve_batch_ms (median)
 *
 * Each step prints its wall time and its CPU time in this process and in the database backend (one
 * connection; /proc), which other work on the machine inflates less than the wall time. Between
 * runs the approved batch is deleted (outside the timing, the freeze triggers bypassed for that one
 * cleanup transaction: session_replication_role = replica), so every run generates the year's first
 * roster again. After the runs, one generation is taken apart step by step in a transaction that is
 * rolled back (bench/subsidy-profile.ts), with the lines' insert repeated without subsidy_lines'
 * per-row checks to show what they cost.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:subsidy
 *
 * Environment: BENCH_PEOPLE, BENCH_LISTED, BENCH_RUNS, BENCH_KEEP=1 (keep the database),
 * BENCH_DATABASE=<kept bench_subsidy_* database> (no load), BENCH_EXPLAIN=1 (EXPLAIN ANALYZE of the
 * roster's reads and of the insert, with the time of each trigger).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { createDb, type Db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { towns, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import type { SessionUser } from '@/lib/auth/types';
import { approveBatchOp, generateRosterOp, submitBatchOp } from '@/lib/operations/subsidy-batches';
import type { OperationResult } from '@/lib/server/operation';
import { ensureDatabase } from '@/scripts/embedded-db';
import { benchDatabase, positiveInt, rawClient } from './common';
import { benchError, DISTRICT, importLists, loadPeople, writeLists } from './subsidy-data';
import { measured, padWide, profileGeneration, type Step } from './subsidy-profile';
import { formatDuration, now, percentile, round1 } from './timing';

const TARGET_ROSTER_MS = 2000;
const TARGET_APPROVE_MS = 1000;
const YEAR = new Date().getFullYear();
const fmt = (n: number) => n.toLocaleString('en-US');

async function createAndLoad(serverUrl: string, name: string, count: number, listed: number): Promise<string> {
  const url = await ensureDatabase(serverUrl, name);
  console.log(`已创建基准库 ${name}`);
  await migrateDatabase(url);
  const { db, close } = createDb(url, { max: 2 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-subsidy-'));
  try {
    await seedDemo(db, { people: 0 }); // towns, catalog, subsidy standards and rules of recent years, demo users
    const townRows = await db.select().from(towns).where(eq(towns.districtCode, DISTRICT));
    const start = now();
    const reg = await loadPeople(
      rawClient(db),
      count,
      YEAR,
      townRows.map((t) => t.code),
    );
    console.log(
      `装载登记库：${fmt(count)} 人，${fmt(reg.enrollments)} 条 ${YEAR} 年参保（居民未缴费 ${fmt(reg.unpaid)}），耗时 ${formatDuration(now() - start)}`,
    );
    const lists = writeLists(reg, listed, YEAR, dir, new Map(townRows.map((t) => [t.code, t.name])));
    console.log(
      `名单：${fmt(lists.people)} 人（仅职工医保 ${fmt(lists.employeeOnly)}；在两份名单 ${fmt(lists.onTwo)}，三份 ${fmt(lists.onThree)}），` +
        `${lists.files.length} 个文件，真实导入 importPovertyList：`,
    );
    const [staff] = await benchUsers(db);
    const importStart = now();
    await importLists(db, staff, lists.files, YEAR);
    console.log(`名单导入耗时 ${formatDuration(now() - importStart)}`);
    await rawClient(db)`vacuum (analyze)`;
    await rawClient(db)`checkpoint`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await close();
  }
  return url;
}

/** The demo users `staff` (agency_staff of the district) and `supervisor`. */
async function benchUsers(db: Db): Promise<[SessionUser, SessionUser]> {
  const rows = await db
    .select()
    .from(users)
    .where(inArray(users.username, ['staff', 'supervisor']));
  const as = (username: string): SessionUser => {
    const u = rows.find((r) => r.username === username) ?? benchError(`缺少演示用户 ${username}`);
    const { id, displayName, role, districtCode, townCode, hospitalId } = u;
    return { id, username, displayName, role, districtCode, townCode, hospitalId };
  };
  return [as('staff'), as('supervisor')];
}

function unwrap<T>(label: string, r: OperationResult<T>): T {
  if (!r.ok) throw new Error(`${label} 失败：${r.status} ${r.error}`);
  return r.data;
}

/** Deletes a batch and its lines, approved or not: the freeze triggers are bypassed in this transaction only. */
async function dropBatch(db: Db, id: number): Promise<void> {
  await rawClient(db).begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`delete from subsidy_lines where batch_id = ${id}`;
    await tx`delete from subsidy_batches where id = ${id}`;
  });
  await rawClient(db)`vacuum (analyze) subsidy_lines, subsidy_batches`;
}

interface Run {
  roster: Step;
  regen: Step;
  submit: Step;
  approve: Step;
  lines: number;
  amountFen: number;
}

async function oneRun(db: Db, pgPid: number, staff: SessionUser, supervisor: SessionUser): Promise<Run> {
  const run = { db, ip: '127.0.0.1' };
  const timed = <T>(fn: () => Promise<T>) => measured(pgPid, fn);
  const first = await timed(() => generateRosterOp.run(staff, { year: YEAR }, run));
  const batch = unwrap('subsidies.generate', first.result);
  if (batch.id === null) benchError('没有生成任何资助明细');
  const again = await timed(() => generateRosterOp.run(staff, { year: YEAR }, run));
  const regen = unwrap('subsidies.generate（重新生成）', again.result);
  const c = regen.diff;
  if (regen.id !== batch.id || c.added + c.removed + c.changed + c.stopped !== 0 || regen.lines !== batch.lines)
    benchError(`重新生成应复用草稿且无差异，实为 #${regen.id}，${JSON.stringify(c)}`);
  const submit = await timed(() => submitBatchOp.run(staff, { id: batch.id }, run));
  unwrap('subsidies.submit', submit.result);
  const approve = await timed(() => approveBatchOp.run(supervisor, { id: batch.id }, run));
  unwrap('subsidies.approve', approve.result);
  const [stored] = await db.execute<{ n: number; fen: string; status: string }>(sql`
    select count(*)::int as n, sum(amount_fen)::bigint as fen, (select status from subsidy_batches where id = ${batch.id}) as status
    from subsidy_lines where batch_id = ${batch.id}`);
  if (stored.n !== batch.lines || Number(stored.fen) !== batch.amountFen || stored.status !== 'approved')
    benchError(`库中批次与结果不符：${JSON.stringify(stored)}`);
  await dropBatch(db, batch.id);
  const step = ({ ms, nodeCpuMs, pgCpuMs }: Step): Step => ({ ms, nodeCpuMs, pgCpuMs });
  return {
    roster: step(first),
    regen: step(again),
    submit: step(submit),
    approve: step(approve),
    lines: batch.lines,
    amountFen: batch.amountFen,
  };
}

const STEPS = [
  ['roster', '生成花名册', TARGET_ROSTER_MS],
  ['regen', '重新生成草稿', null],
  ['submit', '提交', null],
  ['approve', '审批通过', TARGET_APPROVE_MS],
] as const;

/** Per step: every run's wall time (and CPU: Node + the database backend), the median and the maximum. */
function report(runs: Run[]): void {
  const cpu = (s: Step) => `${s.nodeCpuMs.toFixed(0)}+${s.pgCpuMs === null ? '?' : s.pgCpuMs.toFixed(0)}`;
  console.log('\n各步骤耗时 ms（括号内：CPU 时间 Node+数据库后端，不含等待其他进程的时间）');
  for (const [key, label, target] of STEPS) {
    const xs = runs.map((r) => r[key].ms);
    const each = runs.map((r) => `${r[key].ms.toFixed(0)}（${cpu(r[key])}）`).join('，');
    console.log(
      `  ${padWide(label, 14)}中位数 ${percentile(xs, 50).toFixed(1)}，最大 ${Math.max(...xs).toFixed(1)}` +
        `${target ? `（目标 ≤ ${target}）` : ''}；各轮 ${each}`,
    );
  }
}

async function main(): Promise<void> {
  const count = positiveInt('BENCH_PEOPLE', 400_000);
  const listed = positiveInt('BENCH_LISTED', 30_000);
  const runCount = positiveInt('BENCH_RUNS', 3);
  const bench = benchDatabase('bench_subsidy');
  let client: { db: Db; close: () => Promise<void> } | undefined;
  try {
    let url = bench.reusedUrl;
    if (url) console.log(`复用基准库 ${bench.name}（不装载、不删除）`);
    else {
      console.log(`生成并装载 ${fmt(count)} 人、名单 ${fmt(listed)} 人…`);
      url = await createAndLoad(bench.serverUrl, bench.name, count, listed);
    }
    // One connection (the steps run one after the other anyway): its backend's CPU time is read from /proc.
    client = createDb(url, { max: 1 });
    const { db } = client;
    const [staff, supervisor] = await benchUsers(db);
    const [{ pid }] = await rawClient(db)<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const load = os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ');
    console.log(`\n负载（1/5/15 分钟平均）：${load}，${os.cpus().length} 核`);
    console.log(
      `计时：${YEAR} 年度，区级经办 staff 生成 → 重新生成 → 提交 → 负责人 supervisor 审批，共 ${runCount} 轮`,
    );

    const runs: Run[] = [];
    for (let i = 0; i < runCount; i++) {
      const r = await oneRun(db, pid, staff, supervisor);
      console.log(
        `  第 ${i + 1} 轮：${fmt(r.lines)} 条明细，${(r.amountFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} 元；` +
          `生成 ${r.roster.ms.toFixed(0)} ms，重新生成 ${r.regen.ms.toFixed(0)} ms，提交 ${r.submit.ms.toFixed(0)} ms，审批 ${r.approve.ms.toFixed(0)} ms`,
      );
      runs.push(r);
    }
    report(runs);
    await profileGeneration(url, staff, YEAR, process.env.BENCH_EXPLAIN === '1');

    console.log(`\n目标：生成 ≤ ${TARGET_ROSTER_MS} ms，审批 ≤ ${TARGET_APPROVE_MS} ms（RESULT 为中位数）`);
    const median = (key: 'roster' | 'approve') =>
      round1(
        percentile(
          runs.map((r) => r[key].ms),
          50,
        ),
      ).toFixed(1);
    console.log(`RESULT roster_ms ${median('roster')}`);
    console.log(`RESULT approve_batch_ms ${median('approve')}`);
  } finally {
    await client?.close();
    await bench.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
