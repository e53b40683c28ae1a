import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit-actions';

const AUDIT_ACTION_KEYS = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** '' in the URL or a form means "not given". */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** A real calendar day written YYYY-MM-DD (2024-02-30 is refused, not rolled over). */
const isoDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${label}不是有效日期`);

/** Audit log search: the same shape in the URL, the API and the query layer. */
export const auditQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
    personId: z.preprocess(blankToUndefined, z.coerce.number().int('人员编号有误').positive('人员编号有误').optional()),
    username: z.preprocess(blankToUndefined, z.string().trim().max(50, '用户名不超过 50 字').optional()),
    action: z.preprocess(blankToUndefined, z.enum(AUDIT_ACTION_KEYS, { message: '操作类型有误' }).optional()),
    from: z.preprocess(blankToUndefined, isoDate('开始日期').optional()),
    to: z.preprocess(blankToUndefined, isoDate('结束日期').optional()),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
