/**
 * Demo activity for the quick start only (scripts/prepare-db.ts calls it after seedDemo; the
 * integration tests' seedDemo does not): this year's poverty lists from three bureaus, imported
 * through the real list import from messy .xlsx files like the bureaus send (a title row, a 合计
 * row, bad IDs, people not in the registry), then the subsidy rosters built from them with the real
 * operations (db/seed-demo-subsidies.ts). Seed 002: lists of 扶贫办 and 民政, dynamic management of
 * mid-year additions. Idempotent: each step first checks whether it was done.
 *
 * People are chosen deterministically from the demo registry (by id order). Nobody is listed who
 * would open a 销号 case in 龙山路街道 or 天福路街道: e2e/cases.spec.ts counts and picks the open
 * cases and not-enrolled people of those two towns itself.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { makeIdNumber } from '@/lib/domain/id-number';
import { importDemoList, type ListLine } from './seed-demo-list-files';
import {
  allocateDemoFund,
  approveDistrictRound,
  demoActors,
  markOneRefundPaid,
  submitTownBatch,
} from './seed-demo-subsidies';

const DISTRICT = '371003';
const LONGSHAN = '371003001'; // the town of the demo town_staff user
const QUIET_TOWNS = new Set([LONGSHAN, '371003002']); // no cases opened here (e2e/cases.spec.ts)

interface RegistryPerson {
  id: number;
  name: string;
  idNumber: string;
  townCode: string;
  townName: string;
  village: string;
  /** Active enrollments this year (0: not enrolled, 2: both schemes). */
  active: number;
  /** Enrolled as a resident this year and paid their contribution themselves. */
  paid: boolean;
}

/** Town text as offices type it: mostly the name, sometimes without 镇/街道 or with the district. */
function townText(p: RegistryPerson, i: number): string {
  if (i % 9 === 0) return p.townName.replace(/(街道|镇|办事处)$/, '');
  if (i % 13 === 0) return `文登区${p.townName}`;
  return p.townName;
}

const line = (p: RegistryPerson, i: number, category: string, id: string | number = p.idNumber): ListLine => ({
  name: i % 17 === 0 && p.name.length === 2 ? `${p.name[0]}  ${p.name[1]}` : p.name,
  id,
  town: townText(p, i),
  village: p.village,
  category,
});

/** The same ID with its 15th digit changed: the check character no longer fits. */
const typo = (id: string) => `${id.slice(0, 14)}${(Number(id[14]) + 1) % 10}${id.slice(15)}`;

/** `n` people spread evenly over `pool`. */
function spread<T>(pool: readonly T[], n: number): T[] {
  if (pool.length <= n) return [...pool];
  const step = Math.floor(pool.length / (n + 1));
  return Array.from({ length: n }, (_, k) => pool[(k + 1) * step]);
}

/** Puts `extra` lines into `lines` at evenly spread places (bad rows are not all at the end). */
function interleave(lines: ListLine[], extra: ListLine[]): ListLine[] {
  const out = [...lines];
  extra.forEach((e, k) => out.splice(Math.floor(((k + 1) * out.length) / (extra.length + 1)), 0, e));
  return out;
}

async function registryPeople(db: Db, year: number): Promise<RegistryPerson[]> {
  const rows = await db.execute<{
    id: number;
    name: string;
    id_number: string;
    town_code: string;
    town_name: string;
    village: string | null;
    active: number;
    paid: boolean;
  }>(sql`
    select p.id, p.name, p.id_number, p.town_code, t.name as town_name, p.village,
      count(e.id) filter (where e.status = 'active')::int as active,
      coalesce(bool_or(e.status = 'active' and e.scheme = 'resident' and e.paid_fen > 0), false) as paid
    from people p join towns t on t.code = p.town_code
    left join enrollments e on e.person_id = p.id and e.year = ${year}
    where t.district_code = ${DISTRICT}
    group by p.id, t.name order by p.id`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    idNumber: r.id_number.trim(),
    townCode: r.town_code,
    townName: r.town_name,
    village: r.village ?? '',
    active: r.active,
    paid: r.paid,
  }));
}

/** Two valid IDs that no registry person has: listed people 参保登记中查无此人. */
function strangers(all: readonly RegistryPerson[]): ListLine[] {
  const taken = new Set(all.map((p) => p.idNumber));
  const make = (birth: string, gender: 'M' | 'F') => {
    let seq = 700;
    while (taken.has(makeIdNumber(DISTRICT, birth, seq, gender))) seq += 2;
    return makeIdNumber(DISTRICT, birth, seq, gender);
  };
  return [
    { name: '于秀珍', id: make('1961-05-17', 'F'), town: '米山镇', village: '东庄村', category: '农村低保' },
    { name: '丛培军', id: make('1958-11-03', 'M'), town: '宋村镇', village: '北疃村', category: '脱贫户' },
  ];
}

const dibaoCategory = (i: number) =>
  Math.floor(i / 10) % 4 === 0 ? '低保边缘家庭成员' : i % 3 === 0 ? '城市低保' : '农村低保';
const fupinCategory = (i: number) =>
  Math.floor(i / 8) % 10 === 0 ? '监测对象（脱贫不稳定户）' : Math.floor(i / 8) % 10 === 5 ? '返贫致贫人口' : '脱贫户';

/** Who is on which list: the first versions, and what the newer versions add and remove. */
function chooseLines(all: readonly RegistryPerson[]) {
  const clean = all.filter((p) => p.active === 1);
  const notEnrolled = all.filter((p) => p.active === 0 && !QUIET_TOWNS.has(p.townCode));
  const duplicate = all.filter((p) => p.active >= 2 && !QUIET_TOWNS.has(p.townCode));
  const tekun: ListLine[] = [];
  const dibao: ListLine[] = [];
  const fupin: ListLine[] = [];
  const listed = new Set<number>();
  const fupinOnly: RegistryPerson[] = [];
  clean.forEach((p, i) => {
    const onDibao = i % 10 === 4;
    const onFupin = i % 8 === 4;
    const onTekun = i % 15 === 1 || (onDibao && onFupin && i % 400 === 4); // a few on all three lists
    if (onTekun) tekun.push(line(p, i, i % 2 ? '分散供养特困人员' : '集中供养特困人员'));
    if (onDibao) dibao.push(line(p, i, dibaoCategory(i)));
    if (onFupin) fupin.push(line(p, i, fupinCategory(i)));
    if (onFupin && !onDibao && !onTekun && !QUIET_TOWNS.has(p.townCode)) fupinOnly.push(p);
    if (onTekun || onDibao || onFupin) listed.add(p.id);
  });
  const spare = clean.filter((p) => !listed.has(p.id));
  // Mid-year additions: some paid their contribution themselves (refund), some are not enrolled (fund).
  const addedPaid = spread(
    spare.filter((p) => p.paid && !QUIET_TOWNS.has(p.townCode)),
    4,
  );
  const addedUnpaid = notEnrolled.slice(0, 2);
  const addedLongshan = spread(
    spare.filter((p) => p.paid && p.townCode === LONGSHAN),
    3,
  );
  const used = new Set([...addedPaid, ...addedLongshan].map((p) => p.id));
  const wrongId = spread(
    spare.filter((p) => !used.has(p.id) && !QUIET_TOWNS.has(p.townCode) && /^\d{18}$/.test(p.idNumber)),
    4,
  );
  const [stranger1, stranger2] = strangers(all);
  const bad = (p: RegistryPerson | undefined, category: string, id: (p: RegistryPerson) => string | number) =>
    p ? [line(p, 1, category, id(p))] : [];
  const unenrolled = (from: number, to: number, category: string) =>
    notEnrolled.slice(from, to).map((p, k) => line(p, k + 1, category));
  return {
    tekun: interleave(tekun, [
      ...unenrolled(5, 6, '分散供养特困人员'),
      ...bad(wrongId[0], '集中供养特困人员', (p) => typo(p.idNumber)),
    ]),
    dibao: interleave(dibao, [
      ...unenrolled(2, 4, '农村低保'),
      ...duplicate.slice(0, 2).map((p, k) => line(p, k + 1, '城市低保')),
      ...bad(wrongId[1], '农村低保', (p) => typo(p.idNumber)),
      ...bad(wrongId[2], '低保边缘家庭成员', (p) => Number(p.idNumber)), // Excel turned the ID into a number
      stranger1,
    ]),
    fupin: interleave(fupin, [
      ...unenrolled(4, 5, '脱贫户'),
      ...bad(wrongId[3], '脱贫户', (p) => typo(p.idNumber)),
      stranger2,
    ]),
    removedFromFupin: fupinOnly[2] ?? fupinOnly[0],
    // 扶贫办's newer version: people who had paid themselves (→ refunds); 民政's: people not yet
    // enrolled (→ the fund) and people of 龙山路街道 (→ the town staff's batch).
    fupinAdded: addedPaid.map((p, k) => line(p, k + 1, k % 2 ? '监测对象（突发严重困难户）' : '脱贫户')),
    dibaoAdded: [
      ...addedUnpaid.map((p, k) => line(p, k + 1, '农村低保')),
      ...addedLongshan.map((p, k) => line(p, k + 1, '城市低保')),
    ],
  };
}

type Chosen = ReturnType<typeof chooseLines>;

const HEADERS = {
  minzheng_tekun: ['序号', '姓  名', '公民身份号码', '所属乡镇', '所在村', '类别'],
  minzheng_dibao: ['序号', '姓名', '身份证号码', '乡镇(街道)', '村(居)', '保障类别'],
  fupin: ['序号', '姓名', '身份证号', '乡镇', '村', '人员类别'],
} as const;

/** The lists of the year: three first versions early in the year, then newer versions of two of them. */
function demoLists(year: number, chosen: Chosen) {
  const list = (source: keyof typeof HEADERS, mmdd: string, name: string, unit: string, lines: ListLine[]) => ({
    source,
    listDate: `${year}-${mmdd}`,
    fileName: `${year}年文登区${name}.xlsx`,
    title: `${year}年文登区${name.replace(/（.*）$/, '')}`,
    unit,
    header: [...HEADERS[source]],
    lines,
  });
  const removed = chosen.removedFromFupin?.idNumber;
  return {
    first: [
      list('minzheng_tekun', '01-08', '特困供养人员名单', '文登区民政局', chosen.tekun),
      list('minzheng_dibao', '01-10', '城乡低保对象名单', '文登区民政局', chosen.dibao),
      list('fupin', '01-15', '脱贫享受政策人口和监测对象名单', '文登区乡村振兴局（扶贫办）', chosen.fupin),
    ],
    fupinUpdate: list('fupin', '03-20', '脱贫享受政策人口和监测对象名单（3月动态调整）', '文登区乡村振兴局（扶贫办）', [
      ...chosen.fupin.filter((l) => l.id !== removed),
      ...chosen.fupinAdded,
    ]),
    dibaoUpdate: list('minzheng_dibao', '04-10', '城乡低保对象名单（4月新增）', '文登区民政局', [
      ...chosen.dibao,
      ...chosen.dibaoAdded,
    ]),
  };
}

/**
 * The demo's lists, cases and subsidies of this year: first lists → roster approved → fund
 * allocated → a newer 扶贫办 list (paid additions, a removal) → adjustment approved (refunds) → one
 * refund paid → a newer 低保 list → 龙山路街道's additions submitted by the town staff, awaiting
 * approval → the district's additions who had not paid approved (a use of the fund).
 */
export async function seedDemoActivity(db: Db): Promise<void> {
  const year = new Date().getFullYear();
  const actors = await demoActors(db);
  if (!actors) return; // not a demo database
  const { staff, townStaff } = actors;
  const lists = demoLists(year, chooseLines(await registryPeople(db, year)));
  for (const list of lists.first) await importDemoList(db, staff, year, list);
  await approveDistrictRound(db, actors, year, 1);
  await allocateDemoFund(db, staff, year);
  await importDemoList(db, staff, year, lists.fupinUpdate);
  await approveDistrictRound(db, actors, year, 2);
  await markOneRefundPaid(db, staff, year);
  await importDemoList(db, staff, year, lists.dibaoUpdate);
  await submitTownBatch(db, townStaff, year);
  await approveDistrictRound(db, actors, year, 3);
}
