/**
 * Dashboard benchmark: every dashboard endpoint at 1M enrollments and 1M assistance records, p95 under
 * BENCH_CONCURRENCY concurrent requests (default 50; target ≤ 100 ms).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:dashboard
 *
 * Loads bench/dashboard-data.ts into a fresh database, then, in-process against one connection pool
 * the size of the app's (BENCH_POOL, default 10), calls the real operations the routes call
 * (`op.run(user, query, { db, readDb })`: session, permission, zod, scope, the panel's queries) —
 * as bench:workstation does. Two phases:
 *   1. cold: each endpoint once, alone, for the district with the default filters, on an empty
 *      result cache — what a first visitor after a change waits (printed, not the RESULT);
 *   2. mixed: BENCH_CONCURRENCY workers for BENCH_SECONDS (default 60), each sending its next request
 *      as soon as the last one is answered: a random endpoint (the .xlsx export of a random panel
 *      one time in twenty), a random user (supervisor 60%, district agency staff 20%, town staff
 *      20%), this year (90%) or last year, no town or a random town (half each), the whole year,
 *      a quarter or a month. With BENCH_WRITE_EVERY_MS (default 0: none), a writer enters
 *      one assistance record by the real operation that often, which invalidates every cached
 *      assistance figure — the reads after it are computed afresh.
 *
 * Prints per endpoint n, p50, p95, max, and `RESULT dashboard_p95_ms <n>`: the highest p95 of any
 * endpoint in phase 2. BENCH_KEEP=1 keeps the database; BENCH_DATABASE reuses a kept one.
 */
import os from 'node:os';
import { createDb, type Db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import type { SessionUser } from '@/lib/auth/types';
import { createAssistanceOp } from '@/lib/operations/assistance-writes';
import { dashboardAssistanceOp } from '@/lib/operations/dashboard-assistance';
import { dashboardCasesOp } from '@/lib/operations/dashboard-cases';
import { dashboardCertificationsOp } from '@/lib/operations/dashboard-certifications';
import { dashboardCoverageOp } from '@/lib/operations/dashboard-coverage';
import { dashboardExportOp } from '@/lib/operations/dashboard-export';
import { dashboardListCoverageOp } from '@/lib/operations/dashboard-lists';
import { dashboardSubsidiesOp } from '@/lib/operations/dashboard-subsidies';
import { DASHBOARD_PANELS } from '@/lib/schemas/dashboard';
import type { OperationResult } from '@/lib/server/operation';
import { ensureDatabase } from '@/scripts/embedded-db';
import { benchDatabase, positiveInt, rawClient } from './common';
import { demoUsers, loadDashboardData, loadRest, YEAR } from './dashboard-data';
import { formatDuration, now, round1, summarize } from './timing';

const TARGET_P95_MS = 100;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOp = { name: string; run: (u: SessionUser, raw: unknown, o: { db: Db }) => Promise<OperationResult<any>> };
const PANEL_OPS: AnyOp[] = [
  dashboardCoverageOp,
  dashboardListCoverageOp,
  dashboardCasesOp,
  dashboardSubsidiesOp,
  dashboardAssistanceOp,
  dashboardCertificationsOp,
];

let seed = 20261202;
/** A small deterministic generator (mulberry32), so two runs send the same requests. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

function filters(user: SessionUser, townCodes: string[]): Record<string, unknown> {
  const f: Record<string, unknown> = { year: random() < 0.9 ? YEAR : YEAR - 1 };
  if (user.townCode) f.townCode = user.townCode;
  else if (random() < 0.5) f.townCode = pick(townCodes);
  const r = random();
  if (r < 0.2) {
    const q = Math.floor(random() * 4);
    Object.assign(f, { monthFrom: q * 3 + 1, monthTo: q * 3 + 3 });
  } else if (r < 0.4) {
    const m = 1 + Math.floor(random() * 12);
    Object.assign(f, { monthFrom: m, monthTo: m });
  }
  return f;
}

function mustSucceed(label: string, r: OperationResult<unknown>): void {
  if (!r.ok) throw new Error(`${label} 失败：${r.status} ${r.error}`);
}

async function coldPhase(db: Db, supervisor: SessionUser): Promise<void> {
  console.log('\n阶段 1：冷启动（空结果缓存，每个接口单独一次，全区，默认筛选）');
  for (const op of PANEL_OPS) {
    const start = now();
    mustSucceed(op.name, await op.run(supervisor, { year: YEAR }, { db }));
    const cold = now() - start;
    const again = now();
    mustSucceed(op.name, await op.run(supervisor, { year: YEAR }, { db }));
    console.log(`  ${op.name.padEnd(28)} 首次 ${round1(cold)} ms，再次 ${round1(now() - again)} ms`);
  }
}

async function mixedPhase(db: Db, users: SessionUser[], townCodes: string[], writer: SessionUser) {
  const concurrency = positiveInt('BENCH_CONCURRENCY', 50);
  const seconds = positiveInt('BENCH_SECONDS', 60);
  const writeEvery = Number(process.env.BENCH_WRITE_EVERY_MS ?? 0);
  console.log(
    `\n阶段 2：${concurrency} 个并发请求，持续 ${seconds} s${writeEvery > 0 ? `，每 ${writeEvery} ms 录入一条救助记录` : ''}`,
  );
  const samples = new Map<string, number[]>();
  const deadline = now() + seconds * 1000;
  let writes = 0;
  const [{ idNumber }] = await rawClient(db)<{ idNumber: string }[]>`
    select p.id_number as "idNumber" from assistance_records a join people p on p.id = a.person_id
    where a.kind = 'settlement' limit 1`;
  const writerLoop = async () => {
    while (writeEvery > 0 && now() < deadline) {
      await new Promise((r) => setTimeout(r, writeEvery));
      const r = await createAssistanceOp.run(
        writer,
        {
          idNumber,
          medType: 'outpatient',
          settlementDate: `${YEAR}-03-15`,
          institutionName: '基准测试卫生院',
          totalYuan: '120.00',
          policyRangeYuan: '100.00',
          assistanceYuan: '20.00',
        },
        { db },
      );
      mustSucceed('录入救助记录', r);
      writes++;
    }
  };
  const worker = async () => {
    while (now() < deadline) {
      const user = pick(users);
      const f = filters(user, townCodes);
      const exporting = random() < 0.05;
      const op = exporting ? (dashboardExportOp as unknown as AnyOp) : pick(PANEL_OPS);
      const input = exporting ? { ...f, panel: pick(DASHBOARD_PANELS) } : f;
      const start = now();
      const r = await op.run(user, input, { db });
      const ms = now() - start;
      mustSucceed(op.name, r);
      const list = samples.get(op.name) ?? [];
      list.push(ms);
      samples.set(op.name, list);
    }
  };
  await Promise.all([writerLoop(), ...Array.from({ length: concurrency }, worker)]);
  return { samples, writes, seconds };
}

async function main(): Promise<void> {
  const { serverUrl, name, reusedUrl, cleanup } = benchDatabase('bench_dashboard');
  try {
    let url = reusedUrl;
    if (!url) {
      url = await ensureDatabase(serverUrl, name);
      console.log(`已创建基准库 ${name}，装载数据：`);
      await migrateDatabase(url);
      const loader = createDb(url, { max: 2 });
      const start = now();
      try {
        await loadDashboardData(loader.db);
      } finally {
        await loader.close();
      }
      console.log(`装载完成，耗时 ${formatDuration(now() - start)}`);
    }
    const { db, close } = createDb(url, { max: positiveInt('BENCH_POOL', 10) });
    if (reusedUrl) await loadRest(db);
    try {
      const sql = rawClient(db);
      const [counts] = await sql<{ enrollments: number; assistance: number; people: number }[]>`
        select (select count(*) from enrollments)::int as enrollments,
               (select count(*) from assistance_records)::int as assistance,
               (select count(*) from people)::int as people`;
      console.log(
        `数据：${counts.people.toLocaleString('en-US')} 人，${counts.enrollments.toLocaleString('en-US')} 条参保记录，${counts.assistance.toLocaleString('en-US')} 条救助记录；CPU ${os.cpus().length} 核，负载 ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      const towns = await sql<{ code: string }[]>`select code from towns where district_code = '371003' order by code`;
      const u = await demoUsers(db, ['supervisor', 'staff', 'town_staff']);
      const supervisor = u.get('supervisor')!;
      const users = [supervisor, supervisor, supervisor, u.get('staff')!, u.get('town_staff')!];

      await coldPhase(db, supervisor);
      const { samples, writes, seconds } = await mixedPhase(
        db,
        users,
        towns.map((t) => t.code),
        u.get('staff')!,
      );
      let total = 0;
      let worst = 0;
      console.log('\n  接口                           请求数    p50     p95     max');
      for (const [opName, list] of [...samples].sort()) {
        const s = summarize(list);
        total += s.n;
        worst = Math.max(worst, s.p95);
        console.log(
          `  ${opName.padEnd(28)} ${String(s.n).padStart(7)} ${String(round1(s.p50)).padStart(7)} ${String(round1(s.p95)).padStart(7)} ${String(round1(s.max)).padStart(7)}`,
        );
      }
      const all = summarize([...samples.values()].flat());
      console.log(
        `  合计 ${total} 个请求（${round1(total / seconds)} 个/秒），p50 ${round1(all.p50)} ms，p95 ${round1(all.p95)} ms；录入救助记录 ${writes} 条；负载 ${os.loadavg()[0].toFixed(1)}`,
      );
      console.log(`\n目标：每个接口 p95 ≤ ${TARGET_P95_MS} ms（RESULT 为各接口 p95 的最大值）`);
      console.log(`RESULT dashboard_p95_ms ${round1(worst)}`);
    } finally {
      await close();
    }
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
