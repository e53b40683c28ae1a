/**
 * Subsidy policy data. Reference (every deployment): the values the seeds give — 2019 (seed 002:
 * poverty people 成年 450 元、学生 200 元, the whole personal contribution) and 2020 (seed 002: 一档
 * 450 / 二档 650 / 未成年人和大学生 200, 集中缴费期 1 月 1 日至 4 月 30 日), and seed 004's categories
 * (特困 the whole personal contribution; 低保, 返贫致贫, 低保边缘, 监测帮扶 a fixed amount each).
 * Values the seeds do not give are stored as 示例 (exampleFields / isExample) and shown so.
 * Demo (quick start only): the recent years, all 示例. Idempotent.
 */
import type { Db } from './index';
import { contributionStandards, subsidyRules } from './schema';
import type { PersonCategory } from '@/lib/domain/list-row';

const ALL_AMOUNTS = [
  'tier1AdultFen',
  'tier1MinorFen',
  'tier1StudentFen',
  'tier2AdultFen',
  'tier2MinorFen',
  'tier2StudentFen',
  'collection',
] as const;

const SEED_002_2020 = '文登区医疗保障局《2020年居民医疗保险缴费标准公布》（2019-12-17）';
const SEED_002_2019 = '文登区 2019 年度建档立卡贫困人口参保缴费补贴（威海市统一要求）';
const SEED_004 = '峄政办发〔2022〕8号';

/** Seed 004's categories: 特困 full; the fixed amounts are 示例 (the seed gives none). */
function seed004Rules(year: number) {
  const fixed = (category: PersonCategory, yuan: number) => ({
    year,
    category,
    effectiveFrom: `${year}-01-01`,
    kind: 'fixed' as const,
    amountFen: yuan * 100,
    docRef: SEED_004,
    isExample: true,
  });
  return [
    {
      year,
      category: 'tekun',
      effectiveFrom: `${year}-01-01`,
      kind: 'full' as const,
      docRef: SEED_004,
      isExample: false,
    },
    fixed('dibao', 300),
    fixed('poverty_returned', 300),
    fixed('dibao_edge', 150),
    fixed('monitored', 150),
  ];
}

export async function seedSubsidyReference(db: Db): Promise<void> {
  await db
    .insert(contributionStandards)
    .values([
      {
        year: 2019,
        effectiveFrom: '2019-01-01',
        tier1AdultFen: 45000,
        tier1MinorFen: 20000,
        tier1StudentFen: 20000,
        tier2AdultFen: 65000,
        tier2MinorFen: 20000,
        tier2StudentFen: 20000,
        collectionFrom: '2019-01-01',
        collectionTo: '2019-04-30',
        docRef: SEED_002_2019,
        exampleFields: ['tier2AdultFen', 'tier2MinorFen', 'tier2StudentFen', 'collection'],
      },
      {
        year: 2020,
        effectiveFrom: '2020-01-01',
        tier1AdultFen: 45000,
        tier1MinorFen: 20000,
        tier1StudentFen: 20000,
        tier2AdultFen: 65000,
        tier2MinorFen: 20000,
        tier2StudentFen: 20000,
        collectionFrom: '2020-01-01',
        collectionTo: '2020-04-30',
        docRef: SEED_002_2020,
      },
    ])
    .onConflictDoNothing();
  await db
    .insert(subsidyRules)
    .values([
      {
        year: 2019,
        category: 'poverty_alleviated',
        effectiveFrom: '2019-01-01',
        kind: 'full',
        docRef: SEED_002_2019,
      },
      ...seed004Rules(2019),
      ...seed004Rules(2020),
    ])
    .onConflictDoNothing();
}

/** The demo's recent years: 2020's standards carried on, every value 示例. */
export async function seedSubsidyDemoYears(db: Db, years: number[]): Promise<void> {
  await db
    .insert(contributionStandards)
    .values(
      years.map((year) => ({
        year,
        effectiveFrom: `${year - 1}-12-01`,
        tier1AdultFen: 45000,
        tier1MinorFen: 20000,
        tier1StudentFen: 20000,
        tier2AdultFen: 65000,
        tier2MinorFen: 20000,
        tier2StudentFen: 20000,
        collectionFrom: `${year}-01-01`,
        collectionTo: `${year}-04-30`,
        docRef: `示例：${year} 年度沿用 2020 年缴费标准`,
        exampleFields: [...ALL_AMOUNTS],
      })),
    )
    .onConflictDoNothing();
  await db
    .insert(subsidyRules)
    .values(
      years.flatMap((year) => [
        ...seed004Rules(year).map((r) => ({ ...r, effectiveFrom: `${year - 1}-12-01` })),
        ...(['poverty_alleviated', 'disabled_severe'] as const).map((category) => ({
          year,
          category,
          effectiveFrom: `${year - 1}-12-01`,
          kind: 'full' as const,
          docRef: `示例：${year} 年度资助政策`,
          isExample: true,
        })),
      ]),
    )
    .onConflictDoNothing();
}
