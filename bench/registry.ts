/**
 * Person-list benchmark: loads a registry of BENCH_PEOPLE people (default 1,000,000) into a fresh
 * database on the local server named by DATABASE_URL and times the real query function
 * listPeople (db/queries/persons.ts) for a mix of list requests that agency staff make.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:registry
 *
 * Environment:
 *   DATABASE_URL    any database on the server; the benchmark creates its own `bench_registry_<timestamp>`
 *   BENCH_PEOPLE    people to generate (default 1000000)
 *   BENCH_RUNS      timed runs per request variant (default 30, after 3 warm-up runs)
 *   BENCH_KEEP=1    keep the benchmark database afterwards (its name is printed)
 *   BENCH_DATABASE  benchmark an existing kept `bench_registry_*` database instead of loading a new
 *                   one (e.g. after trying an index in it with psql); it is never dropped
 *   BENCH_EXPLAIN=all  print EXPLAIN (ANALYZE, BUFFERS) for every variant, not only the slowest
 *   BENCH_SQL       comma-separated SQL files run after the migrations and before loading, to try
 *                   a schema proposal (e.g. bench/proposals/registry-indexes.sql) without a migration
 *
 * Prints `RESULT person_list_p95_ms <n>`: the 95th percentile over all timed requests.
 */
import fs from 'node:fs';
import os from 'node:os';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { createDb, type Db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { listPeople } from '@/db/queries/persons';
import * as schema from '@/db/schema';
import { seedReference, demoTownWeights } from '@/db/seed';
import type { AreaScope } from '@/lib/auth/types';
import { personListQuerySchema, type PersonListQuery } from '@/lib/schemas/persons';
import { ensureDatabase } from '@/scripts/embedded-db';
import { loadRegistry } from './load-registry';
import { formatDuration, now, percentile, round1, summarize, timed } from './timing';
import { benchDatabase, fail, positiveInt, rawClient } from './common';

const TARGET_P95_MS = 50;
const WARMUP_RUNS = 3;
const DISTRICT = '371003';

// ---------------------------------------------------------------------------------------------
// The request mix

interface Variant {
  label: string;
  scope: AreaScope;
  query: PersonListQuery;
}

const districtScope: AreaScope = { level: 'district', districtCode: DISTRICT };
const townScope: AreaScope = { level: 'town', districtCode: DISTRICT, townCode: '371003001' };

/** The requests, parsed by the same schema as the URL's search parameters (so defaults apply). */
function variants(sampleIdNumber: string): Variant[] {
  const v = (label: string, scope: AreaScope, params: Record<string, unknown>): Variant => ({
    label,
    scope,
    query: personListQuerySchema.parse(params),
  });
  return [
    v('区·默认首页（按姓名）', districtScope, {}),
    v('区·镇街+本年未参保', districtScope, { townCode: '371003100', status: 'not_enrolled' }),
    v('区·已参保·出生日期倒序·第50页', districtScope, {
      status: 'enrolled',
      sort: 'birthDate',
      order: 'desc',
      page: 50,
    }),
    v('区·姓名前缀“王伟”', districtScope, { name: '王伟' }),
    v('区·身份证号精确', districtScope, { idNumber: sampleIdNumber }),
    v('镇·默认首页（按姓名）', townScope, {}),
    v('镇·镇街筛选·按姓名·第3页', townScope, { townCode: '371003001', sort: 'name', page: 3 }),
    v('镇·本年未参保', townScope, { status: 'not_enrolled' }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Setup

function sqlFiles(): string[] {
  const files = (process.env.BENCH_SQL ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of files) if (!fs.existsSync(f)) fail(`BENCH_SQL 文件不存在：${f}`);
  return files;
}

async function createAndLoad(serverUrl: string, name: string, count: number, setupSql: string[]): Promise<string> {
  const url = await ensureDatabase(serverUrl, name);
  console.log(`已创建基准库 ${name}`);
  await migrateDatabase(url);
  const { db, close } = createDb(url, { max: 1 });
  try {
    await seedReference(db);
    for (const file of setupSql) {
      const ms = (await timed(() => rawClient(db).unsafe(fs.readFileSync(file, 'utf8')))).ms;
      console.log(`已执行 ${file}（${formatDuration(ms)}）`);
    }
    const townRows = await db
      .select({ code: schema.towns.code })
      .from(schema.towns)
      .where(eq(schema.towns.districtCode, DISTRICT));
    const thisYear = new Date().getFullYear();
    const start = now();
    const stats = await loadRegistry(rawClient(db), {
      count,
      towns: demoTownWeights(townRows.map((t) => t.code)),
      years: [thisYear - 2, thisYear - 1, thisYear],
      seed: 2026,
      onProgress: (m) => console.log(`  ${m}`),
    });
    // VACUUM as well as ANALYZE (the whole database, reference tables included): it sets the
    // visibility map, as autovacuum would soon after a real import, so index-only scans work — and
    // autovacuum does not start in the middle of the timing.
    const vacuum = await timed(() => rawClient(db)`vacuum (analyze)`);
    const total = now() - start;
    console.log(
      `装载完成：${stats.people.toLocaleString('en-US')} 人，${stats.households.toLocaleString('en-US')} 户，` +
        `${stats.enrollments.toLocaleString('en-US')} 条参保记录`,
    );
    console.log(
      `装载耗时 ${formatDuration(total)}（生成 ${formatDuration(stats.generateMs)}，COPY ${formatDuration(stats.copyMs)}，` +
        `VACUUM ANALYZE ${formatDuration(vacuum.ms)}）`,
    );
  } finally {
    await close();
  }
  return url;
}

// ---------------------------------------------------------------------------------------------
// Timing and EXPLAIN

interface Measured extends Variant {
  samples: number[];
  total: number;
  rows: number;
}

async function measure(db: Db, list: Variant[], runs: number): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const variant of list) {
    let result = await listPeople(db, variant.scope, variant.query);
    for (let i = 1; i < WARMUP_RUNS; i++) result = await listPeople(db, variant.scope, variant.query);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push((await timed(() => listPeople(db, variant.scope, variant.query))).ms);
    out.push({ ...variant, samples, total: result.total, rows: result.data.length });
  }
  return out;
}

/** The two statements listPeople sends for a variant, captured with a drizzle logger on the same client. */
async function captureStatements(client: Sql, variant: Variant): Promise<{ query: string; params: unknown[] }[]> {
  const captured: { query: string; params: unknown[] }[] = [];
  const logging = drizzle(client, {
    schema,
    casing: 'snake_case',
    logger: { logQuery: (query, params) => void captured.push({ query, params }) },
  });
  await listPeople(logging, variant.scope, variant.query);
  return captured;
}

async function explain(client: Sql, variant: Variant): Promise<void> {
  console.log(`\n=== EXPLAIN (ANALYZE, BUFFERS)：${variant.label} ===`);
  for (const { query, params } of await captureStatements(client, variant)) {
    console.log(`\n-- ${query}\n-- 参数：${JSON.stringify(params)}`);
    const plan = await client.unsafe(`explain (analyze, buffers) ${query}`, params as never[]);
    for (const row of plan) console.log(row['QUERY PLAN']);
  }
}

function printTable(results: Measured[]): void {
  const f = (x: number) => x.toFixed(1).padStart(8);
  console.log(`\n${'请求'.padEnd(24)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'max ms'.padStart(8)}  命中总数`);
  for (const r of results) {
    const s = summarize(r.samples);
    console.log(
      `${r.label.padEnd(24 - [...r.label].filter((c) => c.charCodeAt(0) > 0xff).length)}${f(s.p50)}${f(s.p95)}${f(s.max)}  ${r.total.toLocaleString('en-US')}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const count = positiveInt('BENCH_PEOPLE', 1_000_000);
  const runs = positiveInt('BENCH_RUNS', 30);
  const setupSql = sqlFiles();
  const bench = benchDatabase('bench_registry');
  if (bench.reusedUrl && setupSql.length) fail('BENCH_SQL 只用于新建的基准库，不能与 BENCH_DATABASE 同用');

  let client: { db: Db; close: () => Promise<void> } | undefined;
  try {
    let url = bench.reusedUrl;
    if (url) console.log(`复用基准库 ${bench.name}（不装载、不删除）`);
    else {
      console.log(`生成并装载 ${count.toLocaleString('en-US')} 人…`);
      url = await createAndLoad(bench.serverUrl, bench.name, count, setupSql);
    }

    client = createDb(url);
    const { db } = client;
    const [{ idNumber }] = await rawClient(db)<{ idNumber: string }[]>`
      select id_number as "idNumber" from people where id = (select (min(id) + max(id)) / 2 from people)`;
    const list = variants(idNumber);
    console.log(
      `\n负载（1/5/15 分钟平均）：${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')}，${os.cpus().length} 核`,
    );
    console.log(
      `计时：${list.length} 种请求，各预热 ${WARMUP_RUNS} 次后依次计时 ${runs} 次（year=${list[0].query.year}）`,
    );
    const results = await measure(db, list, runs);
    printTable(results);

    const all = results.flatMap((r) => r.samples);
    const p95 = percentile(all, 95);
    console.log(
      `\n全部 ${all.length} 次请求：p50 ${percentile(all, 50).toFixed(1)} ms，p95 ${p95.toFixed(1)} ms（目标 ≤ ${TARGET_P95_MS} ms）`,
    );

    const slowest = results.reduce((a, b) => (percentile(b.samples, 95) > percentile(a.samples, 95) ? b : a));
    if (process.env.BENCH_EXPLAIN === 'all') for (const r of results) await explain(rawClient(db), r);
    else if (p95 > TARGET_P95_MS) await explain(rawClient(db), slowest);

    console.log(`\nRESULT person_list_p95_ms ${round1(p95).toFixed(1)}`);
  } finally {
    await client?.close();
    await bench.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
