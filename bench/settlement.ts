/**
 * 一站式结算 benchmark: settles 100,000 stays of 20,000 people in year order — each person's stays
 * sorted by date, each settled after the ones before it (lib/domain/settlement-year.ts
 * settlePersonYear), and each result turned into the columns a saved stay stores — with the 2019
 * 文登 policy. The stays are generated from a fixed seed (1–9 stays a person, T up to 60万元, C a
 * share of T, levels, tiers and referrals mixed), so every run settles the same year.
 * Checks that every stay's six layers and the person's share add up to T.
 * Prints `RESULT settle_100k_ms <n>` (median of BENCH_RUNS runs, default 5; target ≤ 10,000 ms).
 * Usage: npm run bench:settlement  (BENCH_STAYS, BENCH_PEOPLE to change the size)
 */
import { LAYER_KEYS } from '@/lib/domain/settlement';
import { WENDENG_2019_POLICY } from '@/lib/domain/settlement-policy';
import { settlePersonYear, type OrderedStay } from '@/lib/domain/settlement-year';
import { seededUint32 } from '@/lib/domain/sampling';
import { resultColumns } from '@/lib/operations/settlement-plan';
import { positiveInt } from './common';

const STAYS = positiveInt('BENCH_STAYS', 100_000);
const PEOPLE = positiveInt('BENCH_PEOPLE', 20_000);
const RUNS = positiveInt('BENCH_RUNS', 5);
const TARGET_MS = 10_000;

/** People's stays of 2019: every person at least one, the rest spread at random; dates random in the year. */
function generate(): OrderedStay[][] {
  const rand = seededUint32('bench-settlement-2019');
  const uniform = (n: number) => rand() % n;
  const counts = new Array<number>(PEOPLE).fill(1);
  for (let i = PEOPLE; i < STAYS; i++) counts[uniform(PEOPLE)]++;
  let seq = 0;
  return counts.map((n) =>
    Array.from({ length: n }, () => {
      const big = uniform(10) === 0;
      const totalFen = big ? 5_000_000 + uniform(55_000_000) : 100_000 + uniform(5_000_000);
      const day = new Date(Date.UTC(2019, 0, 1 + uniform(365))).toISOString().slice(0, 10);
      return {
        seq: ++seq,
        date: day,
        totalFen,
        policyRangeFen: Math.floor((totalFen * (6000 + uniform(4001))) / 10_000),
        level: (1 + uniform(3)) as 1 | 2 | 3,
        tier: (1 + uniform(2)) as 1 | 2,
        referral: uniform(8) === 0,
      };
    }),
  );
}

function run(people: OrderedStay[][]) {
  let settled = 0;
  let assistanceFen = 0;
  for (const stays of people) {
    for (const { stay, result } of settlePersonYear(WENDENG_2019_POLICY, stays)) {
      const columns = resultColumns(result, 1);
      const sum = LAYER_KEYS.reduce((s, k) => s + result.amounts[k], 0) + result.personFen;
      if (sum !== stay.totalFen) throw new Error(`stay ${stay.seq}: the parts add up to ${sum}, not ${stay.totalFen}`);
      assistanceFen += columns.assistanceFen + columns.reAssistanceFen;
      settled++;
    }
  }
  return { settled, assistanceFen };
}

const people = generate();
console.log(
  `一站式结算基准：${STAYS.toLocaleString()} 次住院，${PEOPLE.toLocaleString()} 人，2019 年文登政策，${RUNS} 轮`,
);
const times: number[] = [];
let last = { settled: 0, assistanceFen: 0 };
for (let i = 0; i < RUNS; i++) {
  const started = process.hrtime.bigint();
  last = run(people);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  times.push(ms);
  console.log(`第 ${i + 1} 轮：${ms.toFixed(1)} ms（${last.settled} 次住院）`);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`医疗救助+再救助合计 ${(last.assistanceFen / 1_000_000).toFixed(2)} 万元；每轮各部分之和均等于医疗费总额`);
console.log(`中位数 ${median.toFixed(1)} ms，最慢 ${sorted.at(-1)!.toFixed(1)} ms（目标 ≤ ${TARGET_MS} ms）`);
console.log(`RESULT settle_100k_ms ${median.toFixed(1)}`);
