/**
 * 一站式结算 policy data and demo stays. Reference (every deployment): the 2019 文登 policy of seed
 * 002 (the deductible a local default). Demo: the recent years as 示例 copies of it, and (quick start
 * only) a few saved stays of poverty-list people, settled by the same code as the portal (their
 * layer 4 + 6 amounts become assistance records). Idempotent.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { ensurePolicyVersion } from './queries/settlement-policies';
import { WENDENG_2019_POLICY, policyForYear } from '@/lib/domain/settlement-policy';
import { yearOf } from '@/lib/domain/settlement';
import { planYear, commitPlan, type NewStay } from '@/lib/operations/settlement-plan';

const SEED_002 = '文登区医疗保障局《贫困人口“六重保障”政策解读》（2019-12-18）；起付标准为本地默认值';
const DEMO_NOTE = '演示数据';

export async function seedSettlementReference(db: Db): Promise<void> {
  await ensurePolicyVersion(db, { year: 2019, version: 1, params: WENDENG_2019_POLICY, docRef: SEED_002 });
}

/** The recent years' policies: 示例 copies of the 2019 values. */
export async function seedSettlementDemoYears(db: Db, years: number[]): Promise<void> {
  for (const year of years)
    await ensurePolicyVersion(db, {
      year,
      version: 1,
      params: policyForYear(WENDENG_2019_POLICY, year),
      docRef: `示例：沿用 2019 年文登区标准（${SEED_002}）`,
    });
}

/** A few saved stays of this year for people on this year's poverty lists (quick start only). */
export async function seedDemoSettlements(db: Db): Promise<void> {
  const year = new Date().getFullYear();
  const [done] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from settlement_stays where note = ${DEMO_NOTE}`,
  );
  if (done.n > 0) return;
  const people = await db.execute<{ id: number; town_code: string }>(sql`
    select distinct p.id, p.town_code from people p
    join list_rows lr on lr.person_id = p.id
    join poverty_lists l on l.id = lr.list_id and l.year = ${year}
    where p.town_code not in ('371003001', '371003002')
    order by p.id limit 4`);
  const hospitals = await db.execute<{ id: number; name: string; code: string }>(
    sql`select id, name, code from hospitals where code in ('H37100300001', 'H37100300006')`,
  );
  const central = hospitals.find((h) => h.code === 'H37100300001');
  // The fourth person's stay is at 文登区精神卫生中心 (level 2), so its workstation has one too.
  const mental = hospitals.find((h) => h.code === 'H37100300006');
  const [admin] = await db.execute<{ id: number }>(sql`select id from users where username = 'admin'`);
  if (!central || !mental || !admin || people.length === 0) return;
  const figures = [
    [
      [4_800_000, 4_200_000, false],
      [16_500_000, 15_000_000, true],
    ],
    [[2_300_000, 2_100_000, false]],
    [
      [9_000_000, 8_000_000, true],
      [3_600_000, 3_300_000, false],
    ],
  ] as const;
  for (const [i, person] of [...people].entries()) {
    const atMental = i === 3;
    const hospital = atMental ? mental : central;
    const stays = atMental ? ([[1_260_000, 1_150_000, false]] as const) : figures[i % figures.length];
    for (const [k, [total, range, referral]] of stays.entries()) {
      const date = `${year}-${String(2 + k * 3).padStart(2, '0')}-15`;
      const add: NewStay = {
        personId: person.id,
        townCode: person.town_code,
        hospitalId: hospital.id,
        hospitalName: hospital.name,
        totalFen: total,
        policyRangeFen: range,
        level: atMental ? 2 : 3,
        tier: 1,
        referral,
        date,
        admissionDate: null,
        sourceSettlementId: null,
        correctedFromId: null,
        note: DEMO_NOTE,
      };
      await db.transaction(async (tx) =>
        commitPlan(tx, admin.id, await planYear(tx, person.id, yearOf(date), { add })),
      );
    }
  }
}
