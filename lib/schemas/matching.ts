import { z } from 'zod';
import { blankToUndefined as blank, dayField as day, idField as id } from './fields';
import { MATCH_CLASSES } from '@/lib/domain/classification';
import { POVERTY_SOURCES } from '@/lib/domain/list-row';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const POVERTY_SOURCE_KEYS = Object.keys(POVERTY_SOURCES) as [
  keyof typeof POVERTY_SOURCES,
  ...(keyof typeof POVERTY_SOURCES)[],
];

export const listIdSchema = z.object({ id: id('名单') });

export const listRowsQuerySchema = z.object({
  id: id('名单'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  matchClass: z.preprocess(blank, z.enum(MATCH_CLASSES as [string, ...string[]]).optional()),
  townCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
      .optional(),
  ),
  name: z.preprocess(blank, z.string().trim().max(50).optional()),
});

/** What the uploader states about a list file (the file itself is streamed by the upload route). */
export const listUploadSchema = z.object({
  source: z.enum(POVERTY_SOURCE_KEYS, { message: '请选择名单来源' }),
  listDate: date,
  year: z.coerce.number().int().min(2015, '年度有误').max(2100, '年度有误'),
  fileName: z.string().trim().min(1, '缺少文件名').max(255).optional(),
});

export const importIdSchema = z.object({ id: id('导入') });
export const suggestionIdSchema = z.object({ id: id('匹配建议') });

export const CASE_EXEMPT_REASONS = [
  'deceased',
  'enrolled_elsewhere',
  'employee_scheme',
  'military_service',
  'imprisoned',
  'emigrated',
  'duplicate',
] as const;

export const caseQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** 'all' (the worklist's URL value for every status) is no status filter. */
  status: z.preprocess((v) => (v === 'all' ? undefined : blank(v)), z.enum(['open', 'closed']).optional()),
  townCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/)
      .optional(),
  ),
  mine: z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).default(false),
  overdue: z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).default(false),
  /** Opened on or after / on or before these Shanghai days. */
  openedFrom: z.preprocess(blank, day('新增开始日期').optional()),
  openedTo: z.preprocess(blank, day('新增结束日期').optional()),
  /** Closed (销号) on or after / on or before these Shanghai days. */
  closedFrom: z.preprocess(blank, day('销号开始日期').optional()),
  closedTo: z.preprocess(blank, day('销号结束日期').optional()),
});

export const caseIdSchema = z.object({ id: id('任务') });
export const assignCasesSchema = z.object({
  ids: z.array(id('任务')).min(1, '请选择任务').max(500, '一次最多分派 500 条'),
  assigneeId: id('经办人'),
});
export const updateCaseSchema = z.object({
  id: id('任务'),
  dueDate: date.optional(),
  note: z.string().trim().max(500, '备注不超过 500 字').optional(),
});
export const closeCaseSchema = z.object({
  id: id('任务'),
  reason: z.enum(CASE_EXEMPT_REASONS, { message: '请选择无需参保的原因' }),
  note: z.string().trim().max(500, '说明不超过 500 字').optional(),
});
export const reopenCaseSchema = z.object({
  id: id('任务'),
  note: z.string().trim().min(1, '请填写重新打开的原因').max(500),
});
