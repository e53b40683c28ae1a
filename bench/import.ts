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
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql as dsql } from 'drizzle-orm';
import { createDb, type Db } from '@/db';
import { generatePeople } from '@/db/demo-people';
import { migrateDatabase } from '@/db/migrate';
import { users } from '@/db/schema';
import { demoTownWeights, seedReference } from '@/db/seed';
import type { SessionUser } from '@/lib/auth/types';
import { computeCheckCharacter } from '@/lib/domain/id-number';
import { startPovertyListImport } from '@/lib/import/list-import';
import { startRegistryImport } from '@/lib/import/registry-import';
import { dropDatabase, ensureDatabase, serverUrlOf } from '@/scripts/embedded-db';
import { formatDuration, now } from './timing';
import { fail, localServerUrl, positiveInt, rawClient } from './common';

const YEAR = new Date().getFullYear();
const DISTRICT = '371003';

const fmt = (n: number) => n.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// File generation (child process)

interface Generated {
  registryRows: number;
  listRows: number;
  listNotEnrolled: number;
  listBadIds: number;
}

function readTowns(): { code: string; name: string }[] {
  const [, ...lines] = fs
    .readFileSync(path.join(process.cwd(), 'db', 'seed-data', 'towns.csv'), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean);
  return lines
    .map((l) => l.split(','))
    .filter((c) => c[2] === DISTRICT)
    .map((c) => ({ code: c[0], name: c[1] }));
}

/** A writer with backpressure for big generated files. */
function fileWriter(file: string) {
  const out = fs.createWriteStream(file);
  let pending: string[] = [];
  let chars = 0;
  return {
    async line(s: string) {
      pending.push(s);
      chars += s.length;
      if (chars >= 1 << 20) {
        const ok = out.write(pending.join(''));
        pending = [];
        chars = 0;
        if (!ok) await new Promise<void>((r) => out.once('drain', () => r()));
      }
    },
    async close() {
      out.end(pending.join(''));
      await new Promise<void>((r, j) => out.on('finish', () => r()).on('error', j));
    },
  };
}

/** The pre-shaped COPY files of baseline (a′): households, people, enrollments, with explicit ids. */
const shapedFiles = (dir: string) => ({
  households: path.join(dir, 'households.tsv'),
  people: path.join(dir, 'people.tsv'),
  enrollments: path.join(dir, 'enrollments.tsv'),
});

async function generateFiles(
  registryFile: string,
  listFile: string,
  shapedDir: string,
  rows: number,
  listRows: number,
): Promise<Generated> {
  const towns = readTowns();
  const townName = new Map(towns.map((t) => [t.code, t.name]));
  const rnd = ((seed: number) => () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 4294967296;
  })(7);
  const notEnrolledRate = 0.06;
  const wantNot = Math.round(listRows * 0.1);
  const wantEnrolled = listRows - wantNot;
  // Uniform samples over the whole registry (reservoir sampling), of exactly the sizes wanted.
  const sample = (picks: [string, string, string][], want: number, seen: number, item: [string, string, string]) => {
    if (picks.length < want) picks.push(item);
    else {
      const j = Math.floor(rnd() * seen);
      if (j < want) picks[j] = item;
    }
  };
  const enrolledPicks: [string, string, string][] = [];
  const notPicks: [string, string, string][] = [];
  let enrolledSeen = 0;
  let notSeen = 0;

  const reg = fileWriter(registryFile);
  await reg.line('姓名,公民身份号码,乡镇,村,户号,与户主关系,险种类型,年度,档次,缴费金额,缴费日期,参保状态\n');
  const shaped = shapedFiles(shapedDir);
  const hh = fileWriter(shaped.households);
  const pp = fileWriter(shaped.people);
  const ee = fileWriter(shaped.enrollments);
  let lastHousehold = '';
  let householdId = 0;
  let written = 0;
  const TIERS = { tier1: '一档', tier2: '二档' } as const;
  for (const { person: p, enrollments } of generatePeople({
    count: Math.ceil(rows * 1.01) + 100,
    towns: demoTownWeights(towns.map((t) => t.code)),
    years: [YEAR - 1, YEAR],
    seed: 2026,
    notEnrolledRate,
  })) {
    const current = enrollments.find((e) => e.year === YEAR);
    const e = current ?? enrollments.find((x) => x.year === YEAR - 1);
    if (!e) continue;
    const town = townName.get(p.townCode)!;
    await reg.line(
      `${p.name},${p.idNumber},${town},${p.village},${p.householdNo},${p.relationToHead},${e.scheme === 'resident' ? '390' : '310'},${e.year},` +
        `${e.tier ? TIERS[e.tier] : ''},${(e.paidFen / 100).toFixed(2)},${e.paidDate},正常\n`,
    );
    // The same row as the registry import stores it (validated, normalized, ids resolved).
    if (p.householdNo !== lastHousehold) {
      lastHousehold = p.householdNo;
      await hh.line(`${++householdId}\t${p.householdNo}\t${p.townCode}\t${p.village}\n`);
    }
    await pp.line(
      `${written + 1}\t${p.idNumber}\t${p.name}\t${p.gender}\t${p.birthDate}\t${p.townCode}\t${p.village}\t${householdId}\t${p.relationToHead}\n`,
    );
    await ee.line(
      `${written + 1}\t${written + 1}\t${e.year}\t${e.scheme}\t${e.tier ?? '\\N'}\tactive\t${e.paidFen}\t${e.paidDate}\timport\n`,
    );
    if (current) sample(enrolledPicks, wantEnrolled, ++enrolledSeen, [p.name, p.idNumber, town]);
    else sample(notPicks, wantNot, ++notSeen, [p.name, p.idNumber, town]);
    if (++written >= rows) break;
  }
  await reg.close();
  await Promise.all([hh.close(), pp.close(), ee.close()]);

  const CATEGORIES = ['特困人员', '低保对象', '低保边缘家庭成员', '脱贫人口', '监测帮扶对象'];
  const picks = [...enrolledPicks, ...notPicks];
  for (let i = picks.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [picks[i], picks[j]] = [picks[j], picks[i]];
  }
  const notSet = new Set(notPicks.map((p) => p[1]));
  const list = fileWriter(listFile);
  await list.line('姓名,身份证号,乡镇,类别\n');
  let bad = 0;
  const badTarget = Math.round(picks.length * 0.01);
  const badEvery = Math.max(1, Math.floor(picks.length / Math.max(badTarget, 1)));
  for (const [index, [name, id, town]] of picks.entries()) {
    let shown = id;
    if (bad < badTarget && index % badEvery === 0 && !notSet.has(id)) {
      // A typo in the check character, in every 100th row or so (spread over the list, as in real lists).
      const good = computeCheckCharacter(id.slice(0, 17));
      shown = id.slice(0, 17) + (good === '0' ? '1' : '0');
      bad++;
    }
    await list.line(`${name},${shown},${town},${CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]}\n`);
  }
  await list.close();
  return { registryRows: written, listRows: picks.length, listNotEnrolled: notPicks.length, listBadIds: bad };
}

function generateInChild(
  registryFile: string,
  listFile: string,
  shapedDir: string,
  rows: number,
  listRows: number,
): Promise<Generated> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        '--generate',
        registryFile,
        listFile,
        shapedDir,
        String(rows),
        String(listRows),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: process.env,
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`生成文件的子进程失败（退出码 ${code}）`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Generated);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// psql baselines

function psqlArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const args = [
    '-X',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-h',
    u.hostname.replace(/^\[|\]$/g, ''),
    '-p',
    u.port || '5432',
    '-U',
    decodeURIComponent(u.username || 'postgres'),
    '-d',
    u.pathname.slice(1),
  ];
  return { args, env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password), PGAPPNAME: 'bench-import' } };
}

/** Runs psql with a script file; returns the wall time of the whole psql process. */
function timePsql(url: string, script: string): { ms: number; stdout: string } {
  const file = path.join(os.tmpdir(), `bench-import-${crypto.randomBytes(4).toString('hex')}.sql`);
  fs.writeFileSync(file, script);
  const { args, env } = psqlArgs(url);
  const start = now();
  const r = spawnSync('psql', [...args, '-f', file], { env, encoding: 'utf8' });
  const ms = now() - start;
  fs.rmSync(file, { force: true });
  if (r.error) fail(`无法运行 psql：${r.error.message}`);
  if (r.status !== 0) fail(`psql 失败：${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** Streams the file through SHA-256 (reading it whole would inflate the RSS measured next). */
async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const psqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

// ---------------------------------------------------------------------------------------------

async function checkpoint(db: Db) {
  await rawClient(db)`checkpoint`.catch(() => {}); // needs superuser; only makes the runs comparable
}

/** Peak RSS while `fn` runs, sampled every 200 ms. */
async function withRss<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakMb: number; startMb: number }> {
  const startMb = process.memoryUsage().rss / 1048576;
  let peak = startMb;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss / 1048576);
  }, 200);
  const start = now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss / 1048576);
    return { result, ms: now() - start, peakMb: peak, startMb };
  } finally {
    clearInterval(timer);
  }
}

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

  console.log(
    `机器：${os.cpus().length} 核，负载 ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')}；Node ${process.version}`,
  );
  let client: { db: Db; close: () => Promise<void> } | undefined;
  try {
    const url = await ensureDatabase(serverUrl, name);
    console.log(`已创建基准库 ${name}`);
    await migrateDatabase(url);
    client = createDb(url, { max: 4 });
    const { db } = client;
    await seedReference(db);
    const [u] = await db
      .insert(users)
      .values({
        username: 'bench_import',
        displayName: '导入基准',
        passwordHash: 'x',
        role: 'agency_staff',
        districtCode: DISTRICT,
      })
      .returning();
    const user: SessionUser = {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      districtCode: u.districtCode,
      townCode: null,
      hospitalId: null,
    };
    const [{ server_version: version, shared_buffers: sharedBuffers }] = await rawClient(db)<
      { server_version: string; shared_buffers: string }[]
    >`
      select current_setting('server_version') as server_version, current_setting('shared_buffers') as shared_buffers`;
    console.log(`PostgreSQL ${version}，shared_buffers ${sharedBuffers}`);

    console.log(`\n生成文件（子进程）：参保登记 ${fmt(rows)} 行，名单 ${fmt(listRowsWanted)} 行…`);
    const genStart = now();
    const gen = await generateInChild(registryFile, listFile, shapedDir, rows, listRowsWanted);
    console.log(
      `  ${registryFile}：${fmt(gen.registryRows)} 行，${(fs.statSync(registryFile).size / 1048576).toFixed(0)} MB；` +
        `${listFile}：${fmt(gen.listRows)} 行（未参保 ${fmt(gen.listNotEnrolled)}，身份证号有误 ${fmt(gen.listBadIds)}）；${formatDuration(now() - genStart)}`,
    );

    // (a1) for information: psql \copy into one people-shaped table
    const CSV_COLUMNS =
      'name, id_number, town, village, household_no, relation, scheme, year, tier, paid_yuan, paid_date, status';
    await rawClient(db).unsafe(`
      create table baseline_registry (
        id integer generated always as identity,
        name varchar(50) not null, id_number char(18) not null, town varchar(20) not null, village varchar(50),
        household_no varchar(30), relation varchar(20), scheme varchar(10) not null, year smallint not null,
        tier varchar(10), paid_yuan numeric(12, 2), paid_date date, status varchar(10),
        birth_date date generated always as (make_date(substr(id_number, 7, 4)::int, substr(id_number, 11, 2)::int, substr(id_number, 13, 2)::int)) stored)`);
    // The indexes of the live people table, on the corresponding CSV columns (so the baseline
    // follows schema changes): town_code → town, household_id → household_no.
    const peopleIndexes = await rawClient(db)<{ indexdef: string }[]>`
      select indexdef from pg_indexes where schemaname = 'public' and tablename = 'people' order by indexname`;
    for (const { indexdef } of peopleIndexes) {
      const def = indexdef
        .replace(
          /INDEX "?people_?([\w]*)"?/i,
          (_m, rest: string) => `INDEX baseline_registry_${rest.replace(/\W/g, '_')}`,
        )
        .replace(/ ON (public\.)?people /, ' ON baseline_registry ')
        .replace(/\btown_code\b/g, 'town')
        .replace(/\bhousehold_id\b/g, 'household_no');
      await rawClient(db).unsafe(def);
    }
    console.log(`基线表 baseline_registry：CSV 的各列 + people 表的全部 ${peopleIndexes.length} 个索引（按对应列）`);
    await checkpoint(db);
    console.log('\n(a1) 参考（单表替身）：psql \\copy 同一 CSV 到与 people 同样索引的一张表…');
    const oneTable = timePsql(
      url,
      `\\copy baseline_registry (${CSV_COLUMNS}) from ${psqlString(registryFile)} with (format csv, header true)\n`,
    );
    console.log(`  ${formatDuration(oneTable.ms)}`);
    await rawClient(db)`drop table baseline_registry`;
    await checkpoint(db);

    // (a) the baseline: the same rows already validated and shaped (ids resolved), \copy'd in
    // one transaction into copies of the three target tables with their indexes AND foreign keys.
    await rawClient(db).unsafe(`
      create schema baseline;
      create table baseline.households (like public.households including all);
      create table baseline.people (like public.people including all);
      create table baseline.enrollments (like public.enrollments including all);
      alter table baseline.households add foreign key (town_code) references public.towns (code);
      alter table baseline.people add foreign key (town_code) references public.towns (code);
      alter table baseline.people add foreign key (household_id) references baseline.households (id);
      alter table baseline.enrollments add foreign key (person_id) references baseline.people (id);`);
    await checkpoint(db);
    console.log('\n(a) 基线：已校验、已成形的同样数据，psql \\copy 到三张目标表的副本（含全部索引与外键，一个事务）…');
    const shaped = shapedFiles(shapedDir);
    const sameTables = timePsql(
      url,
      `begin;
\\copy baseline.households (id, household_no, town_code, village) from ${psqlString(shaped.households)}
\\copy baseline.people (id, id_number, name, gender, birth_date, town_code, village, household_id, relation_to_head) from ${psqlString(shaped.people)}
\\copy baseline.enrollments (id, person_id, year, scheme, tier, status, paid_fen, paid_date, source) from ${psqlString(shaped.enrollments)}
commit;
`,
    );
    console.log(`  ${formatDuration(sameTables.ms)}`);
    await rawClient(db)`drop schema baseline cascade`;
    await checkpoint(db);

    // (b) the real registry import
    console.log('\n(b) 真实导入 startRegistryImport（同一文件）…');
    const sha256 = await sha256Of(registryFile);
    const phases: [string, number][] = [];
    const b = await withRss(async () => {
      const { done } = await startRegistryImport(db, {
        filePath: registryFile,
        fileName: path.basename(registryFile),
        sha256,
        user,
        ip: null,
        onPhase: (p, ms) => phases.push([p, ms]),
      });
      return done;
    });
    if (!b.result.ok) fail(`导入失败：${b.result.error}`);
    const s = b.result.summary;
    console.log(`  ${formatDuration(b.ms)}；RSS 起始 ${b.startMb.toFixed(0)} MB，峰值 ${b.peakMb.toFixed(0)} MB`);
    for (const [p, ms] of phases) console.log(`    ${p.padEnd(52)} ${formatDuration(ms)}`);
    console.log(
      `  行 ${fmt(s.rowsDone)}（拒收 ${fmt(s.rowsRejected)}）；新增户 ${fmt(s.householdsInserted)}，新增人员 ${fmt(s.peopleInserted)}，` +
        `更新人员 ${fmt(s.peopleUpdated)}，新增参保 ${fmt(s.enrollmentsInserted)}，更新参保 ${fmt(s.enrollmentsUpdated)}`,
    );
    await rawClient(db)`vacuum (analyze) people, enrollments, households`;
    await checkpoint(db);

    console.log('\n(b′) 同一文件再导入一次（应无任何变化；仅供参考）…');
    const again = await withRss(async () => {
      const { done } = await startRegistryImport(db, {
        filePath: registryFile,
        fileName: path.basename(registryFile),
        sha256,
        user,
        ip: null,
      });
      return done;
    });
    if (!again.result.ok) fail(`再次导入失败：${again.result.error}`);
    const s2 = again.result.summary;
    console.log(
      `  ${formatDuration(again.ms)}；变化：人员 +${s2.peopleInserted}/~${s2.peopleUpdated}，参保 +${s2.enrollmentsInserted}/~${s2.enrollmentsUpdated}；峰值 RSS ${again.peakMb.toFixed(0)} MB`,
    );
    await checkpoint(db);

    // (c) the real poverty-list import
    console.log(`\n(c) 真实名单导入 startPovertyListImport（${fmt(gen.listRows)} 行）…`);
    const listSha = await sha256Of(listFile);
    const listPhases: [string, number][] = [];
    const c = await withRss(async () => {
      const { done } = await startPovertyListImport(db, {
        filePath: listFile,
        fileName: path.basename(listFile),
        sha256: listSha,
        source: 'fupin',
        listDate: `${YEAR}-10-31`,
        year: YEAR,
        user,
        ip: null,
        onPhase: (p, ms) => listPhases.push([p, ms]),
      });
      return done;
    });
    if (!c.result.ok) fail(`名单导入失败：${c.result.error}`);
    const classes = await db.execute<{ match_class: string; n: number }>(
      dsql`select match_class, count(*)::int as n from list_rows where list_id = ${c.result.listId} group by 1 order by 1`,
    );
    const [{ n: casesOpened }] = await db.execute<{ n: number }>(dsql`select count(*)::int as n from cases`);
    console.log(`  ${formatDuration(c.ms)}；峰值 RSS ${c.peakMb.toFixed(0)} MB；销号任务 ${fmt(casesOpened)} 件`);
    for (const [p, ms] of listPhases) console.log(`    ${p.padEnd(52)} ${formatDuration(ms)}`);
    console.log(`  分类：${[...classes].map((r) => `${r.match_class} ${fmt(r.n)}`).join('，')}`);
    await checkpoint(db);

    // (d) baseline: \copy + one classifying join
    console.log('\n(d) 基线：psql \\copy 名单到临时表 + 一条联表分类语句…');
    const d = timePsql(
      url,
      `create temp table list_raw (name text, id_number text, town text, category text);
\\copy list_raw from ${psqlString(listFile)} with (format csv, header true)
create temp table list_classified as
select l.*, p.id as person_id,
  case
    when l.id_number !~ '^[1-9][0-9]{16}[0-9X]$' or substr('10X98765432', (
      (substr(l.id_number,1,1)::int*7 + substr(l.id_number,2,1)::int*9 + substr(l.id_number,3,1)::int*10 + substr(l.id_number,4,1)::int*5 +
       substr(l.id_number,5,1)::int*8 + substr(l.id_number,6,1)::int*4 + substr(l.id_number,7,1)::int*2 + substr(l.id_number,8,1)::int*1 +
       substr(l.id_number,9,1)::int*6 + substr(l.id_number,10,1)::int*3 + substr(l.id_number,11,1)::int*7 + substr(l.id_number,12,1)::int*9 +
       substr(l.id_number,13,1)::int*10 + substr(l.id_number,14,1)::int*5 + substr(l.id_number,15,1)::int*8 + substr(l.id_number,16,1)::int*4 +
       substr(l.id_number,17,1)::int*2) % 11) + 1, 1) <> substr(l.id_number, 18, 1) then 'invalid_id'
    when p.id is null then 'not_found'
    when e.n >= 2 then 'duplicate'
    when e.n = 0 then 'not_enrolled'
    when e.employee then 'enrolled_employee'
    else 'enrolled_resident'
  end as match_class
from list_raw l
left join people p on p.id_number = l.id_number
left join lateral (
  select count(*) as n, bool_or(x.scheme = 'employee') as employee
  from enrollments x where x.person_id = p.id and x.year = ${YEAR} and x.status = 'active'
) e on true;
select match_class, count(*) from list_classified group by 1 order by 1;
`,
    );
    console.log(`  ${formatDuration(d.ms)}`);
    console.log(
      `  分类：${d.stdout
        .split('\n')
        .filter((l) => /\|/.test(l) && !/match_class/.test(l))
        .map((l) =>
          l
            .split('|')
            .map((x) => x.trim())
            .join(' '),
        )
        .join('，')}`,
    );

    const registryRatio = b.ms / sameTables.ms;
    const oneTableRatio = b.ms / oneTable.ms;
    const listRatio = c.ms / d.ms;
    console.log(
      `\n汇总：登记导入 ${formatDuration(b.ms)} / 基线（同样数据 \\copy 到同样的三张表，含索引与外键）${formatDuration(sameTables.ms)} = ${registryRatio.toFixed(2)}×（目标 ≤ 2×）`,
    );
    console.log(
      `      参考：单表替身基线 ${formatDuration(oneTable.ms)}，登记导入为其 ${oneTableRatio.toFixed(2)}×；三张表基线为其 ${(sameTables.ms / oneTable.ms).toFixed(2)}×`,
    );
    console.log(`      重复导入（无变化） ${formatDuration(again.ms)}`);
    console.log(
      `      名单导入 ${formatDuration(c.ms)} / 基线 ${formatDuration(d.ms)} = ${listRatio.toFixed(2)}×（目标 ≤ 2.5×）`,
    );
    console.log(`      登记导入峰值 RSS ${b.peakMb.toFixed(0)} MB（目标 ≤ 500 MB）`);
    console.log(
      `负载（结束时）：${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')}`,
    );
    console.log(`\nRESULT registry_import_ratio ${(Math.round(registryRatio * 100) / 100).toFixed(2)}`);
    console.log(`RESULT registry_import_ratio_one_table ${(Math.round(oneTableRatio * 100) / 100).toFixed(2)}`);
    console.log(`RESULT registry_import_rss_mb ${Math.round(b.peakMb)}`);
    console.log(`RESULT list_import_ratio ${(Math.round(listRatio * 100) / 100).toFixed(2)}`);
  } finally {
    await client?.close();
    await cleanup();
    if (keep) console.log(`保留基准库 ${name} 与文件 ${registryFile}、${listFile}`);
  }
}

if (process.argv[2] === '--generate') {
  const [registryFile, listFile, shapedDir, rows, listRows] = process.argv.slice(3);
  generateFiles(registryFile, listFile, shapedDir, Number(rows), Number(listRows)).then(
    (g) => console.log(JSON.stringify(g)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
