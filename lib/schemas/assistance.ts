/** Inputs of the 医疗救助 operations: the list (URL, API and query share it), manual entry, correction and reversal. */
import { z } from 'zod';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { yuanToFen } from '@/lib/domain/money';
import { shanghaiDate, shanghaiYear } from '@/lib/domain/shanghai-day';
import { blankToUndefined as blank, dayField, idField } from './fields';

const month = (label: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ message: `${label}有误` })
      .int(`${label}有误`)
      .min(1, `${label}应为 1–12`)
      .max(12, `${label}应为 1–12`)
      .optional(),
  );

export const ASSISTANCE_CATEGORY_KEYS = [
  ...(Object.keys(PERSON_CATEGORIES) as (keyof typeof PERSON_CATEGORIES)[]),
  'none',
] as const;

/** The list's filters (also the export's and the dashboard drill-down's). */
export const assistanceFilterSchema = z
  .object({
    year: z.preprocess(
      blank,
      z.coerce
        .number({ message: '年度有误' })
        .int()
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
    medType: z.preprocess(blank, z.enum(['inpatient', 'outpatient'], { message: '医疗类别有误' }).optional()),
    category: z.preprocess(blank, z.enum(ASSISTANCE_CATEGORY_KEYS, { message: '人员类别有误' }).optional()),
    capExceeded: z.preprocess(
      (v) =>
        v === 'true' || v === '1' || v === true ? true : v === 'false' || v === '0' || v === false ? false : blank(v),
      z.boolean({ message: '超上限筛选有误' }).optional(),
    ),
    name: z.preprocess(blank, z.string().trim().max(50, '姓名过长').optional()),
  })
  .refine((v) => v.monthFrom == null || v.monthTo == null || v.monthFrom <= v.monthTo, {
    message: '起始月份不能晚于截止月份',
    path: ['monthTo'],
  });

export const assistanceListSchema = z.intersection(
  assistanceFilterSchema,
  z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  }),
);
export type AssistanceListQuery = z.infer<typeof assistanceListSchema>;

export const capReportSchema = z.object({
  year: z.preprocess(
    blank,
    z.coerce
      .number({ message: '年度有误' })
      .int()
      .min(2000)
      .max(2100)
      .default(() => shanghaiYear()),
  ),
  townCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
      .optional(),
  ),
});

/** A 元 amount with at most two decimals → fen. */
const yuan = (label: string) =>
  z.union([z.string(), z.number()], { message: `请填写${label}` }).transform((v, ctx) => {
    const fen = yuanToFen(String(v).trim());
    if (fen == null) {
      ctx.addIssue({ code: 'custom', message: `${label}应为不超过两位小数的元金额` });
      return z.NEVER;
    }
    return fen;
  });

const recordFields = {
  settlementDate: dayField('结算日期').refine((d) => d <= shanghaiDate(), '结算日期不能晚于今天'),
  medType: z.enum(['inpatient', 'outpatient'], { message: '请选择医疗类别' }),
  institutionCode: z.preprocess(blank, z.string().trim().max(30, '机构编号过长').optional()),
  institutionName: z
    .string({ message: '请填写定点医药机构名称' })
    .trim()
    .min(1, '请填写定点医药机构名称')
    .max(100, '机构名称过长'),
  totalYuan: yuan('医疗费总额'),
  policyRangeYuan: yuan('符合范围金额'),
  assistanceYuan: yuan('医疗救助金额'),
  note: z.preprocess(blank, z.string().trim().max(300, '备注过长').optional()),
};

const amountsConsistent = <T extends { totalYuan: number; policyRangeYuan: number; assistanceYuan: number }>(
  s: z.ZodType<T>,
) =>
  s
    .refine((v) => v.policyRangeYuan <= v.totalYuan, {
      message: '符合范围金额不能大于医疗费总额',
      path: ['policyRangeYuan'],
    })
    .refine((v) => v.assistanceYuan <= v.totalYuan, {
      message: '医疗救助金额不能大于医疗费总额',
      path: ['assistanceYuan'],
    });

/** 新增救助记录: the person by ID number (must be in the registry and the caller's scope). */
export const assistanceCreateSchema = amountsConsistent(
  z.object({
    idNumber: z.string({ message: '请填写证件号码' }).trim().min(1, '请填写证件号码').max(40),
    /** The real SETL_ID when known; otherwise the record gets MAN-<id>. */
    settlementId: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(40, '结算ID过长')
        .regex(/^[^\s]+$/, '结算ID不能含空格')
        .optional(),
    ),
    ...recordFields,
  }),
);

/** 更正: a settlement that stands; the person stays (a wrong person: 冲销 and enter again). */
export const assistanceUpdateSchema = amountsConsistent(
  z.object({
    id: idField('救助记录'),
    ...recordFields,
    reason: z.string({ message: '请填写更正原因' }).trim().min(2, '请填写更正原因').max(200, '更正原因过长'),
  }),
);

/** 冲销 by hand, with the reason. */
export const assistanceReverseSchema = z.object({
  id: idField('救助记录'),
  reason: z.string({ message: '请填写冲销原因' }).trim().min(2, '请填写冲销原因').max(200, '冲销原因过长'),
});
