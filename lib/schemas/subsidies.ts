import { z } from 'zod';
import { shanghaiYear } from '@/lib/domain/shanghai-day';
import { PERSON_CATEGORIES, type PersonCategory } from '@/lib/domain/list-row';
import { yuanToFen } from '@/lib/domain/money';
import { blankToUndefined, dayField, idField } from './fields';

export const yearField = z.coerce
  .number({ message: '请选择年度' })
  .int('年度有误')
  .min(2000, '年度有误')
  .max(2100, '年度有误');

/** A 元 amount as typed ("450", "450.50") → fen; `positive` refuses 0. */
const yuanField = (label: string, { positive = false } = {}) =>
  z.union([z.string(), z.number()], { message: `请填写${label}` }).transform((v, ctx) => {
    const fen = yuanToFen(v);
    if (fen === null || (positive && fen <= 0)) {
      ctx.addIssue({ code: 'custom', message: `${label}应为${positive ? '大于 0 的' : ''}金额（元，最多两位小数）` });
      return z.NEVER;
    }
    return fen;
  });

const docRef = z
  .string({ message: '请填写政策文号' })
  .trim()
  .min(2, '请填写政策文号（如 威医保发〔2019〕12号）')
  .max(200, '政策文号过长');

export const contributionVersionSchema = z
  .object({
    year: yearField,
    effectiveFrom: dayField('生效日期'),
    tier1Adult: yuanField('一档成年居民个人缴费'),
    tier1Minor: yuanField('一档未成年人个人缴费'),
    tier1Student: yuanField('一档大学生个人缴费'),
    tier2Adult: yuanField('二档成年居民个人缴费'),
    tier2Minor: yuanField('二档未成年人个人缴费'),
    tier2Student: yuanField('二档大学生个人缴费'),
    collectionFrom: dayField('集中缴费期开始日'),
    collectionTo: dayField('集中缴费期结束日'),
    docRef,
  })
  .refine((v) => v.collectionFrom <= v.collectionTo, {
    message: '集中缴费期的结束日不能早于开始日',
    path: ['collectionTo'],
  });
export type ContributionVersionInput = z.infer<typeof contributionVersionSchema>;

const categoryField = z.enum(Object.keys(PERSON_CATEGORIES) as [PersonCategory, ...PersonCategory[]], {
  message: '请选择人员类别',
});

export const ruleVersionSchema = z
  .object({
    year: yearField,
    category: categoryField,
    effectiveFrom: dayField('生效日期'),
    kind: z.enum(['full', 'fixed'], { message: '请选择资助方式' }),
    amount: z.preprocess(blankToUndefined, yuanField('定额资助金额', { positive: true }).optional()),
    docRef,
  })
  .refine((v) => v.kind === 'full' || v.amount !== undefined, {
    message: '定额资助须填写金额',
    path: ['amount'],
  });
export type RuleVersionInput = z.infer<typeof ruleVersionSchema>;

export const yearQuerySchema = z.object({ year: z.preprocess(blankToUndefined, yearField.optional()) });

export const generateRosterSchema = z.object({
  year: yearField,
  /** For users of the whole area: the district to prepare (district and town staff prepare their own). */
  districtCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{6}$/, '区县编码有误')
      .optional(),
  ),
});

export const batchIdSchema = z.object({ id: idField('批次') });

export const returnBatchSchema = z.object({
  id: idField('批次'),
  note: z.string({ message: '请填写退回意见' }).trim().min(2, '请填写退回意见（至少 2 个字）').max(500, '退回意见过长'),
});

export const batchListSchema = z.object({
  year: z.preprocess(blankToUndefined, yearField.optional()),
  status: z.preprocess(blankToUndefined, z.enum(['draft', 'submitted', 'returned', 'approved']).optional()),
});

export const batchLinesSchema = z.object({
  id: idField('批次'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  townCode: z.preprocess(blankToUndefined, z.string().max(9).optional()),
  category: z.preprocess(blankToUndefined, categoryField.optional()),
  kind: z.preprocess(blankToUndefined, z.enum(['roster', 'addition', 'change']).optional()),
  name: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
});

export const excludedSchema = z.object({
  year: yearField,
  districtCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  ),
});

export const refundListSchema = z.object({
  year: z.preprocess(blankToUndefined, yearField.optional()),
  status: z.preprocess(blankToUndefined, z.enum(['pending', 'refunded', 'failed']).optional()),
  townCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
      .optional(),
  ),
});

/** A masked account reference: the portal never keeps a whole account number. */
const accountRef = z
  .string({ message: '请填写退费账户' })
  .trim()
  .min(4, '请填写退费账户（开户行及卡号）')
  .max(80, '退费账户过长');

export const updateRefundSchema = z.discriminatedUnion('status', [
  z.object({ id: idField('退费记录'), status: z.literal('refunded'), date: dayField('退费日期'), accountRef }),
  z.object({
    id: idField('退费记录'),
    status: z.literal('failed'),
    date: dayField('退回日期'),
    reason: z.string({ message: '请填写退回失败原因' }).trim().min(2, '请填写退回失败原因').max(300),
  }),
  z.object({ id: idField('退费记录'), status: z.literal('pending'), accountRef }),
]);
export type UpdateRefundInput = z.infer<typeof updateRefundSchema>;

export const allocateFundSchema = z.object({
  year: yearField,
  districtCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{6}$/, '区县编码有误')
      .optional(),
  ),
  amount: yuanField('拨付金额', { positive: true }),
  note: z.string({ message: '请填写拨付文号或说明' }).trim().min(2, '请填写拨付文号或说明').max(300),
});

export const personSubsidySchema = z.object({ personId: idField('人员') });

/** The lines of every approved batch of a year (the dashboard's 缴费资助 drill-down), in the URL and the API. */
export const approvedLinesSchema = z.object({
  year: z.preprocess(
    blankToUndefined,
    yearField.default(() => shanghaiYear()),
  ),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  townCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
      .optional(),
  ),
  category: z.preprocess(blankToUndefined, categoryField.optional()),
  kind: z.preprocess(blankToUndefined, z.enum(['roster', 'addition', 'change']).optional()),
  settlement: z.preprocess(blankToUndefined, z.enum(['subsidy', 'refund', 'fund']).optional()),
});
export type ApprovedLinesQuery = z.infer<typeof approvedLinesSchema>;
