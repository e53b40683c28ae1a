/**
 * Deterministic generator of registry people, households and enrollments: used by the demo seed
 * (a few thousand people) and by the benchmarks (a million). Pure: no database access.
 */
import { makeIdNumber } from '@/lib/domain/id-number';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段';
/** Characters of given names, as they are commonly used for men and for women (some for both). */
const GIVEN: Record<'M' | 'F', string> = {
  M: '伟强磊军洋勇杰涛明超平刚华建国志海飞鹏宇浩然阳文博子嘉树德福春松柏林斌鑫',
  F: '芳娜敏静丽艳娟秀霞桂英玉兰红梅燕凤云欣怡晨涵思雨佳琪雪秋冬婷慧华文',
};

export interface GeneratedPerson {
  idNumber: string;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  townCode: string;
  village: string;
  householdNo: string;
  relationToHead: string;
}

export interface GeneratedEnrollment {
  idNumber: string;
  year: number;
  scheme: 'resident' | 'employee';
  tier: 'tier1' | 'tier2' | null;
  paidFen: number;
  paidDate: string;
}

export interface GenerateOptions {
  count: number;
  towns: { code: string; weight: number }[];
  years: number[];
  seed?: number;
  /** Share of people not enrolled in a year (default 3%). */
  notEnrolledRate?: number;
  /** Share enrolled in both schemes (default 0.5%). */
  duplicateRate?: number;
  /** ID numbers already taken (people loaded beside existing ones). */
  takenIdNumbers?: Iterable<string>;
  /** Households are numbered after this one (default 0). */
  householdsBefore?: number;
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

function pickTown(rnd: () => number, towns: GenerateOptions['towns'], total: number): string {
  let r = rnd() * total;
  for (const t of towns) {
    r -= t.weight;
    if (r <= 0) return t.code;
  }
  return towns[towns.length - 1].code;
}

/** People in households of 1–5, with unique valid ID numbers; calls `emit` per person. */
export function* generatePeople(
  opts: GenerateOptions,
): Generator<{ person: GeneratedPerson; enrollments: GeneratedEnrollment[] }> {
  const rnd = seededRandom(opts.seed ?? 2026);
  const totalWeight = opts.towns.reduce((s, t) => s + t.weight, 0);
  const used = new Set<string>(opts.takenIdNumbers);
  let made = 0;
  let household = opts.householdsBefore ?? 0;
  while (made < opts.count) {
    household += 1;
    const townCode = pickTown(rnd, opts.towns, totalWeight);
    const village = `${pick(rnd, ['东', '西', '南', '北', '前', '后', '大', '小'])}${pick(rnd, ['庄', '疃', '河', '山', '泊', '家'])}村`;
    const surname = pick(rnd, [...SURNAMES]);
    const size = Math.min(opts.count - made, 1 + Math.floor(rnd() * 5));
    const headYear = 1940 + Math.floor(rnd() * 50);
    for (let i = 0; i < size; i++) {
      const relation = i === 0 ? '户主' : i === 1 ? '配偶' : '子女';
      const year = i < 2 ? headYear + Math.floor(rnd() * 5) : Math.min(headYear + 20 + Math.floor(rnd() * 15), 2024);
      const birthDate = `${year}-${pad(1 + Math.floor(rnd() * 12), 2)}-${pad(1 + Math.floor(rnd() * 28), 2)}`;
      const gender: 'M' | 'F' = i === 0 ? 'M' : i === 1 ? 'F' : rnd() < 0.5 ? 'M' : 'F';
      // Many older residents still carry the pre-1988 文登市 prefix 371081.
      const area = year < 1988 && rnd() < 0.6 ? '371081' : '371003';
      let idNumber = makeIdNumber(area, birthDate, Math.floor(rnd() * 1000), gender);
      while (used.has(idNumber)) idNumber = makeIdNumber(area, birthDate, Math.floor(rnd() * 1000), gender);
      used.add(idNumber);
      const name = surname + pick(rnd, [...GIVEN[gender]]) + (rnd() < 0.6 ? pick(rnd, [...GIVEN[gender]]) : '');
      const employee = year < 2000 && rnd() < 0.18;
      const enrollments: GeneratedEnrollment[] = [];
      for (const y of opts.years) {
        if (rnd() < (opts.notEnrolledRate ?? 0.03)) continue;
        const minor = y - year < 18;
        const scheme = employee ? 'employee' : 'resident';
        const tier = scheme === 'resident' ? (rnd() < 0.85 ? 'tier1' : 'tier2') : null;
        const paidFen = scheme === 'employee' ? 0 : minor ? 20000 : tier === 'tier1' ? 45000 : 65000;
        const paidDate = `${y - 1}-${pad(10 + Math.floor(rnd() * 3), 2)}-${pad(1 + Math.floor(rnd() * 28), 2)}`;
        enrollments.push({ idNumber, year: y, scheme, tier, paidFen, paidDate });
        if (rnd() < (opts.duplicateRate ?? 0.005)) {
          enrollments.push({
            idNumber,
            year: y,
            scheme: scheme === 'employee' ? 'resident' : 'employee',
            tier: scheme === 'employee' ? 'tier1' : null,
            paidFen: 0,
            paidDate,
          });
        }
      }
      made += 1;
      yield {
        person: {
          idNumber,
          name,
          gender,
          birthDate,
          townCode,
          village,
          householdNo: `371003${pad(household, 9)}`,
          relationToHead: relation,
        },
        enrollments,
      };
    }
  }
}
