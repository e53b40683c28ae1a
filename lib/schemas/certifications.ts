import { z } from 'zod';
import { blankToUndefined as blank, dayField as day, idField as id } from './fields';

export const CERT_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export const CERT_SORT_KEYS = ['filedAt', 'decidedAt', 'endDate'] as const;
export type CertSortKey = (typeof CERT_SORT_KEYS)[number];
/** The 待复审 tab: approved, not review-exempt, ending within this many days. */
export const REVIEW_WINDOW_DAYS = 60;

/** The agency's certification list: the same shape in the URL, the API, the export and the query layer. */
export const certListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  hospitalId: z.preprocess(blank, id('医院').optional()),
  diseaseCode: z.preprocess(blank, z.string().trim().max(16).optional()),
  status: z.preprocess(blank, z.enum(CERT_STATUSES, { message: '认定状态有误' }).optional()),
  /** Filed on or after this Shanghai day. */
  from: z.preprocess(blank, day('申请开始日期').optional()),
  /** Filed on or before this Shanghai day. */
  to: z.preprocess(blank, day('申请结束日期').optional()),
  townCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
      .optional(),
  ),
  dueWithinDays: z.preprocess(
    blank,
    z.coerce.number().int('天数应为整数').min(0, '天数不能为负').max(366, '天数不超过 366').optional(),
  ),
  /** Default: filedAt desc; endDate asc when dueWithinDays is set. */
  sort: z.preprocess(blank, z.enum(CERT_SORT_KEYS).optional()),
  order: z.preprocess(blank, z.enum(['asc', 'desc']).optional()),
});
export type CertListQuery = z.infer<typeof certListQuerySchema>;
export const certExportQuerySchema = certListQuerySchema.omit({ page: true, pageSize: true });

export const certIdSchema = z.object({ id: id('认定') });
export const revokeSchema = z.object({
  id: id('认定'),
  reason: z.string({ message: '请填写撤销原因' }).trim().min(1, '请填写撤销原因').max(500, '撤销原因不超过 500 字'),
});

export const spotCheckIdSchema = z.object({ id: id('抽查') });
export const drawSpotCheckSchema = z.object({
  hospitalId: id('医院'),
  from: day('抽查期间开始日期'),
  to: day('抽查期间结束日期'),
  percent: z.preprocess(
    blank,
    z.coerce
      .number()
      .int('抽查比例应为 1–100 的整数')
      .min(1, '抽查比例应为 1–100 的整数')
      .max(100, '抽查比例应为 1–100 的整数')
      .optional(),
  ),
  count: z.preprocess(
    blank,
    z.coerce
      .number()
      .int('抽查数量应为正整数')
      .min(1, '抽查数量应为正整数')
      .max(10_000, '抽查数量不超过 10000')
      .optional(),
  ),
  /** Given: reproduce an earlier draw; otherwise a fresh random seed. */
  seed: z.preprocess(blank, z.string().trim().min(1).max(100, '种子不超过 100 个字符').optional()),
  note: z.preprocess(blank, z.string().trim().max(500, '备注不超过 500 字').optional()),
});
export const VERDICTS = ['compliant', 'non_compliant'] as const;
export const verdictSchema = z.object({
  spotCheckId: id('抽查'),
  certificationId: id('认定'),
  verdict: z.enum(VERDICTS, { message: '请选择合规或不合规' }),
  note: z.preprocess(blank, z.string().trim().max(500, '说明不超过 500 字').optional()),
});
