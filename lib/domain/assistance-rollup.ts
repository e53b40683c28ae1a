/**
 * The assistance panel's figures for any town and month range of a year, derived from two small
 * roll-ups of the year's standing settlements (not reversed, not reversals) instead of scanning the
 * records for every filter:
 * - `sums`: per month × town × category × medical type, the settlements (人次) and their 元;
 * - `people`: per person × town × category, bit masks of the months (bit m − 1 for month m) with a
 *   standing inpatient / outpatient settlement, and with one flagged past the annual cap.
 * 人数 is distinct people, so it is counted from the masks: a person counts in a month, town,
 * category or the total when one of their rows within that group has a bit in the period.
 * Pure: the same figures as grouping the records themselves (assistance-rollup.test.ts checks
 * against that, on random records).
 */

export interface SumsRow {
  month: number;
  townCode: string;
  category: string | null;
  inpatient: boolean;
  times: number;
  fen: number;
}

export interface PersonRow {
  personId: number;
  townCode: string;
  category: string | null;
  inMask: number;
  outMask: number;
  capMask: number;
}

export interface AssistanceFigures {
  personTimes: number;
  people: number;
  assistanceFen: number;
  inpatientFen: number;
  outpatientFen: number;
  inpatientTimes: number;
  outpatientTimes: number;
  inpatientPeople: number;
  outpatientPeople: number;
  peopleOverCap: number;
}

export const emptyFigures = (): AssistanceFigures => ({
  personTimes: 0,
  people: 0,
  assistanceFen: 0,
  inpatientFen: 0,
  outpatientFen: 0,
  inpatientTimes: 0,
  outpatientTimes: 0,
  inpatientPeople: 0,
  outpatientPeople: 0,
  peopleOverCap: 0,
});

export interface AssistanceView {
  townCode?: string;
  monthFrom: number;
  monthTo: number;
}

export interface DerivedAssistance {
  months: Map<number, AssistanceFigures>;
  categories: Map<string | null, AssistanceFigures>;
  towns: Map<string, AssistanceFigures>;
  totals: AssistanceFigures;
}

/** In, out and past-cap month masks. */
type Masks = [number, number, number];

const monthMask = (from: number, to: number) => ((1 << to) - 1) & ~((1 << (from - 1)) - 1);

function figuresIn<K>(map: Map<K, AssistanceFigures>, key: K): AssistanceFigures {
  let f = map.get(key);
  if (!f) map.set(key, (f = emptyFigures()));
  return f;
}

function addPeople(f: AssistanceFigures, inMask: number, outMask: number, capMask: number, n = 1) {
  if (inMask | outMask) f.people += n;
  if (inMask) f.inpatientPeople += n;
  if (outMask) f.outpatientPeople += n;
  if (capMask) f.peopleOverCap += n;
}

/** Merges a person's rows by a key (town or category) and counts each merged row once. */
function countByKey<K>(rows: PersonRow[], keyOf: (r: PersonRow) => K, range: number, into: Map<K, AssistanceFigures>) {
  const merged = new Map<K, [number, number, number]>();
  for (const r of rows) {
    const m = merged.get(keyOf(r)) ?? [0, 0, 0];
    merged.set(keyOf(r), [m[0] | (r.inMask & range), m[1] | (r.outMask & range), m[2] | (r.capMask & range)]);
  }
  for (const [key, [i, o, c]] of merged) if (i | o) addPeople(figuresIn(into, key), i, o, c);
}

/** Counts `n` people with these masks (already cut to the view's months) in the total and their months. */
function countTotalAndMonths(d: DerivedAssistance, [inM, outM, capM]: Masks, n: number) {
  addPeople(d.totals, inM, outM, capM, n);
  for (let m = 1; m <= 12; m++) {
    const bit = 1 << (m - 1);
    if ((inM | outM) & bit) addPeople(figuresIn(d.months, m), inM & bit, outM & bit, capM & bit, n);
  }
}

/** Counts `n` people of one town and category with these masks (already cut to the view's months). */
function countAlike(d: DerivedAssistance, townCode: string, category: string | null, masks: Masks, n: number) {
  countTotalAndMonths(d, masks, n);
  addPeople(figuresIn(d.categories, category), ...masks, n);
  addPeople(figuresIn(d.towns, townCode), ...masks, n);
}

/** Counts one person of several rows (towns or categories): once in the total, once in each town and category. */
function countPerson(rows: PersonRow[], range: number, d: DerivedAssistance) {
  let inM = 0;
  let outM = 0;
  let capM = 0;
  for (const r of rows) {
    inM |= r.inMask & range;
    outM |= r.outMask & range;
    capM |= r.capMask & range;
  }
  if (!(inM | outM)) return;
  if (rows.length === 1) return countAlike(d, rows[0].townCode, rows[0].category, [inM, outM, capM], 1);
  countTotalAndMonths(d, [inM, outM, capM], 1);
  countByKey(rows, (r) => r.category, range, d.categories);
  countByKey(rows, (r) => r.townCode, range, d.towns);
}

/**
 * The people roll-up arranged for deriving many views: people with one row in the year (one town,
 * one category: nearly all) counted per distinct triple of month masks within their town and
 * category — a view then costs the distinct triples, not the people; the few with several rows
 * (moved town or category) kept as their rows.
 */
export interface PeopleIndex {
  groups: {
    townCode: string;
    category: string | null;
    inMask: number[];
    outMask: number[];
    capMask: number[];
    n: number[];
  }[];
  several: PersonRow[][];
}

/** Indexes the people roll-up; `people` must be ordered by personId (a person's rows together). */
export function indexPeople(people: PersonRow[]): PeopleIndex {
  const groups = new Map<string, PeopleIndex['groups'][number] & { at: Map<string, number> }>();
  const several: PersonRow[][] = [];
  let start = 0;
  for (let i = 1; i <= people.length; i++) {
    if (i < people.length && people[i].personId === people[start].personId) continue;
    if (i - start > 1) several.push(people.slice(start, i));
    else {
      const r = people[start];
      const gk = `${r.townCode}|${r.category ?? ''}|${r.category === null ? 0 : 1}`;
      let g = groups.get(gk);
      if (!g) {
        g = { townCode: r.townCode, category: r.category, inMask: [], outMask: [], capMask: [], n: [], at: new Map() };
        groups.set(gk, g);
      }
      const tk = `${r.inMask}|${r.outMask}|${r.capMask}`;
      const at = g.at.get(tk);
      if (at !== undefined) g.n[at] += 1;
      else {
        g.at.set(tk, g.n.length);
        g.inMask.push(r.inMask);
        g.outMask.push(r.outMask);
        g.capMask.push(r.capMask);
        g.n.push(1);
      }
    }
    start = i;
  }
  return { groups: [...groups.values()].map(({ at: _at, ...g }) => g), several };
}

/** The figures of one view (a town or all, a month range) of the year. */
export function deriveAssistance(sums: SumsRow[], people: PeopleIndex, view: AssistanceView): DerivedAssistance {
  const d: DerivedAssistance = { months: new Map(), categories: new Map(), towns: new Map(), totals: emptyFigures() };
  for (const s of sums) {
    if (s.month < view.monthFrom || s.month > view.monthTo) continue;
    if (view.townCode && s.townCode !== view.townCode) continue;
    for (const f of [
      d.totals,
      figuresIn(d.months, s.month),
      figuresIn(d.categories, s.category),
      figuresIn(d.towns, s.townCode),
    ]) {
      f.personTimes += s.times;
      f.assistanceFen += s.fen;
      if (s.inpatient) {
        f.inpatientTimes += s.times;
        f.inpatientFen += s.fen;
      } else {
        f.outpatientTimes += s.times;
        f.outpatientFen += s.fen;
      }
    }
  }
  const range = monthMask(view.monthFrom, view.monthTo);
  for (const g of people.groups) {
    if (view.townCode && g.townCode !== view.townCode) continue;
    for (let k = 0; k < g.n.length; k++) {
      const inM = g.inMask[k] & range;
      const outM = g.outMask[k] & range;
      if (inM | outM) countAlike(d, g.townCode, g.category, [inM, outM, g.capMask[k] & range], g.n[k]);
    }
  }
  for (const rows of people.several) {
    const inView = view.townCode ? rows.filter((r) => r.townCode === view.townCode) : rows;
    if (inView.length) countPerson(inView, range, d);
  }
  return d;
}
