import { z } from 'zod';
import { shanghaiYear } from '@/lib/domain/shanghai-day';
import { blankToUndefined as blank } from './fields';

const month = (label: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ message: `${label}应为 1–12` })
      .int(`${label}应为 1–12`)
      .min(1, `${label}应为 1–12`)
      .max(12, `${label}应为 1–12`)
      .optional(),
  );

const filterFields = {
  year: z.preprocess(
    blank,
    z.coerce
      .number()
      .int('年度有误')
      .min(2000, '年度有误')
      .max(2100, '年度有误')
      .default(() => shanghaiYear()),
  ),
  townCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
      .optional(),
  ),
  monthFrom: month('起始月份'),
  monthTo: month('截止月份'),
};
const monthsInOrder = (v: { monthFrom?: number; monthTo?: number }) =>
  !v.monthFrom || !v.monthTo || v.monthFrom <= v.monthTo;
const monthOrderMessage = { message: '起始月份不能晚于截止月份', path: ['monthTo'] };

/** The dashboard's filters (year: this year by default): the same shape in the URL, the API and the query layer. */
export const dashboardFilterSchema = z.object(filterFields).refine(monthsInOrder, monthOrderMessage);
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

export const DASHBOARD_PANELS = [
  'coverage',
  'listCoverage',
  'cases',
  'subsidies',
  'assistance',
  'certifications',
] as const;
export type DashboardPanel = (typeof DASHBOARD_PANELS)[number];

/** dashboard.export: one panel's data, every table of it, with the panel's filters. */
export const dashboardExportSchema = z
  .object({ ...filterFields, panel: z.enum(DASHBOARD_PANELS, { message: '请选择要导出的图表' }) })
  .refine(monthsInOrder, monthOrderMessage);
