/**
 * The data of the subsidy benchmark (bench/subsidy.ts): a registry of `people` people with their
 * enrollment of the year, loaded by COPY (bench/load-registry.ts's CopyBuffer/copyInto), and
 * poverty lists naming `listed` of them, written as CSV files and imported with the real list
 * import (importPovertyList), as agency staff would.
 *
 * Registry: db/demo-people.ts's generator for the year only (3% not enrolled; born before 2000 →
 * 18% employee scheme; 85% 一档 / 15% 二档; minors from the birth dates), of which this loader leaves
 * UNPAID_SHARE of the resident enrollments not yet paid (paid_fen 0, no date).
 * Lists: each listed person on one primary list (LISTS' weights), PEOPLE_ON_TWO on a second list
 * and PEOPLE_ON_THREE on a third; EMPLOYEE_ONLY_SHARE of them enrolled in the employee scheme only;
 * an older version of the 扶贫 list (a part of it, an earlier date) that the roster must ignore; and
 * a few extra rows per list with a mistyped check character (待核实, never paid).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from 'postgres';
import { generatePeople, seededRandom } from '@/db/demo-people';
import type { Db } from '@/db';
import { demoTownWeights } from '@/db/seed';
import type { SessionUser } from '@/lib/auth/types';
import { computeCheckCharacter } from '@/lib/domain/id-number';
import type { PovertySource } from '@/lib/domain/list-row';
import { importPovertyList } from '@/lib/import/list-import';
import { CopyBuffer, copyInto } from './load-registry';

export const DISTRICT = '371003';

/** A failure inside the run: thrown (not process.exit), so the benchmark database is still dropped. */
export function benchError(message: string): never {
  throw new Error(message);
}
const UNPAID_SHARE = 0.35;
const EMPLOYEE_ONLY_SHARE = 0.01;
const PEOPLE_ON_TWO = 0.15;
const PEOPLE_ON_THREE = 0.03;
/** Extra rows with a bad check character, per list, per 10,000 rows. */
const BAD_IDS_PER_10K = 30;

interface ListSpec {
  source: PovertySource;
  listDate: (year: number) => string;
  weight: number;
  /** The category column: labels as the bureaus write them, with their shares. */
  categories: [string, number][];
}

const LISTS: ListSpec[] = [
  {
    source: 'fupin',
    listDate: (y) => `${y}-09-30`,
    weight: 40,
    categories: [
      ['脱贫人口', 0.7],
      ['监测帮扶对象', 0.2],
      ['返贫致贫人口', 0.1],
    ],
  },
  { source: 'minzheng_dibao', listDate: (y) => `${y}-06-30`, weight: 30, categories: [['低保对象', 1]] },
  { source: 'minzheng_tekun', listDate: (y) => `${y}-06-30`, weight: 10, categories: [['特困人员', 1]] },
  {
    source: 'minzheng_dibao_edge',
    listDate: (y) => `${y}-07-31`,
    weight: 13,
    categories: [['低保边缘家庭成员', 1]],
  },
  { source: 'disabled', listDate: (y) => `${y}-05-31`, weight: 7, categories: [['重度残疾人', 1]] },
];

/** The registry as the lists need it: per person (index = id − 1) name, ID number, town, and kind. */
export interface Registry {
  names: string[];
  idNumbers: string[];
  towns: string[];
  /** 0 resident (or not enrolled), 1 employee scheme only. */
  employeeOnly: Uint8Array;
  enrollments: number;
  unpaid: number;
}

async function nextId(sql: Sql, table: string): Promise<number> {
  const [{ max }] = await sql<{ max: number | null }[]>`select max(id)::int as max from ${sql(table)}`;
  return (max ?? 0) + 1;
}

/** Generates and COPYs `count` people with their enrollment(s) of `year` (towns must exist). */
export async function loadPeople(sql: Sql, count: number, year: number, townCodes: string[]): Promise<Registry> {
  const rnd = seededRandom(99);
  let householdId = (await nextId(sql, 'households')) - 1;
  let personId = (await nextId(sql, 'people')) - 1;
  let enrollmentId = (await nextId(sql, 'enrollments')) - 1;
  if (personId !== 0) benchError('基准库中已有人员：请用新库');
  const hh = new CopyBuffer();
  const pp = new CopyBuffer();
  const ee = new CopyBuffer();
  const reg: Registry = {
    names: [],
    idNumbers: [],
    towns: [],
    employeeOnly: new Uint8Array(count),
    enrollments: 0,
    unpaid: 0,
  };
  let lastHousehold = '';
  for (const { person: p, enrollments } of generatePeople({
    count,
    towns: demoTownWeights(townCodes),
    years: [year],
    seed: 2026,
  })) {
    if (p.householdNo !== lastHousehold) {
      lastHousehold = p.householdNo;
      hh.add([++householdId, p.householdNo, p.townCode, p.village, null]);
    }
    pp.add([
      ++personId,
      p.idNumber,
      p.name,
      p.gender,
      p.birthDate,
      p.townCode,
      p.village,
      householdId,
      p.relationToHead,
    ]);
    for (const e of enrollments) {
      const unpaid = e.scheme === 'resident' && rnd() < UNPAID_SHARE;
      if (unpaid) reg.unpaid++;
      ee.add([
        ++enrollmentId,
        personId,
        e.year,
        e.scheme,
        e.tier,
        'active',
        unpaid ? 0 : e.paidFen,
        unpaid ? null : e.paidDate,
        'seed',
      ]);
    }
    reg.enrollments += enrollments.length;
    reg.names.push(p.name);
    reg.idNumbers.push(p.idNumber);
    reg.towns.push(p.townCode);
    if (enrollments.length > 0 && enrollments.every((e) => e.scheme === 'employee')) reg.employeeOnly[personId - 1] = 1;
  }
  await copyInto(sql, 'households', ['id', 'household_no', 'town_code', 'village', 'address'], hh.finish());
  await copyInto(
    sql,
    'people',
    ['id', 'id_number', 'name', 'gender', 'birth_date', 'town_code', 'village', 'household_id', 'relation_to_head'],
    pp.finish(),
  );
  await copyInto(
    sql,
    'enrollments',
    ['id', 'person_id', 'year', 'scheme', 'tier', 'status', 'paid_fen', 'paid_date', 'source'],
    ee.finish(),
  );
  for (const table of ['households', 'people', 'enrollments'])
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql(table)}))`;
  return reg;
}

interface ListFile {
  source: PovertySource;
  listDate: string;
  file: string;
  rows: number;
  badIds: number;
}

/** Picks the listed people and writes the list files into `dir`: the latest version of each source, and an older 扶贫 list. */
export function writeLists(reg: Registry, listed: number, year: number, dir: string, townName: Map<string, string>) {
  const rnd = seededRandom(7);
  const order = Array.from(reg.names, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const wantEmployee = Math.round(listed * EMPLOYEE_ONLY_SHARE);
  const employees = order.filter((i) => reg.employeeOnly[i]).slice(0, wantEmployee);
  const residents = order.filter((i) => !reg.employeeOnly[i]).slice(0, listed - employees.length);
  const people = [...residents, ...employees];
  const listedSet = new Set(people);
  const unlisted = order.filter((i) => !listedSet.has(i) && !reg.employeeOnly[i]);
  if (people.length < listed) benchError(`登记库人数不足以选出 ${listed} 名名单人员`);

  const total = LISTS.reduce((s, l) => s + l.weight, 0);
  const pickList = (exclude: Set<number>): number => {
    for (;;) {
      let r = rnd() * total;
      let k = 0;
      while (r > LISTS[k].weight) r -= LISTS[k++].weight;
      if (!exclude.has(k)) return k;
    }
  };
  const rows: number[][] = LISTS.map(() => []);
  let onTwo = 0;
  let onThree = 0;
  for (const i of people) {
    const lists = new Set([pickList(new Set())]);
    const r = rnd();
    if (r < PEOPLE_ON_TWO + PEOPLE_ON_THREE) lists.add(pickList(lists));
    if (r < PEOPLE_ON_THREE) lists.add(pickList(lists));
    if (lists.size === 2) onTwo++;
    if (lists.size === 3) onThree++;
    for (const k of lists) rows[k].push(i);
  }

  let nextUnlisted = 0;
  const files: ListFile[] = [];
  const write = (spec: ListSpec, members: number[], listDate: string, suffix: string) => {
    const lines = ['姓名,身份证号,乡镇,类别'];
    const badEvery = Math.max(1, Math.floor(10_000 / BAD_IDS_PER_10K));
    let badIds = 0;
    members.forEach((i, n) => {
      const cat = category(spec, rnd());
      lines.push(`${reg.names[i]},${reg.idNumbers[i]},${townName.get(reg.towns[i])},${cat}`);
      if (n % badEvery === badEvery - 1) {
        // A person not otherwise listed, with a typo in the check character (待核实).
        const u = unlisted[nextUnlisted++];
        const id = reg.idNumbers[u];
        const good = computeCheckCharacter(id.slice(0, 17));
        const wrong = id.slice(0, 17) + (good === '0' ? '1' : '0');
        lines.push(`${reg.names[u]},${wrong},${townName.get(reg.towns[u])},${cat}`);
        badIds++;
      }
    });
    const file = path.join(dir, `${spec.source}${suffix}.csv`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    files.push({ source: spec.source, listDate, file, rows: lines.length - 1, badIds });
  };
  // The older 扶贫 version first (imports in date order, as they would arrive): a third of the latest one's people.
  const fupin = LISTS.findIndex((l) => l.source === 'fupin');
  write(
    LISTS[fupin],
    rows[fupin].filter((_, n) => n % 3 === 0),
    `${year}-03-31`,
    '-old',
  );
  LISTS.forEach((spec, k) => write(spec, rows[k], spec.listDate(year), ''));
  files.sort((a, b) => a.listDate.localeCompare(b.listDate));
  return { files, people: people.length, employeeOnly: employees.length, onTwo, onThree };
}

function category(spec: ListSpec, r: number): string {
  for (const [label, share] of spec.categories) {
    if (r < share) return label;
    r -= share;
  }
  return spec.categories[0][0];
}

/** Imports the list files with the real import, as `user`; returns the total rows imported. */
export async function importLists(db: Db, user: SessionUser, files: ListFile[], year: number): Promise<void> {
  for (const f of files) {
    const content = fs.readFileSync(f.file);
    const start = performance.now();
    const result = await importPovertyList(db, {
      filePath: f.file,
      fileName: path.basename(f.file),
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      source: f.source,
      listDate: f.listDate,
      year,
      user,
      ip: null,
    });
    if (!result.ok) benchError(`名单导入失败（${f.file}）：${result.error}`);
    const ms = performance.now() - start;
    console.log(
      `  ${f.source.padEnd(20)} ${f.listDate}  ${f.rows.toLocaleString('en-US').padStart(7)} 行（其中身份证号有误 ${f.badIds}）  ${(ms / 1000).toFixed(1)} s`,
    );
  }
}
