import { z } from 'zod';
import { CERT_STATUSES } from './certifications';
import { blankToUndefined as blank, dayField, idField as id } from './fields';
import { isValidIcd10, normalizeIcd10 } from '@/lib/domain/certification';

const date = (label: string) => dayField(label, `请填写${label}`);
const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`);

/** The ID number is validated by the handler (lib/domain/id-number.ts gives the precise reason). */
export const lookupSchema = z.object({ idNumber: z.string({ message: '请输入身份证号' }).max(40, '身份证号过长') });

/**
 * A filing names its person only by the lookup token of the caller's lookup (lib/domain/lookup-token.ts).
 * The token is checked by the handler, not here, so that every refused one — missing, malformed or
 * not a string included — is refused the same way and audited. A `personId` (hand-made requests,
 * probes) never chooses the person: it must match the token, and it is recorded when refused.
 */
export const fileApplicationSchema = z.object({
  lookupToken: z.string().max(200).optional().catch(undefined),
  personId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  diseaseCode: z.string({ message: '请选择病种' }).trim().min(1, '请选择病种').max(16, '病种编码有误'),
  icd10Code: z
    .string({ message: '请填写 ICD-10 编码' })
    .transform(normalizeIcd10)
    .refine(isValidIcd10, 'ICD-10 编码格式错误：应为字母 + 2 位数字，可带小数部分（如 E11.9、I10）'),
  diagnosisText: text('诊断', 200),
  doctor: text('诊断医师', 50),
  diagnosisDate: date('诊断日期'),
});
export type FileApplicationInput = z.infer<typeof fileApplicationSchema>;

export const uploadCertEvidenceSchema = z.object({
  certificationId: id('申请'),
  file: z.instanceof(File, { message: '请选择证明材料文件' }),
});

export const decideSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({ id: id('申请'), decision: z.literal('approve'), startDate: date('认定开始日期') }),
    z.object({ id: id('申请'), decision: z.literal('reject'), reason: text('不予认定的原因', 500) }),
  ],
  { message: '请选择认定结论（通过或不通过）' },
);
export type DecideInput = z.infer<typeof decideSchema>;

export const filingsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.preprocess(blank, z.enum(CERT_STATUSES, { message: '状态有误' }).optional()),
  diseaseCode: z.preprocess(blank, z.string().trim().max(16).optional()),
  from: z.preprocess(blank, date('开始日期').optional()),
  to: z.preprocess(blank, date('结束日期').optional()),
  q: z.preprocess(blank, z.string().trim().max(40).optional()),
});
export type FilingsQuery = z.infer<typeof filingsQuerySchema>;

export const certIdSchema = z.object({ id: id('申请') });
export const evidenceIdSchema = z.object({ id: id('证明材料') });
