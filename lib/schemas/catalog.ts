import { z } from 'zod';
import { blankToUndefined, dayField as date, idField as id } from './fields';
import { DISEASE_CODE_RE, MAX_VALIDITY_MONTHS, versionContentProblem, type VersionRules } from '@/lib/domain/catalog';
import { isValidHospitalCode } from '@/lib/domain/certification';

/** '' / undefined / null from a form or the URL all mean "not given". */
const blankToNull = (v: unknown) => (v === '' || v === undefined || v === null ? null : v);

/** 'true' / 'false' in the URL. */
const flag = z.preprocess(
  (v) => (v === 'true' ? true : v === 'false' ? false : blankToUndefined(v)),
  z.boolean().optional(),
);
const search = z
  .string()
  .trim()
  .max(50, '搜索内容不超过 50 字')
  .optional()
  .transform((v) => (v ? v : undefined));
const longText = (label: string) =>
  z.preprocess(blankToNull, z.string().trim().max(2000, `${label}不超过 2000 字`).nullable());

export const diseaseCodeSchema = z
  .string({ message: '请填写病种编码' })
  .trim()
  .toUpperCase()
  .regex(DISEASE_CODE_RE, '病种编码应为 1 位大写字母加 5 位数字，如 M00503');

export const DISEASE_KINDS = ['chronic', 'special'] as const;

const versionShape = {
  code: diseaseCodeSchema,
  effectiveFrom: date('生效日期'),
  name: z.string({ message: '请填写病种名称' }).trim().min(1, '请填写病种名称').max(100, '病种名称不超过 100 字'),
  kind: z.enum(DISEASE_KINDS, { message: '请选择门慢或门特' }),
  forResident: z.boolean({ message: '适用险种有误' }),
  forEmployee: z.boolean({ message: '适用险种有误' }),
  reviewExempt: z.boolean({ message: '免复审标志有误' }),
  validityMonths: z.preprocess(
    (v) => (blankToNull(v) === null ? null : Number(v)),
    z
      .number({ message: '认定有效期应为整数月' })
      .int('认定有效期应为整数月')
      .min(1, '认定有效期至少 1 个月')
      .max(MAX_VALIDITY_MONTHS, `认定有效期不超过 ${MAX_VALIDITY_MONTHS} 个月`)
      .nullable(),
  ),
  entryCriteria: longText('准入标准'),
  requiredEvidence: longText('所需材料'),
  active: z.boolean({ message: '启用状态有误' }),
};

function checkContent(v: VersionRules, ctx: z.RefinementCtx) {
  const problem = versionContentProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
}

/** A review-exempt disease has no validity: a number left in the form is dropped. */
const normalizeValidity = <T extends VersionRules>(v: T): T => (v.reviewExempt ? { ...v, validityMonths: null } : v);

/** A new disease and its first version; a change is a new version (same shape, existing code). */
export const diseaseVersionSchema = z.object(versionShape).superRefine(checkContent).transform(normalizeValidity);
export type DiseaseVersionInput = z.infer<typeof diseaseVersionSchema>;

export const catalogQuerySchema = z.object({
  q: search,
  kind: z.preprocess(blankToUndefined, z.enum(DISEASE_KINDS, { message: '病种类别有误' }).optional()),
  active: flag,
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const diseaseRefSchema = z.object({ code: diseaseCodeSchema });

export const HOSPITAL_LEVELS = ['level1', 'level2', 'level3'] as const;

const hospitalShape = {
  code: z
    .string({ message: '请填写医疗机构编码' })
    .trim()
    .toUpperCase()
    .refine(isValidHospitalCode, '医疗机构编码应为 H + 6 位地区代码 + 5 位流水号，如 H37100300001'),
  name: z.string({ message: '请填写医院名称' }).trim().min(1, '请填写医院名称').max(100, '医院名称不超过 100 字'),
  level: z.enum(HOSPITAL_LEVELS, { message: '请选择医院等级' }),
};

export const createHospitalSchema = z.object(hospitalShape);
export const updateHospitalSchema = z.object({ id: id('医院'), ...hospitalShape });
export type HospitalInput = z.infer<typeof createHospitalSchema>;

export const hospitalRefSchema = z.object({ id: id('医院') });
export const setHospitalActiveSchema = z.object({ id: id('医院'), active: z.boolean({ message: '启用状态有误' }) });

export const hospitalQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: search,
  level: z.preprocess(blankToUndefined, z.enum(HOSPITAL_LEVELS, { message: '医院等级有误' }).optional()),
  active: flag,
});
export type HospitalQuery = z.infer<typeof hospitalQuerySchema>;

export const grantDelegationSchema = z.object({
  hospitalId: id('医院'),
  diseaseCode: diseaseCodeSchema,
  validFrom: date('授权开始日期'),
  validTo: z.preprocess(blankToNull, date('授权终止日期').nullable()),
});

export const cancelDelegationSchema = z.object({
  hospitalId: id('医院'),
  diseaseCode: diseaseCodeSchema,
  validFrom: date('授权开始日期'),
});

export const endDelegationSchema = z.object({
  hospitalId: id('医院'),
  diseaseCode: diseaseCodeSchema,
  validFrom: date('授权开始日期'),
  validTo: date('终止日期'),
});
