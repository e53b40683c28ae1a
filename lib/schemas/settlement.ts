/** Inputs of the 一站式结算 operations: a stay, its correction and cancellation, the lists, the policy. */
import { z } from 'zod';
import { yuanToFen } from '@/lib/domain/money';
import { blankToUndefined as blank, dayField, idField } from './fields';

/** A 元 amount ("1234.56") → fen. */
const yuan = (label: string) =>
  z.union([z.string(), z.number()], { message: `请填写${label}` }).transform((v, ctx) => {
    const fen = yuanToFen(v);
    if (fen === null) {
      ctx.addIssue({ code: 'custom', message: `${label}应为不小于 0 的金额（元，最多两位小数）` });
      return z.NEVER;
    }
    return fen;
  });

const reason = z.string({ message: '请填写原因' }).trim().min(2, '请填写原因').max(300, '原因过长');

const stayFields = {
  hospitalId: idField('医疗机构'),
  settlementDate: dayField('结算日期'),
  admissionDate: z.preprocess(blank, dayField('入院日期').optional()),
  total: yuan('医疗费总额'),
  policyRange: yuan('合规费用'),
  level: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3)], { message: '医院等级有误' })),
  tier: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)], { message: '缴费档次有误' })),
  referral: z.preprocess((v) => v === true || v === 'true' || v === '1' || v === 'on', z.boolean()),
  sourceSettlementId: z.preprocess(blank, z.string().trim().max(40).optional()),
  note: z.preprocess(blank, z.string().trim().max(300, '备注过长').optional()),
};
const checkFigures = <T extends { total: number; policyRange: number }>(v: T) => v.policyRange <= v.total;
const FIGURES = { message: '合规费用不能大于医疗费总额', path: ['policyRange'] };

const idNumber = z.string({ message: '请输入身份证号' }).trim().min(1, '请输入身份证号').max(30);

export const stayInputSchema = z.object({ idNumber, ...stayFields }).refine(checkFigures, FIGURES);
export type StayInput = z.infer<typeof stayInputSchema>;

export const stayCorrectSchema = z.object({ id: idField('结算'), ...stayFields, reason }).refine(checkFigures, FIGURES);
export type StayCorrectInput = z.infer<typeof stayCorrectSchema>;

export const stayCancelSchema = z.object({ id: idField('结算'), reason });

/** What a preview shows: a new stay, a correction or a cancellation, before it is saved. */
export const stayPreviewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('save'), stay: stayInputSchema }),
  z.object({ kind: z.literal('correct'), stay: stayCorrectSchema }),
  z.object({ kind: z.literal('cancel'), stay: stayCancelSchema }),
]);

const year = z.preprocess(
  blank,
  z.coerce.number({ message: '年度有误' }).int().min(2000, '年度有误').max(2100, '年度有误'),
);

export const personYearSchema = z.object({ idNumber, year });

export const stayListSchema = z.object({
  year: z.preprocess(blank, year.optional()),
  status: z.preprocess(blank, z.enum(['saved', 'cancelled']).optional()),
  name: z.preprocess(blank, z.string().trim().max(50).optional()),
  hospitalId: z.preprocess(blank, idField('医疗机构').optional()),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const stayIdSchema = z.object({ id: idField('结算') });

const fen = z.number().int().min(0).max(100_000_000_000);
const bp = z.number().int().min(0).max(10_000);
const byLevel = <T extends z.ZodType>(t: T) => z.object({ 1: t, 2: t, 3: t });

/** Every parameter of a year's policy: fen and basis points. */
export const policyParamsSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  basic: z.object({
    referralShareBp: bp,
    deductibleFen: byLevel(fen),
    tier1: z.object({ rateBp: byLevel(bp), annualCapFen: fen }),
    tier2: z.object({ splitFen: fen, rateLowBp: byLevel(bp), rateHighBp: byLevel(bp), annualCapFen: fen }),
  }),
  critical: z.object({
    bands: z
      .array(z.object({ fromFen: fen, rateBp: bp }))
      .min(1)
      .max(10),
    annualCapFen: fen.nullable(),
  }),
  hospitalWaiver: z.object({ rateBp: bp, annualCapFen: fen }),
  assistance: z.object({ thresholdFen: fen, rateBp: bp, annualCapFen: fen }),
  commercial: z.object({ burdenBp: bp, annualCapFen: fen }),
  reAssistance: z.object({ thresholdFen: fen, rateBp: bp, annualCapFen: fen }),
  localDefaults: z.array(z.string().max(60)).max(30),
});

export const policySaveSchema = z.object({
  params: policyParamsSchema,
  docRef: z.string({ message: '请填写文号或依据' }).trim().min(2, '请填写文号或依据').max(200),
  note: z.preprocess(blank, z.string().trim().max(300).optional()),
});

export const policyPreviewSchema = z.object({ params: policyParamsSchema });
