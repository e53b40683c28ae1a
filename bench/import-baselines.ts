/**
 * The raw-SQL baselines of the import benchmark (bench/import.ts): psql `\copy` of the same data,
 * timed as whole psql processes — (a1) the one-table stand-in, (a) the same rows pre-shaped into
 * copies of the three target tables, (d) the poverty list plus one classifying join.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '@/db';
import { formatDuration, now } from './timing';
import { fail, rawClient } from './common';
import { shapedFiles, YEAR } from './import-data';

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

const psqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function checkpoint(db: Db) {
  await rawClient(db)`checkpoint`.catch(() => {}); // needs superuser; only makes the runs comparable
}

/** (a1) for information: psql \copy into one people-shaped table. Returns its time in ms. */
export async function oneTableBaseline(db: Db, url: string, registryFile: string): Promise<number> {
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
  return oneTable.ms;
}

/**
 * (a) the baseline: the same rows already validated and shaped (ids resolved), \copy'd in one
 * transaction into copies of the three target tables with their indexes AND foreign keys.
 * Returns its time in ms.
 */
export async function sameTablesBaseline(db: Db, url: string, shapedDir: string): Promise<number> {
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
  return sameTables.ms;
}

/** (d) baseline: \copy + one classifying join. Returns its time in ms. */
export function listBaseline(url: string, listFile: string): number {
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
  return d.ms;
}
