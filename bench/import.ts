/**
 * Import benchmark: the REAL registry import (lib/import/registry-import.ts) and the REAL
 * poverty-list import (lib/import/list-import.ts), each against a raw-SQL baseline on the same
 * file, in a fresh database on the local server named by DATABASE_URL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:import
 *
 * Environment:
 *   DATABASE_URL     any database on a LOCAL server; the benchmark creates `bench_import_<timestamp>`
 *                    (migrated, reference data seeded) and drops it at the end
 *   BENCH_ROWS       registry rows (default 1,000,000); shrink while debugging
 *   BENCH_LIST_ROWS  poverty-list rows (default BENCH_ROWS / 10, i.e. 100,000)
 *   BENCH_KEEP=1     keep the database and the generated files (their names are printed)
 *
 * The files (generated in a child process, so that the generator's memory does not count in the
 * RSS measured here) come from db/demo-people.ts `generatePeople`:
 * - registry CSV: ONE ROW PER PERSON — the person's enrollment for the current year (the first
 *   scheme when the generator gives two), or, for the ~6% the generator leaves unenrolled this
 *   year, their enrollment of last year (so they are in the registry but "not enrolled"); people
 *   enrolled in neither year are not in the export. Columns: 姓名, 公民身份号码, 乡镇 (town name),
 *   村, 户号, 与户主关系, 险种类型 (390/310), 年度, 档次, 缴费金额 (元), 缴费日期, 参保状态.
 * - poverty list CSV (姓名, 身份证号, 乡镇, 类别): people of that registry, 10% of them not enrolled
 *   this year, 1% with a broken ID number (wrong check character), the rest enrolled.
 *
 * Measured:
 * (a) the issue's baseline, "psql \copy of the same data into the same table": the same registry
 *     rows, already validated and shaped (town codes, household and person ids resolved — psql
 *     cannot turn a town name into a code), `\copy`'d in one transaction into copies of the three
 *     tables the import fills — households, people, enrollments — with all their indexes and
 *     foreign keys (`like … including all` + the foreign keys). Not their registry-counter
 *     triggers: leaving them out makes this baseline faster, so the ratio stricter.
 * (a1) a one-table stand-in, for information (it was the baseline until 2026-12-01): `psql \copy`
 *     of the registry CSV into `baseline_registry` — exactly the CSV's columns (typed like the
 *     targets; the birth date computed from the ID as a stored generated column) and every index
 *     of the live `people` table re-created on the corresponding columns (read from pg_indexes).
 *     No foreign keys, no triggers, and neither the enrollments nor the households the import
 *     also writes: even (a) is 1.5–1.8× this on a quiet machine, so a ratio to it measures the schema
 *     (two more tables, four foreign keys) more than the import.
 * (b) the real startRegistryImport on the same file, end to end (parse, validate, COPY into the
 *     staging table, merge into households + people + enrollments with their foreign keys and
 *     counter triggers, auto-close, audit, commit), with the process RSS sampled every 200 ms.
 *     Then the same file again (nothing changes) for information.
 * (c) the real startPovertyListImport on the list, end to end (rows stored, classified, cases
 *     opened, suggestions for bad IDs).
 * (d) baseline: psql `\copy` of the list into a temp table + ONE join classifying every row
 *     against people/enrollments for the year (stored as a temp table).
 * Prints `RESULT registry_import_ratio` (b/a), `RESULT registry_import_ratio_one_table` (b/a1, for
 * information), `RESULT registry_import_rss_mb` (peak RSS during b) and `RESULT list_import_ratio`
 * (c/d). Targets: ≤ 2, ≤ 500, ≤ 2.5 (issue 8; it was ≤ 3).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { seedReference } from '@/db/seed';
import { dropDatabase, ensureDatabase, serverUrlOf } from '@/scripts/embedded-db';
import { now } from './timing';
import { localServerUrl, positiveInt, rawClient } from './common';
import { listBaseline, oneTableBaseline, sameTablesBaseline } from './import-baselines';
import { generateInChild } from './import-data';
import { fmt, loadavg, printGenerated, printSummary } from './import-report';
import { benchUser, listImport, registryImports } from './import-runs';

// The pieces: import-data.ts (the files, generated in a child process), import-baselines.ts (the
// psql \copy baselines a1, a, d), import-runs.ts (the real imports b, b′, c with the RSS sampled),
// import-report.ts (the summary and the RESULT lines).

async function main(): Promise<void> {
  const base = localServerUrl();
  const rows = positiveInt('BENCH_ROWS', 1_000_000);
  const listRowsWanted = positiveInt('BENCH_LIST_ROWS', Math.max(1, Math.round(rows / 10)));
  const keep = process.env.BENCH_KEEP === '1';
  const serverUrl = serverUrlOf(base);
  const stamp = Date.now();
  const name = `bench_import_${stamp}`;
  const registryFile = path.join(os.tmpdir(), `bench-registry-${stamp}.csv`);
  const listFile = path.join(os.tmpdir(), `bench-list-${stamp}.csv`);
  const shapedDir = path.join(os.tmpdir(), `bench-shaped-${stamp}`);
  fs.mkdirSync(shapedDir, { recursive: true });

  let dropped = false;
  const cleanup = async () => {
    if (keep || dropped) return;
    dropped = true;
    for (const f of [registryFile, listFile, shapedDir]) fs.rmSync(f, { force: true, recursive: true });
    await dropDatabase(serverUrl, name);
    console.log(`已删除基准库 ${name}`);
  };
  process.once('SIGINT', () => {
    console.error('\n已中断');
    cleanup().finally(() => process.exit(130));
  });

  console.log(`机器：${os.cpus().length} 核，负载 ${loadavg()}；Node ${process.version}`);
  let client: { db: Db; close: () => Promise<void> } | undefined;
  try {
    const url = await ensureDatabase(serverUrl, name);
    console.log(`已创建基准库 ${name}`);
    await migrateDatabase(url);
    client = createDb(url, { max: 4 });
    const { db } = client;
    await seedReference(db);
    const user = await benchUser(db);
    const [{ server_version: version, shared_buffers: sharedBuffers }] = await rawClient(db)<
      { server_version: string; shared_buffers: string }[]
    >`
      select current_setting('server_version') as server_version, current_setting('shared_buffers') as shared_buffers`;
    console.log(`PostgreSQL ${version}，shared_buffers ${sharedBuffers}`);

    console.log(`\n生成文件（子进程）：参保登记 ${fmt(rows)} 行，名单 ${fmt(listRowsWanted)} 行…`);
    const genStart = now();
    const gen = await generateInChild(registryFile, listFile, shapedDir, rows, listRowsWanted);
    printGenerated(gen, registryFile, listFile, now() - genStart);

    const oneTable = await oneTableBaseline(db, url, registryFile); // (a1)
    const sameTables = await sameTablesBaseline(db, url, shapedDir); // (a)
    const { b, again } = await registryImports(db, user, registryFile); // (b), (b′)
    const list = await listImport(db, user, listFile, gen.listRows); // (c)
    const d = listBaseline(url, listFile); // (d)

    printSummary({
      oneTable,
      sameTables,
      registry: b.ms,
      registryPeakMb: b.peakMb,
      again: again.ms,
      list,
      listBaseline: d,
    });
  } finally {
    await client?.close();
    await cleanup();
    if (keep) console.log(`保留基准库 ${name} 与文件 ${registryFile}、${listFile}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
