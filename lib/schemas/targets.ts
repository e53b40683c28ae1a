import { z } from 'zod';
import { shanghaiYear } from '@/lib/domain/shanghai-day';
import { blankToUndefined as blank } from './fields';

const year = z.coerce.number({ message: '年度有误' }).int('年度有误').min(2000, '年度有误').max(2100, '年度有误');
const count = (label: string) =>
  z.coerce
    .number({ message: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(100_000_000, `${label}过大`);

/** targets.list: the year (this year by default). */
export const targetsListSchema = z.object({
  year: z.preprocess(
    blank,
    year.default(() => shanghaiYear()),
  ),
});

/** targets.save: one town's figures for a year (upsert). */
export const targetSaveSchema = z.object({
  year,
  townCode: z.string({ message: '请选择镇街' }).regex(/^\d{9}$/, '镇街代码应为 9 位数字'),
  residentPopulation: count('常住人口'),
  insuredTarget: count('参保任务数'),
  expansionTarget: count('扩面任务数'),
});
export type TargetSaveInput = z.infer<typeof targetSaveSchema>;
