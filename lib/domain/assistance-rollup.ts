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

const monthMask = (from: number, to: number) => ((1 << to) - 1) & ~((1 << (from - 1)) - 1);

function figuresIn<K>(map: Map<K, AssistanceFigures>, key: K): AssistanceFigures {
  let f = map.get(key);
  if (!f) map.set(key, (f = emptyFigures()));
  return f;
}

function addPeople(f: AssistanceFigures, inMask: number, outMask: number, capMask: number) {
  if (inMask | outMask) f.people += 1;
  if (inMask) f.inpatientPeople += 1;
  if (outMask) f.outpatientPeople += 1;
  if (capMask) f.peopleOverCap += 1;
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
  addPeople(d.totals, inM, outM, capM);
  for (let m = 1; m <= 12; m++) {
    const bit = 1 << (m - 1);
    if ((inM | outM) & bit) addPeople(figuresIn(d.months, m), inM & bit, outM & bit, capM & bit);
  }
  if (rows.length === 1) {
    addPeople(figuresIn(d.categories, rows[0].category), inM, outM, capM);
    addPeople(figuresIn(d.towns, rows[0].townCode), inM, outM, capM);
    return;
  }
  countByKey(rows, (r) => r.category, range, d.categories);
  countByKey(rows, (r) => r.townCode, range, d.towns);
}

/**
 * The figures of one view (a town or all, a month range) of the year. `people` must be ordered by
 * personId (a person's rows together).
 */
export function deriveAssistance(sums: SumsRow[], people: PersonRow[], view: AssistanceView): DerivedAssistance {
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
  let start = 0;
  for (let i = 1; i <= people.length; i++) {
    if (i < people.length && people[i].personId === people[start].personId) continue;
    const rows = i - start === 1 ? [people[start]] : people.slice(start, i);
    const inView = view.townCode ? rows.filter((r) => r.townCode === view.townCode) : rows;
    if (inView.length) countPerson(inView, range, d);
    start = i;
  }
  return d;
}
