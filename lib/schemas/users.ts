import { z } from 'zod';
import { passwordProblem } from '@/lib/domain/password-policy';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { Role } from '@/lib/auth/types';

export const ROLES = Object.keys(ROLE_LABELS) as [Role, ...Role[]];

const roleSchema = z.enum(ROLES, { message: '请选择角色' });
const idSchema = z.coerce.number({ message: '用户编号有误' }).int('用户编号有误').positive('用户编号有误');

/** '' / undefined / null from a form or the URL all mean "not given". */
const blankToNull = (v: unknown) => (v === '' || v === undefined || v === null ? null : v);

const districtCode = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^\d{6}$/, '区县代码应为 6 位数字')
    .nullable(),
);
const townCode = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
    .nullable(),
);
const hospitalId = z.preprocess(
  (v) => (blankToNull(v) === null ? null : Number(v)),
  z.number({ message: '请选择医院' }).int('请选择医院').positive('请选择医院').nullable(),
);

const password = (label: string) =>
  z.string({ message: `请填写${label}` }).superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const usernameSchema = z
  .string({ message: '请填写用户名' })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,30}$/, '用户名为 3-30 位字母、数字或 _ . -');

const displayName = z.string({ message: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不超过 50 字');

interface ScopeFields {
  role: Role;
  districtCode: string | null;
  townCode: string | null;
  hospitalId: number | null;
}

/** Role rules for the data scope: agency staff a district (and maybe a town), hospital staff a hospital. */
function checkScope(v: ScopeFields, ctx: z.RefinementCtx) {
  if (v.role === 'agency_staff' && !v.districtCode) {
    ctx.addIssue({ code: 'custom', message: '经办人员须选择所属区县', path: ['districtCode'] });
  }
  if (v.role === 'hospital_staff' && v.hospitalId == null) {
    ctx.addIssue({ code: 'custom', message: '医院医保工作站用户须选择所属医院', path: ['hospitalId'] });
  }
}

/** Drops scope fields that the role does not use, so the stored row always follows the role rules. */
function normalizeScope<T extends ScopeFields>(v: T): T {
  return {
    ...v,
    districtCode: v.role === 'agency_staff' ? v.districtCode : null,
    townCode: v.role === 'agency_staff' ? v.townCode : null,
    hospitalId: v.role === 'hospital_staff' ? v.hospitalId : null,
  };
}

export const userListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z
    .string()
    .trim()
    .max(50, '搜索内容不超过 50 字')
    .optional()
    .transform((v) => (v ? v : undefined)),
  role: z.preprocess((v) => (v === '' ? undefined : v), roleSchema.optional()),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

const scopeShape = { role: roleSchema, districtCode, townCode, hospitalId };

export const createUserSchema = z
  .object({ username: usernameSchema, displayName, password: password('密码'), ...scopeShape })
  .superRefine(checkScope)
  .transform(normalizeScope);
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ id: idSchema, displayName, ...scopeShape })
  .superRefine(checkScope)
  .transform(normalizeScope);
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ id: idSchema, newPassword: password('新密码') });

export const changeOwnPasswordSchema = z
  .object({
    oldPassword: z.string({ message: '请填写原密码' }).min(1, '请填写原密码'),
    newPassword: password('新密码'),
  })
  .refine((v) => v.oldPassword !== v.newPassword, { message: '新密码不能与原密码相同', path: ['newPassword'] });

export const setUserDisabledSchema = z.object({
  id: idSchema,
  disabled: z.boolean({ message: '停用状态有误' }),
});

export const unlockUserSchema = z.object({ id: idSchema });
