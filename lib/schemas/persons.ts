import { z } from 'zod';
import { shanghaiDate, shanghaiYear } from '@/lib/domain/shanghai-day';
import { YEAR_STATUS_LABELS } from '@/lib/labels';

export const PERSON_SORT_KEYS = ['name', 'birthDate', 'townCode', 'id'] as const;
export type PersonSortKey = (typeof PERSON_SORT_KEYS)[number];

const optionalText = z
  .string()
  .trim()
  .max(50)
  .optional()
  .transform((v) => (v ? v : undefined));

/** A URL flag: '1' or 'true' sets it. */
const flag = z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).default(false);

/** Person list query: the same shape in the URL, the API and the query layer. */
export const personListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .default(() => shanghaiYear()),
  townCode: z
    .string()
    .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
    .optional(),
  status: z.enum(Object.keys(YEAR_STATUS_LABELS) as [keyof typeof YEAR_STATUS_LABELS]).optional(),
  /** 扩面: an active enrollment in the year and none the year before. */
  expansion: flag,
  /** 名单人员: named by the latest version of some source's poverty list of the year. */
  listed: flag,
  name: optionalText,
  idNumber: optionalText,
  sort: z.enum(PERSON_SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type PersonListQuery = z.infer<typeof personListQuerySchema>;

export const personIdSchema = z.object({ id: z.coerce.number().int().positive('人员编号有误') });

export const enrollmentInputSchema = z
  .object({
    personId: z.coerce.number().int().positive(),
    year: z.coerce
      .number()
      .int()
      .min(2000, '年度有误')
      .refine((y) => y <= shanghaiYear() + 1, '年度不能晚于明年'),
    scheme: z.enum(['resident', 'employee'], { message: '请选择险种' }),
    tier: z.enum(['tier1', 'tier2']).nullable().optional(),
    status: z.enum(['active', 'suspended', 'terminated'], { message: '请选择参保状态' }),
    paidYuan: z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,2})?$/, '缴费金额应为不超过两位小数的元金额'),
    paidDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '缴费日期格式应为 YYYY-MM-DD')
      .nullable()
      .optional(),
  })
  .refine((v) => v.scheme !== 'resident' || v.tier, { message: '城乡居民参保须选择档次', path: ['tier'] })
  // Today in Shanghai: the UTC date is still yesterday from 00:00 to 08:00 there, and would refuse today's payment.
  .refine((v) => !v.paidDate || v.paidDate <= shanghaiDate(), {
    message: '缴费日期不能晚于今天',
    path: ['paidDate'],
  });
export type EnrollmentInput = z.infer<typeof enrollmentInputSchema>;
