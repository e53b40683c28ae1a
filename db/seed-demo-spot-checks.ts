/**
 * Demo spot checks (抽查) for the quick start, so the dashboard's spot-check compliance has figures
 * after `npm start`: one draw of 20% of a year's decisions (the year before the draw) at three demo
 * hospitals (not 威海市中心医院: the Playwright spot-check test draws there and reads that hospital's
 * rate), drawn with the portal's own reproducible sampling, with verdicts — about one in six 不合规
 * with their reason, and the newest draw not finished (two decisions still unchecked).
 *
 * Idempotent: does nothing when a demo draw (seed `demo-…`) exists.
 */
import { inArray, like } from 'drizzle-orm';
import type { Db } from './index';
import { hospitals, spotCheckItems, spotChecks } from './schema';
import { decidedPopulation } from './queries/spot-checks';
import { addDays } from '@/lib/domain/calendar';
import { drawSample, SAMPLING_ALGORITHM } from '@/lib/domain/sampling';
import { shanghaiDayStart } from '@/lib/domain/shanghai-day';

/** The hospitals checked, oldest draw first; the last one is still being checked. */
const CHECKED = ['H37100300002', 'H37100300006', 'H37100300003'];
const PERCENT = 20;
const NON_COMPLIANT_NOTES = [
  '缺少近 6 个月的检查报告，诊断依据不足',
  '病历记载的病程不满足准入标准的时限要求',
  '诊断证明与检验结果不一致',
];

export async function seedDemoSpotChecks(db: Db, o: { today: string; supervisorId: number }): Promise<void> {
  const [done] = await db
    .select({ id: spotChecks.id })
    .from(spotChecks)
    .where(like(spotChecks.seed, 'demo-%'))
    .limit(1);
  if (done) return;
  const rows = await db
    .select({ id: hospitals.id, code: hospitals.code })
    .from(hospitals)
    .where(inArray(hospitals.code, CHECKED));
  const idOf = new Map(rows.map((r) => [r.code, r.id]));
  for (const [i, code] of CHECKED.entries()) {
    const hospitalId = idOf.get(code);
    if (hospitalId === undefined) continue;
    // Drawn over the last weeks, a week apart, each over the twelve months before; verdicts the days after.
    const drawnOn = addDays(o.today, -7 * (CHECKED.length - i) - 7);
    const from = addDays(drawnOn, -365);
    const population = await decidedPopulation(db, hospitalId, from, drawnOn);
    if (population.length === 0) continue;
    const seed = `demo-${drawnOn.slice(0, 4)}-${code}`;
    const sample = drawSample(population, { percent: PERCENT }, seed);
    const [check] = await db
      .insert(spotChecks)
      .values({
        hospitalId,
        periodFrom: from,
        periodTo: drawnOn,
        percent: PERCENT,
        seed,
        algorithm: SAMPLING_ALGORITHM,
        populationSize: population.length,
        note: '季度抽查（示例数据）',
        createdBy: o.supervisorId,
        createdAt: new Date(shanghaiDayStart(drawnOn).getTime() + 9.5 * 3_600_000),
      })
      .returning({ id: spotChecks.id });
    const unfinished = i === CHECKED.length - 1 ? 2 : 0;
    await db.insert(spotCheckItems).values(
      sample.map((c, k) => {
        if (k >= sample.length - unfinished) return { spotCheckId: check.id, certificationId: c.id };
        const compliant = k % 6 !== 3; // about one in six 不合规
        return {
          spotCheckId: check.id,
          certificationId: c.id,
          verdict: compliant ? ('compliant' as const) : ('non_compliant' as const),
          note: compliant ? null : NON_COMPLIANT_NOTES[(i + k) % NON_COMPLIANT_NOTES.length],
          decidedBy: o.supervisorId,
          decidedAt: new Date(shanghaiDayStart(addDays(drawnOn, 1 + (k % 3))).getTime() + 10 * 3_600_000),
        };
      }),
    );
  }
}
