/**
 * The data of the dashboard benchmark (bench/dashboard.ts), loaded into a fresh database:
 * - the registry: BENCH_PEOPLE people (default 520,000) with their enrollments of last year and this
 *   year (db/demo-people.ts's generator: 3% not enrolled, some in both schemes) — about 1M
 *   enrollments, by COPY (bench/load-registry.ts);
 * - poverty lists naming 30,000 of them, imported with the real list import (bench/subsidy-data.ts),
 *   which also opens their 销号 cases; plus BENCH_CASES more cases (default 20,000) spread over the
 *   year, 70% closed;
 * - this year's subsidy roster, generated, submitted and approved with the real operations;
 * - BENCH_ASSISTANCE assistance records (default 1,000,000) of this year over 200,000 people (the
 *   listed ones first), 72% outpatient, 1% reversed by a reversal row, a few over the annual cap;
 * - BENCH_CERTIFICATIONS applications (default 20,000) over the hospitals and diseases, decided in
 *   the main, and population targets for every town and both years.
 * Everything but the lists and the roster is written in SQL (insert … select from generate_series),
 * with a fixed seed (setseed), so two loads hold the same data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { towns, users } from '@/db/schema';
import { demoTownWeights, seedDemo } from '@/db/seed';
import type { SessionUser } from '@/lib/auth/types';
import { approveBatchOp, generateRosterOp, submitBatchOp } from '@/lib/operations/subsidy-batches';
import type { OperationResult } from '@/lib/server/operation';
import { positiveInt, rawClient } from './common';
import { loadRegistry } from './load-registry';
import { benchError, DISTRICT, importLists, writeLists } from './subsidy-data';
import { formatDuration, now } from './timing';

export const YEAR = new Date().getFullYear();
const fmt = (n: number) => n.toLocaleString('en-US');

export function sessionUserOf(row: typeof users.$inferSelect): SessionUser {
  const { id, username, displayName, role, districtCode, townCode, hospitalId } = row;
  return { id, username, displayName, role, districtCode, townCode, hospitalId };
}

/** The demo users by name (seedDemo writes them). */
export async function demoUsers(db: Db, names: string[]): Promise<Map<string, SessionUser>> {
  const rows = await db.select().from(users).where(inArray(users.username, names));
  const found = new Map(rows.map((r) => [r.username, sessionUserOf(r)]));
  for (const n of names) if (!found.has(n)) benchError(`缺少演示用户 ${n}`);
  return found;
}

function unwrap<T>(label: string, r: OperationResult<T>): T {
  if (!r.ok) throw new Error(`${label} 失败：${r.status} ${r.error}`);
  return r.data;
}

async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = now();
  const result = await fn();
  console.log(`  ${label}：${formatDuration(now() - start)}`);
  return result;
}

/** Loads everything into the migrated, empty database behind `db`. */
export async function loadDashboardData(db: Db): Promise<void> {
  const sql = rawClient(db);
  const peopleCount = positiveInt('BENCH_PEOPLE', 520_000);
  const extraCases = positiveInt('BENCH_CASES', 20_000);
  const listed = 30_000;

  await step('参考数据与演示用户', () => seedDemo(db, { people: 0 }));
  const townRows = await db.select().from(towns).where(eq(towns.districtCode, DISTRICT));
  const stats = await step('参保库', () =>
    loadRegistry(sql, {
      count: peopleCount,
      towns: demoTownWeights(townRows.map((t) => t.code)),
      years: [YEAR - 1, YEAR],
      seed: 2026,
    }),
  );
  console.log(`    ${fmt(stats.people)} 人，${fmt(stats.enrollments)} 条参保记录`);

  const { staff, supervisor } = Object.fromEntries(await demoUsers(db, ['staff', 'supervisor']));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-'));
  try {
    const reg = await registryView(db, peopleCount);
    const files = writeLists(reg, listed, YEAR, dir, new Map(townRows.map((t) => [t.code, t.name])));
    await step(`名单导入（${fmt(listed)} 人）`, () => importLists(db, staff, files.files, YEAR));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  await step(`花名册生成与审批`, async () => {
    const run = { db };
    const batch = unwrap('生成花名册', await generateRosterOp.run(staff, { year: YEAR }, run));
    unwrap('提交', await submitBatchOp.run(staff, { id: batch.id }, run));
    unwrap('审批', await approveBatchOp.run(supervisor, { id: batch.id }, run));
  });

  await sql`select setseed(0.2026)`;
  await step(`销号工单 ${fmt(extraCases)} 条`, () => insertCases(db, extraCases, staff.id));
  await loadRest(db);
}

/** The SQL-generated rest; each part only while its table is empty (a load that stopped part way can go on). */
export async function loadRest(db: Db): Promise<void> {
  const sql = rawClient(db);
  const assistance = positiveInt('BENCH_ASSISTANCE', 1_000_000);
  const certs = positiveInt('BENCH_CERTIFICATIONS', 20_000);
  const empty = async (table: string) =>
    (await sql<{ any: boolean }[]>`select exists (select 1 from ${sql(table)}) as any`)[0].any === false;
  if (await empty('assistance_records'))
    await step(`医疗救助记录 ${fmt(assistance)} 条`, () => insertAssistance(db, assistance));
  if (await empty('certifications')) await step(`慢特病申请 ${fmt(certs)} 条`, () => insertCertifications(db, certs));
  if (await empty('population_targets')) await step('人口与任务数', () => insertTargets(db));
  await step('vacuum analyze', async () => {
    await sql`vacuum (analyze)`;
    await sql`checkpoint`;
  });
}

/**
 * What writeLists needs of the registry: names, ID numbers and towns by person id − 1, and who is in
 * the employee scheme only this year.
 */
async function registryView(db: Db, count: number) {
  const rows = await rawClient(db)<
    { id: number; name: string; idNumber: string; townCode: string; employeeOnly: boolean }[]
  >`
    select p.id, p.name, p.id_number as "idNumber", p.town_code as "townCode",
           coalesce(bool_and(e.scheme = 'employee'), false) as "employeeOnly"
    from people p left join enrollments e on e.person_id = p.id and e.year = ${YEAR}
    group by p.id order by p.id`;
  if (rows.length !== count || rows[0]?.id !== 1) benchError('参保库人员编号应从 1 连续编号');
  const employeeOnly = new Uint8Array(count);
  rows.forEach((r, i) => {
    if (r.employeeOnly) employeeOnly[i] = 1;
  });
  return {
    names: rows.map((r) => r.name),
    idNumbers: rows.map((r) => r.idNumber),
    towns: rows.map((r) => r.townCode),
    employeeOnly,
    enrollments: 0,
    unpaid: 0,
  };
}

/** Cases of people not on a list yet (one open per person), opened over the year, 70% closed 5–60 days later. */
async function insertCases(db: Db, n: number, closedBy: number) {
  await rawClient(db)`
    with picked as (
      select p.id, p.town_code, g,
             make_timestamptz(${YEAR}, 1, 1, 9, 0, 0, 'Asia/Shanghai') + (random() * 330) * interval '1 day' as opened
      from generate_series(1, ${n}) g
      join people p on p.id = 100000 + g * 3
      where not exists (select 1 from cases c where c.person_id = p.id)
    )
    insert into cases (person_id, year, town_code, kind, status, due_date, opened_at, closed_at, closed_by, close_reason)
    select id, ${YEAR}, town_code, 'not_enrolled',
           case when closed then 'closed'::case_status else 'open'::case_status end,
           (opened + interval '30 days')::date, opened,
           case when closed then opened + (5 + random() * 55) * interval '1 day' end,
           case when closed then ${closedBy}::int end,
           case when closed then 'enrolled'::case_close_reason end
    from (select *, random() < 0.7 as closed from picked) x`;
}

/**
 * Assistance settlements of this year: person ids spread over the first 200,000 people (the listed
 * ones among them carry their category), dates over the year, 28% inpatient with larger amounts;
 * then 1% of them reversed (a reversal row, the original's reversed_by set) and the cap flag on a few.
 */
async function insertAssistance(db: Db, n: number) {
  const sql = rawClient(db);
  await sql`
    with listed_category as (
      select distinct on (person_id) person_id, category from list_rows
      where person_id is not null and category is not null order by person_id, id desc
    )
    insert into assistance_records (settlement_id, kind, person_id, town_code, category, year, settlement_date,
      med_type, institution_name, total_fen, policy_range_fen, assistance_fen, cap_exceeded, source)
    select 'B' || g, 'settlement', p.id, p.town_code, lc.category, ${YEAR},
           make_date(${YEAR}, 1, 1) + (random() * 364)::int,
           case when inpatient then 'inpatient'::med_type else 'outpatient'::med_type end,
           case when inpatient then '区人民医院' else '镇卫生院' end,
           total, (total * 0.9)::bigint,
           case when inpatient then (total * 0.25)::bigint else (total * 0.08)::bigint end,
           random() < 0.002, 'import'
    from (
      select g, random() < 0.28 as inpatient, 1 + (g::bigint * 7919) % 200000 as pid,
             (50000 + random() * 3000000)::bigint as total
      from generate_series(1, ${n}) g
    ) x
    join people p on p.id = x.pid
    left join listed_category lc on lc.person_id = p.id`;
  await sql`
    with reversed as (
      select id, settlement_id, person_id, town_code, category, year, settlement_date, med_type, institution_name,
             total_fen, policy_range_fen, assistance_fen
      from assistance_records where id % 100 = 0
    ), ins as (
      insert into assistance_records (settlement_id, kind, init_settlement_id, person_id, town_code, category, year,
        settlement_date, med_type, institution_name, total_fen, policy_range_fen, assistance_fen, source)
      select 'R' || settlement_id, 'reversal', settlement_id, person_id, town_code, category, year,
             least(settlement_date + 3, make_date(${YEAR}, 12, 31)), med_type, institution_name,
             -total_fen, -policy_range_fen, -assistance_fen, 'import'
      from reversed
      returning id, init_settlement_id
    )
    update assistance_records a set reversed_by_id = ins.id from ins where a.settlement_id = ins.init_settlement_id`;
}

/** Applications at every hospital that has a delegation, for delegated diseases, filed over the year; 85% decided. */
async function insertCertifications(db: Db, n: number) {
  const sql = rawClient(db);
  const [{ admin }] = await sql<{ admin: number }[]>`select id as admin from users where username = 'admin'`;
  await sql`
    with pairs as (
      select row_number() over (order by d.hospital_id, d.disease_code) - 1 as k, d.hospital_id, d.disease_code, v.id as version_id
      from (select distinct hospital_id, disease_code from hospital_diseases) d
      join lateral (select id from disease_versions dv where dv.disease_code = d.disease_code order by effective_from desc limit 1) v on true
    ), n_pairs as (select count(*) as m from pairs)
    insert into certifications (person_id, town_code, hospital_id, disease_code, disease_version_id, scheme, icd10_code,
      diagnosis_text, doctor, diagnosis_date, status, filed_by, filed_at, decided_by, decided_at, start_date, reject_reason, certificate_no)
    select p.id, p.town_code, pr.hospital_id, pr.disease_code, pr.version_id, 'resident', 'E11.9', '诊断', '医师',
           (filed - interval '10 days')::date,
           case when r < 0.15 then 'pending'::cert_status when r < 0.85 then 'approved'::cert_status else 'rejected'::cert_status end,
           ${admin}, filed,
           case when r >= 0.15 then ${admin}::int end,
           case when r >= 0.15 then filed + (1 + random() * 20) * interval '1 day' end,
           case when r >= 0.15 and r < 0.85 then (filed + interval '1 day')::date end,
           case when r >= 0.85 then '不符合认定标准' end,
           case when r >= 0.15 and r < 0.85 then 'MT-BENCH-' || x.g end
    from (
      select g, random() as r, make_timestamptz(${YEAR}, 1, 1, 9, 0, 0, 'Asia/Shanghai') + (random() * 330) * interval '1 day' as filed
      from generate_series(1, ${n}) g
    ) x
    cross join n_pairs
    join pairs pr on pr.k = x.g % n_pairs.m
    join people p on p.id = 200000 + x.g * 7`;
}

/** Population and targets for every town and both years: insured just under the population, as in seed 004. */
async function insertTargets(db: Db) {
  await rawClient(db)`
    insert into population_targets (year, town_code, resident_population, insured_target, expansion_target)
    select e.year, p.town_code, (count(distinct p.id) * 0.995)::int, (count(distinct p.id) * 0.98)::int, 500
    from enrollments e join people p on p.id = e.person_id
    where e.status = 'active' group by e.year, p.town_code
    on conflict do nothing`;
}
