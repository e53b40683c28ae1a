/**
 * The demo's 医疗救助 records (called by seedDemoDashboard, db/seed-demo-dashboard.ts): twelve
 * months up to the current one, as if imported from the settlement export (source 'import',
 * settlement ids SETL<year><serial>), for people on this year's poverty lists and a few others, at
 * the demo hospitals. Scaled like seed 004 (14,529 人次, 606万元: 住院 494万元 / 4,006 人次, 门诊
 * 112万元 / 10,523 人次): inpatient ≈ 28% of the 人次 and ≈ 80% of the money, a few thousand 元 per
 * stay and a few hundred per outpatient settlement. Two settlements are reversed (one re-settled),
 * and one person passes the 5万元 annual cap on their third stay (flagged, never cut).
 * Deterministic (seeded PRNG over the registry in id order); inserted once.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { assistanceRecords, type NewAssistanceRecord } from './schema';
import { seededRandom } from './demo-people';
import { CATEGORY_PRECEDENCE } from '@/lib/domain/subsidy';
import type { PersonCategory } from '@/lib/domain/list-row';

const DISTRICT = '371003';
/** Seed 004: 住院 and 门诊 assistance of a person's year together at most 5万元. */
export const ANNUAL_CAP_FEN = 5_000_000;
/** 人次 of a full month, and how the months differ (winter more). */
const PER_MONTH = 32;
const SEASON = [1.15, 1.0, 0.95, 0.9, 0.9, 0.85, 0.95, 1.0, 0.95, 1.0, 1.05, 1.2];
const INPATIENT_SHARE = 0.28;
/** Assistance as a share of the policy-range cost, by the most favourable category. */
const RATE: Record<string, number> = {
  tekun: 0.34,
  dibao: 0.3,
  poverty_returned: 0.28,
  monitored: 0.26,
  dibao_edge: 0.24,
  poverty_alleviated: 0.22,
};

interface Patient {
  id: number;
  townCode: string;
  /** The most favourable category per year of the lists naming them. */
  categories: Map<number, string>;
}

interface Hospital {
  code: string;
  name: string;
  level: string;
}

interface Planned extends Omit<NewAssistanceRecord, 'settlementId'> {
  settlementDate: string;
  order: number;
  /** A reversal's original. */
  original?: Planned;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const rank = (c: string) => {
  const i = CATEGORY_PRECEDENCE.indexOf(c as PersonCategory);
  return i < 0 ? CATEGORY_PRECEDENCE.length : i;
};
/** The most favourable of a person's categories (CATEGORY_PRECEDENCE). */
const best = (cats: string[]) => [...cats].sort((a, b) => rank(a) - rank(b))[0];

/** Enrolled people of the district in every year of the window, with their categories from the year's current lists. */
async function patients(db: Db, years: number[]): Promise<{ listed: Patient[]; others: Patient[] }> {
  const inYears = sql.join(
    years.map((y) => sql`${y}::int`),
    sql`, `,
  );
  const rows = await db.execute<{ id: number; town_code: string; cats: string[] | null }>(sql`
    select p.id, p.town_code, array_agg(distinct pl.year || ':' || lr.category) filter (where lr.id is not null) as cats
    from people p join towns t on t.code = p.town_code
    left join list_rows lr on lr.person_id = p.id
      and lr.list_id in (select l.id from poverty_lists l where l.year in (${inYears})
        and not exists (select 1 from poverty_lists n where n.previous_list_id = l.id))
    left join poverty_lists pl on pl.id = lr.list_id
    where t.district_code = ${DISTRICT}
      and (select count(distinct e.year) from enrollments e where e.person_id = p.id and e.status = 'active'
        and e.year in (${inYears})) = ${years.length}
    group by p.id order by p.id`);
  const all = rows.map((r) => {
    const byYear = new Map<number, string[]>();
    for (const c of r.cats ?? []) {
      const [y, cat] = c.split(':');
      byYear.set(Number(y), [...(byYear.get(Number(y)) ?? []), cat]);
    }
    const categories = new Map([...byYear].map(([y, cats]) => [y, best(cats)]));
    return { id: r.id, townCode: r.town_code, categories };
  });
  return { listed: all.filter((p) => p.categories.size > 0), others: all.filter((p) => p.categories.size === 0) };
}

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
}

/** Fen amounts: total ≥ policy range ≥ assistance. */
function amounts(rnd: () => number, inpatient: boolean, category: string | null) {
  const rate = category ? (RATE[category] ?? 0.2) : 0.12;
  const yuan = inpatient
    ? Math.min(90_000, Math.max(2_500, 11_000 * Math.exp(0.55 * gaussian(rnd))))
    : Math.min(6_000, Math.max(120, 850 * Math.exp(0.5 * gaussian(rnd))));
  const totalFen = Math.round(yuan * 100);
  const policyRangeFen = Math.floor(totalFen * (inpatient ? 0.78 + 0.14 * rnd() : 0.85 + 0.1 * rnd()));
  const assistanceFen = Math.min(
    inpatient ? 1_200_000 : 150_000,
    Math.floor(policyRangeFen * rate * (inpatient ? 1 : 1.25)),
  );
  return { totalFen, policyRangeFen, assistanceFen };
}

function pickHospital(rnd: () => number, hospitals: Hospital[], inpatient: boolean): Hospital {
  const weight = (h: Hospital) =>
    h.level === 'level3' ? 3 : h.level === 'level2' ? (inpatient ? 2 : 1.5) : inpatient ? 0 : 2;
  let r = rnd() * hospitals.reduce((s, h) => s + weight(h), 0);
  for (const h of hospitals) {
    r -= weight(h);
    if (r < 0) return h;
  }
  return hospitals[0];
}

/** The twelve months up to the current one, oldest first. */
function windowMonths(today: string): { y: number; m: number; lastDay: number }[] {
  const [ty, tm, td] = today.split('-').map(Number);
  return Array.from({ length: 12 }, (_, k) => {
    const idx = ty * 12 + (tm - 1) - (11 - k);
    const y = Math.floor(idx / 12);
    const m = (idx % 12) + 1;
    return { y, m, lastDay: y === ty && m === tm ? td : daysIn(y, m) };
  });
}

/** The settlements of the window, by month; the cap person's three stays in the year with the most months. */
function planSettlements(
  rnd: () => number,
  today: string,
  pool: { listed: Patient[]; others: Patient[] },
  capPerson: Patient,
  hospitals: Hospital[],
) {
  const months = windowMonths(today);
  const planned: Planned[] = [];
  const add = (p: Patient, date: string, inpatient: boolean, money = amounts) => {
    const year = Number(date.slice(0, 4));
    const category = p.categories.get(year) ?? null;
    const h = pickHospital(rnd, hospitals, inpatient);
    planned.push({
      ...money(rnd, inpatient, category),
      personId: p.id,
      townCode: p.townCode,
      category,
      year,
      settlementDate: date,
      medType: inpatient ? 'inpatient' : 'outpatient',
      institutionCode: h.code,
      institutionName: h.name,
      order: planned.length,
    });
  };
  for (const { y, m, lastDay } of months) {
    const full = Math.round(PER_MONTH * SEASON[m - 1]);
    const n = lastDay === daysIn(y, m) ? full : Math.max(4, Math.round((full * lastDay) / daysIn(y, m)));
    const stays = Math.round(n * INPATIENT_SHARE);
    const inpatient = Array.from({ length: n }, (_, k) => ({ k, r: rnd() }))
      .sort((a, b) => a.r - b.r)
      .map(({ k }) => k < stays);
    for (let k = 0; k < n; k += 1) {
      const fromListed = rnd() < 0.92 || pool.others.length === 0;
      const from = fromListed ? pool.listed : pool.others;
      const p = from[Math.floor(rnd() ** 1.6 * from.length)]; // some patients come back often
      add(p, `${y}-${pad(m, 2)}-${pad(1 + Math.floor(rnd() * lastDay), 2)}`, inpatient[k]);
    }
  }
  // The cap person: three long stays in one year, the third passing 5万元.
  const capYear = months[months.length - 1].m >= 6 ? months[months.length - 1].y : months[0].y;
  const ofCapYear = months.filter((mo) => mo.y === capYear && mo.lastDay >= 10);
  [1_780_000, 1_960_000, 1_690_000].forEach((assistanceFen, k) => {
    const mo = ofCapYear[Math.min(ofCapYear.length - 1, Math.floor(((k + 0.5) * ofCapYear.length) / 3))];
    const policyRangeFen = Math.round(assistanceFen / 0.62);
    const date = `${mo.y}-${pad(mo.m, 2)}-${pad(3 + 3 * k, 2)}`;
    add(capPerson, date, true, () => ({ totalFen: Math.round(policyRangeFen / 0.87), policyRangeFen, assistanceFen }));
  });
  return planned;
}

/** Two reversals (the second re-settled on its day), then ids in date order and the cap flags. */
function finishPlan(planned: Planned[], capPersonId: number): NewAssistanceRecord[] {
  const byDate = [...planned].sort((a, b) => a.settlementDate.localeCompare(b.settlementDate) || a.order - b.order);
  const candidates = byDate.filter((r) => r.personId !== capPersonId);
  const originals = [
    candidates.find((r, i) => i > candidates.length / 3 && r.medType === 'inpatient'),
    candidates.find((r, i) => i > (candidates.length * 2) / 3 && r.medType === 'outpatient'),
  ].filter((r): r is Planned => !!r);
  originals.forEach((o, k) => {
    const date = addDays(o.settlementDate, 2).startsWith(String(o.year))
      ? addDays(o.settlementDate, 2)
      : o.settlementDate;
    const negate = { totalFen: -o.totalFen, policyRangeFen: -o.policyRangeFen, assistanceFen: -o.assistanceFen };
    planned.push({ ...o, ...negate, kind: 'reversal', settlementDate: date, order: planned.length, original: o });
    if (k === 1) {
      const assistanceFen = Math.floor(o.assistanceFen * 0.9);
      planned.push({ ...o, assistanceFen, settlementDate: date, order: planned.length });
    }
  });
  const reversed = new Set(originals);
  const sorted = planned.sort((a, b) => a.settlementDate.localeCompare(b.settlementDate) || a.order - b.order);
  const serial = new Map<number, number>();
  const ids = new Map<Planned, string>();
  const ytd = new Map<string, number>();
  return sorted.map((r) => {
    const n = (serial.get(r.year) ?? 0) + 1;
    serial.set(r.year, n);
    ids.set(r, `SETL${r.year}${pad(n, 6)}`);
    const key = `${r.personId}:${r.year}`;
    let capExceeded = false;
    if (r.kind !== 'reversal' && !reversed.has(r)) {
      const before = ytd.get(key) ?? 0;
      ytd.set(key, before + r.assistanceFen);
      capExceeded = before <= ANNUAL_CAP_FEN && before + r.assistanceFen > ANNUAL_CAP_FEN;
    }
    const { order: _order, original, ...row } = r;
    return { ...row, settlementId: ids.get(r)!, initSettlementId: original ? ids.get(original)! : null, capExceeded };
  });
}

export async function seedDemoAssistance(
  db: Db,
  { today, staffId }: { today: string; staffId: number },
): Promise<void> {
  const [done] = await db.execute(
    sql`select 1 from assistance_records where source = 'import' and settlement_id like 'SETL%' limit 1`,
  );
  if (done) return; // seeded before (perhaps in another month: the window moves, the records stay)
  const hospitals = await db.execute<{ code: string; name: string; level: string }>(
    sql`select code, name, level::text from hospitals where district_code = ${DISTRICT} order by code`,
  );
  const months = windowMonths(today);
  const years = [...new Set(months.map((m) => m.y))];
  const { listed, others } = await patients(db, years);
  const capPerson =
    listed.find((p, i) => i % 7 === 3 && p.categories.get(years[years.length - 1]) === 'tekun') ?? listed[0];
  if (!capPerson || hospitals.length === 0) return;
  const rnd = seededRandom(6060);
  const stride = (all: Patient[], n: number) =>
    all
      .filter((p, i) => p !== capPerson && i % Math.max(1, Math.floor(all.length / n)) === 0)
      .slice(0, n)
      .map((p) => ({ p, r: rnd() }))
      .sort((a, b) => a.r - b.r) // who comes back often is not a matter of id order (or town)
      .map(({ p }) => p);
  const pool = { listed: stride(listed, 160), others: stride(others, 15) };
  const rows = finishPlan(planSettlements(rnd, today, pool, capPerson, [...hospitals]), capPerson.id);
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(assistanceRecords)
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, source: 'import' as const, createdBy: staffId })))
        .onConflictDoNothing({ target: assistanceRecords.settlementId });
    }
    await tx.execute(sql`
      update assistance_records o set reversed_by_id = r.id
      from assistance_records r
      where r.kind = 'reversal' and r.init_settlement_id = o.settlement_id and o.reversed_by_id is null`);
  });
}
