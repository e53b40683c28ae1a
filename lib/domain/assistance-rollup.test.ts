import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  deriveAssistance,
  emptyFigures,
  indexPeople,
  type AssistanceFigures,
  type AssistanceView,
  type PeopleIndex,
  type PersonRow,
  type SumsRow,
} from './assistance-rollup';

interface Rec {
  personId: number;
  townCode: string;
  category: string | null;
  month: number;
  inpatient: boolean;
  cap: boolean;
  fen: number;
}

/** The figures by grouping the records themselves, as the SQL did: 人次, 元, distinct people. */
function bruteForce(recs: Rec[], view: AssistanceView) {
  const inView = recs.filter(
    (r) => r.month >= view.monthFrom && r.month <= view.monthTo && (!view.townCode || r.townCode === view.townCode),
  );
  const figures = (rs: Rec[]): AssistanceFigures => {
    const people = (xs: Rec[]) => new Set(xs.map((r) => r.personId)).size;
    const inp = rs.filter((r) => r.inpatient);
    const out = rs.filter((r) => !r.inpatient);
    return {
      personTimes: rs.length,
      people: people(rs),
      assistanceFen: rs.reduce((s, r) => s + r.fen, 0),
      inpatientFen: inp.reduce((s, r) => s + r.fen, 0),
      outpatientFen: out.reduce((s, r) => s + r.fen, 0),
      inpatientTimes: inp.length,
      outpatientTimes: out.length,
      inpatientPeople: people(inp),
      outpatientPeople: people(out),
      peopleOverCap: people(rs.filter((r) => r.cap)),
    };
  };
  const by = <K>(keyOf: (r: Rec) => K) => {
    const groups = new Map<K, Rec[]>();
    for (const r of inView) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
    return new Map([...groups].map(([k, rs]) => [k, figures(rs)]));
  };
  return {
    months: by((r) => r.month),
    categories: by((r) => r.category),
    towns: by((r) => r.townCode),
    totals: inView.length ? figures(inView) : emptyFigures(),
  };
}

/** The two roll-ups of the records, as the year base query builds them. */
function rollUp(recs: Rec[]): { sums: SumsRow[]; people: PeopleIndex } {
  const sums = new Map<string, SumsRow>();
  const people = new Map<string, PersonRow>();
  for (const r of recs) {
    const sk = [r.month, r.townCode, r.category, r.inpatient].join('|');
    const s = sums.get(sk) ?? {
      month: r.month,
      townCode: r.townCode,
      category: r.category,
      inpatient: r.inpatient,
      times: 0,
      fen: 0,
    };
    s.times += 1;
    s.fen += r.fen;
    sums.set(sk, s);
    const pk = [r.personId, r.townCode, r.category].join('|');
    const p = people.get(pk) ?? {
      personId: r.personId,
      townCode: r.townCode,
      category: r.category,
      inMask: 0,
      outMask: 0,
      capMask: 0,
    };
    const bit = 1 << (r.month - 1);
    if (r.inpatient) p.inMask |= bit;
    else p.outMask |= bit;
    if (r.cap) p.capMask |= bit;
    people.set(pk, p);
  }
  return {
    sums: [...sums.values()],
    people: indexPeople([...people.values()].sort((a, b) => a.personId - b.personId)),
  };
}

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

test('random records: every view equals grouping the records (人次, 元, distinct 人数 by month, category, town, total)', () => {
  const rnd = seeded(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  for (let round = 0; round < 40; round++) {
    // Few people, towns and categories, so people move between towns and categories within a year
    // (every other round), or many people, nearly all with one town and category (the alike counts).
    const persons = round % 2 ? 12 : 400;
    const towns = ['371003001', '371003002', '371003003'];
    const categories = [null, 'tekun', 'dibao'];
    const recs: Rec[] = Array.from({ length: 1 + Math.floor(rnd() * (persons === 12 ? 80 : 1200)) }, () => {
      const personId = 1 + Math.floor(rnd() * persons);
      const moved = persons === 12 || rnd() < 0.05;
      return {
        personId,
        townCode: moved ? pick(towns) : towns[personId % 3],
        category: moved ? pick(categories) : categories[(personId >> 2) % 3],
        month: 1 + Math.floor(rnd() * 12),
        inpatient: rnd() < 0.3,
        cap: rnd() < 0.1,
        fen: Math.floor(rnd() * 100_000),
      };
    });
    const { sums, people } = rollUp(recs);
    for (const townCode of [undefined, '371003001', '371003003']) {
      const from = 1 + Math.floor(rnd() * 12);
      const to = from + Math.floor(rnd() * (13 - from));
      for (const view of [
        { townCode, monthFrom: 1, monthTo: 12 },
        { townCode, monthFrom: from, monthTo: to },
      ]) {
        assert.deepEqual(deriveAssistance(sums, people, view), bruteForce(recs, view), JSON.stringify(view));
      }
    }
  }
});

test('a person in two towns counts once in the total and once in each town', () => {
  const recs: Rec[] = [
    { personId: 1, townCode: 'A', category: 'tekun', month: 2, inpatient: true, cap: false, fen: 100 },
    { personId: 1, townCode: 'B', category: 'tekun', month: 5, inpatient: false, cap: true, fen: 50 },
  ];
  const { sums, people } = rollUp(recs);
  const d = deriveAssistance(sums, people, { monthFrom: 1, monthTo: 12 });
  assert.equal(d.totals.people, 1);
  assert.equal(d.totals.personTimes, 2);
  assert.equal(d.towns.get('A')!.people, 1);
  assert.equal(d.towns.get('B')!.people, 1);
  assert.equal(d.categories.get('tekun')!.people, 1);
  assert.equal(d.totals.peopleOverCap, 1);
  // March–December: only the May outpatient record, past the cap.
  const later = deriveAssistance(sums, people, { monthFrom: 3, monthTo: 12 });
  assert.deepEqual([later.totals.people, later.totals.inpatientPeople, later.totals.peopleOverCap], [1, 0, 1]);
  assert.equal(later.towns.has('A'), false);
});

test('people of one town and category with the same months are counted as one triple; movers keep their rows', () => {
  const rec = (personId: number, townCode: string, month: number): Rec => ({
    personId,
    townCode,
    category: 'tekun',
    month,
    inpatient: false,
    cap: false,
    fen: 10,
  });
  const recs = [rec(1, 'A', 3), rec(2, 'A', 3), rec(3, 'A', 3), rec(4, 'A', 4), rec(5, 'A', 3), rec(5, 'B', 6)];
  const { sums, people } = rollUp(recs);
  assert.deepEqual(
    people.groups.map((g) => [g.townCode, g.outMask, g.n]),
    [['A', [1 << 2, 1 << 3], [3, 1]]],
  );
  assert.deepEqual(
    people.several.map((rows) => rows.map((r) => r.townCode)),
    [['A', 'B']],
  );
  const d = deriveAssistance(sums, people, { monthFrom: 1, monthTo: 12 });
  assert.deepEqual([d.totals.people, d.towns.get('A')!.people, d.towns.get('B')!.people], [5, 5, 1]);
  assert.deepEqual(d, bruteForce(recs, { monthFrom: 1, monthTo: 12 }));
});
