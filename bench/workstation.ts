/**
 * Hospital workstation benchmark: loads a registry of BENCH_PEOPLE people (default 1,000,000) into
 * a fresh database on the local server named by DATABASE_URL (the registry benchmark's COPY
 * loader), then runs BENCH_USERS simulated counter clerks (default 20, spread over the four
 * general hospitals) at the same time, in-process against one connection pool the size of the
 * app's. Each clerk repeats, on distinct people enrolled this year: workstation.lookup (exact ID
 * number) → workstation.file (diabetes) → workstation.decide (approve) — the real operations,
 * transactions, locks and audit rows included — pausing BENCH_THINK_MS after each step (reading
 * the card, filling in the form). BENCH_THINK_MS=0 runs the clerks back to back: a saturation
 * test, where latency is mostly waiting for the other 19 (Little's law), not the work itself.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:workstation
 *
 * Environment:
 *   BENCH_PEOPLE    people to generate (default 1000000)
 *   BENCH_USERS     concurrent clerks (default 20)
 *   BENCH_ROUNDS    timed lookup → file → approve rounds per clerk (default 25, after 2 warm-up rounds)
 *   BENCH_THINK_MS  a clerk's pause after each step (default 1000; 0 = back to back)
 *   BENCH_POOL      connections in the pool (default 10, as the app's)
 *   BENCH_KEEP=1    keep the benchmark database afterwards (its name is printed)
 *   BENCH_DATABASE  reuse a kept `bench_workstation_*` database (no load, never dropped)
 *
 * Prints `RESULT lookup_p95_ms <n>` and `RESULT approve_p95_ms <n>` (target ≤ 100 ms each).
 */
import os from 'node:os';
import { eq, inArray, sql } from 'drizzle-orm';
import { createDb, type Db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { certifications, hospitals, people, users } from '@/db/schema';
import { demoTownWeights, seedDemo } from '@/db/seed';
import type { SessionUser } from '@/lib/auth/types';
import { workstationFile, workstationLookup } from '@/lib/operations/workstation';
import { workstationDecide } from '@/lib/operations/workstation-decide';
import type { OperationResult } from '@/lib/server/operation';
import { ensureDatabase } from '@/scripts/embedded-db';
import { benchDatabase, fail, positiveInt, rawClient } from './common';
import { loadRegistry } from './load-registry';
import { formatDuration, now, percentile, round1, summarize, timed } from './timing';
import { shanghaiDate } from '../lib/domain/shanghai-day';

const TARGET_P95_MS = 100;
const WARMUP_ROUNDS = 2;
const DISEASE = 'M01600'; // 糖尿病: delegated to the general hospitals, open to both schemes, 24 months
const GENERAL_HOSPITALS = ['H37100300001', 'H37100300002', 'H37100300003', 'H37100300004'];
const today = () => shanghaiDate();

async function createAndLoad(serverUrl: string, name: string, count: number): Promise<string> {
  const url = await ensureDatabase(serverUrl, name);
  console.log(`已创建基准库 ${name}`);
  await migrateDatabase(url);
  const { db, close } = createDb(url, { max: 1 });
  try {
    await seedDemo(db, { people: 0 }); // catalog, towns, hospitals, delegations, demo users
    const townRows = await rawClient(db)<{ code: string }[]>`select code from towns where district_code = '371003'`;
    const thisYear = new Date().getFullYear();
    const start = now();
    const stats = await loadRegistry(rawClient(db), {
      count,
      towns: demoTownWeights(townRows.map((t) => t.code)),
      years: [thisYear - 2, thisYear - 1, thisYear],
      seed: 2026,
      onProgress: (m) => console.log(`  ${m}`),
    });
    // As after a real import some time ago: visibility map set, statistics fresh, and the load's
    // dirty pages written out — otherwise its checkpoint lands in the middle of the timing.
    await rawClient(db)`vacuum (analyze)`;
    await rawClient(db)`checkpoint`;
    console.log(
      `装载完成：${stats.people.toLocaleString('en-US')} 人，${stats.enrollments.toLocaleString('en-US')} 条参保记录，耗时 ${formatDuration(now() - start)}`,
    );
  } finally {
    await close();
  }
  return url;
}

/** BENCH_USERS hospital_staff users, round-robin over the general hospitals (created once per database). */
async function clerks(db: Db, n: number): Promise<SessionUser[]> {
  const hs = await db
    .select({ id: hospitals.id, code: hospitals.code })
    .from(hospitals)
    .where(inArray(hospitals.code, GENERAL_HOSPITALS));
  const wanted = Array.from({ length: n }, (_, i) => ({
    username: `bench_clerk_${i + 1}`,
    hospitalId: hs[i % hs.length].id,
  }));
  await db
    .insert(users)
    .values(
      wanted.map((w) => ({
        ...w,
        displayName: `窗口${w.username.slice(12)}`,
        role: 'hospital_staff' as const,
        passwordHash: 'x',
      })),
    )
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(users)
    .where(
      inArray(
        users.username,
        wanted.map((w) => w.username),
      ),
    );
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    districtCode: u.districtCode,
    townCode: u.townCode,
    hospitalId: u.hospitalId,
  }));
}

/** Distinct people with an active enrollment this year and no application yet, spread over the table. */
async function candidates(db: Db, n: number): Promise<string[]> {
  const rows = await rawClient(db)<{ idNumber: string }[]>`
    select p.id_number as "idNumber" from people p tablesample system (2) repeatable (${Date.now() % 100000})
    where exists (select 1 from enrollments e where e.person_id = p.id and e.year = ${new Date().getFullYear()} and e.status = 'active')
      and not exists (select 1 from certifications c where c.person_id = p.id)
    limit ${n}`;
  if (rows.length < n) fail(`可用的本年参保人员不足：需要 ${n}，找到 ${rows.length}`);
  return rows.map((r) => r.idNumber);
}

function unwrap<T>(label: string, r: OperationResult<T>): T {
  if (!r.ok) throw new Error(`${label} 失败：${r.status} ${r.error}`);
  return r.data;
}

interface Samples {
  lookup: number[];
  file: number[];
  approve: number[];
}

/** One clerk: lookup → file → approve per person; warm-up rounds are not recorded. */
async function clerk(db: Db, user: SessionUser, ids: string[], samples: Samples, thinkMs: number): Promise<void> {
  const run = { db, ip: '127.0.0.1' };
  // Jittered (±50%) so the clerks do not move in lock step.
  const think = () =>
    thinkMs ? new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random()))) : Promise.resolve();
  await think();
  for (let i = 0; i < ids.length; i++) {
    const keep = i >= WARMUP_ROUNDS;
    const lookup = await timed(() => workstationLookup.run(user, { idNumber: ids[i] }, run));
    const card = unwrap('workstation.lookup', lookup.result);
    await think();
    const input = {
      lookupToken: card.lookupToken, // the filing is bound to this clerk's lookup
      diseaseCode: DISEASE,
      icd10Code: 'E11.9',
      diagnosisText: '2型糖尿病',
      doctor: '张医生',
      diagnosisDate: today(),
    };
    const filed = await timed(() => workstationFile.run(user, input, run));
    const { id } = unwrap('workstation.file', filed.result);
    await think();
    const approve = await timed(() =>
      workstationDecide.run(user, { id, decision: 'approve', startDate: today() }, run),
    );
    unwrap('workstation.decide', approve.result);
    await think();
    if (keep) {
      samples.lookup.push(lookup.ms);
      samples.file.push(filed.ms);
      samples.approve.push(approve.ms);
    }
  }
}

/** The plan of the look-up's person query: it must be the unique index on id_number. */
async function lookupPlan(db: Db, idNumber: string): Promise<string> {
  const query = db.select({ id: people.id }).from(people).where(eq(people.idNumber, idNumber)).toSQL();
  const plan = await rawClient(db).unsafe(`explain ${query.sql}`, query.params as never[]);
  return plan.map((r) => r['QUERY PLAN']).join('\n');
}

async function main(): Promise<void> {
  const count = positiveInt('BENCH_PEOPLE', 1_000_000);
  const userCount = positiveInt('BENCH_USERS', 20);
  const rounds = positiveInt('BENCH_ROUNDS', 25);
  const thinkRaw = process.env.BENCH_THINK_MS;
  const thinkMs = thinkRaw === '0' ? 0 : positiveInt('BENCH_THINK_MS', 1000);
  const bench = benchDatabase('bench_workstation');

  let client: { db: Db; close: () => Promise<void> } | undefined;
  try {
    let url = bench.reusedUrl;
    if (url) console.log(`复用基准库 ${bench.name}（不装载、不删除）`);
    else {
      console.log(`生成并装载 ${count.toLocaleString('en-US')} 人…`);
      url = await createAndLoad(bench.serverUrl, bench.name, count);
    }
    client = createDb(url, { max: positiveInt('BENCH_POOL', 10) }); // the app's pool size by default
    const { db } = client;
    const users = await clerks(db, userCount);
    const perClerk = rounds + WARMUP_ROUNDS;
    const ids = await candidates(db, userCount * perClerk);
    const [{ n: population }] = await db.select({ n: sql<number>`count(*)::int` }).from(people);

    console.log(`\n查询人员的执行计划（须走身份证号唯一索引）：\n${await lookupPlan(db, ids[0])}`);
    console.log(
      `\n负载（1/5/15 分钟平均）：${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')}，${os.cpus().length} 核`,
    );
    console.log(
      `计时：${population.toLocaleString('en-US')} 人；${userCount} 个窗口同时办理，各预热 ${WARMUP_ROUNDS} 轮后计时 ${rounds} 轮（查询 → 申请 → 认定通过），` +
        (thinkMs ? `每步之后停顿约 ${thinkMs} ms（±50%）` : '不停顿（饱和测试）'),
    );

    const samples: Samples = { lookup: [], file: [], approve: [] };
    const start = now();
    await Promise.all(users.map((u, i) => clerk(db, u, ids.slice(i * perClerk, (i + 1) * perClerk), samples, thinkMs)));
    const wall = now() - start;

    const f = (x: number) => x.toFixed(1).padStart(8);
    console.log(
      `\n${'操作'.padEnd(22)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'max ms'.padStart(8)}${'次数'.padStart(7)}`,
    );
    for (const [label, s] of [
      ['workstation.lookup', samples.lookup],
      ['workstation.file', samples.file],
      ['workstation.decide', samples.approve],
    ] as const) {
      const x = summarize(s);
      console.log(`${label.padEnd(22)}${f(x.p50)}${f(x.p95)}${f(x.max)}${String(x.n).padStart(8)}`);
    }
    const [{ approved }] = await db
      .select({ approved: sql<number>`count(*)::int` })
      .from(certifications)
      .where(eq(certifications.status, 'approved'));
    const rate = (userCount * perClerk) / (wall / 1000);
    console.log(
      `\n全部 ${userCount * perClerk} 人次办结，耗时 ${formatDuration(wall)}（约 ${rate.toFixed(1)} 人次/秒）；库中已认定 ${approved} 条`,
    );
    const lookupP95 = percentile(samples.lookup, 95);
    const approveP95 = percentile(samples.approve, 95);
    console.log(`目标：查询与认定的 p95 各 ≤ ${TARGET_P95_MS} ms`);
    console.log(`\nRESULT lookup_p95_ms ${round1(lookupP95).toFixed(1)}`);
    console.log(`RESULT approve_p95_ms ${round1(approveP95).toFixed(1)}`);
  } finally {
    await client?.close();
    await bench.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
