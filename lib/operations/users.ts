import { z } from 'zod';
import type { Executor } from '@/db';
import {
  createUser,
  districtExists,
  findTown,
  getUserById,
  hospitalExists,
  listAllTowns,
  listDistricts,
  listHospitalsBrief,
  listUsers,
  lockActiveAdminIds,
  setDisabled,
  setPassword,
  unlockUser,
  updateUser,
  usernameTaken,
  type UserPublic,
  type UserScopeValues,
} from '@/db/queries/users';
import { lockPasswordHash, setOwnPassword } from '@/db/queries/sessions';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/types';
import { defineOperation, forbidden, notFound, OperationError } from '@/lib/server/operation';
import { isUniqueViolation } from '@/lib/server/pg-errors';
import {
  changeOwnPasswordSchema,
  createUserSchema,
  resetPasswordSchema,
  setUserDisabledSchema,
  unlockUserSchema,
  updateUserSchema,
  userListQuerySchema,
} from '@/lib/schemas/users';

/** What an audit row records about an account: never the password hash. */
function auditView(u: UserPublic) {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    districtCode: u.districtCode,
    townCode: u.townCode,
    hospitalId: u.hospitalId,
    disabled: u.disabled,
  };
}

/** The scope references must exist, and a town must lie in the chosen district. */
async function checkScopeReferences(db: Executor, v: UserScopeValues) {
  if (v.districtCode && !(await districtExists(db, v.districtCode))) throw new OperationError(400, '所选区县不存在');
  if (v.townCode) {
    const town = await findTown(db, v.townCode);
    if (!town) throw new OperationError(400, '所选镇街不存在');
    if (town.districtCode !== v.districtCode) throw new OperationError(400, '所选镇街不属于该区县');
  }
  if (v.hospitalId != null && !(await hospitalExists(db, v.hospitalId)))
    throw new OperationError(400, '所选医院不存在');
}

/**
 * Locks the enabled admins' rows first (always in the same order, so two admins acting on each other
 * wait rather than deadlock), then the target row. The caller must still be an enabled admin.
 */
async function lockForAdminChange(db: Executor, actor: SessionUser, id: number) {
  const admins = await lockActiveAdminIds(db);
  if (!admins.includes(actor.id)) throw forbidden();
  const target = await getUserById(db, id, { forUpdate: true });
  if (!target) throw notFound('用户');
  return { admins, target };
}

/** A role or scope change ends the account's sessions (they were issued under the old one). */
const scopeChanged = (a: UserScopeValues, b: UserScopeValues) =>
  a.role !== b.role || a.districtCode !== b.districtCode || a.townCode !== b.townCode || a.hospitalId !== b.hospitalId;

/** Refuses a change that would leave no enabled admin. */
function ensureAnotherAdmin(admins: number[], target: UserPublic) {
  if (!admins.some((id) => id !== target.id)) throw new OperationError(409, '至少须保留一名可用的系统管理员');
}

export const listUsersOp = defineOperation({
  name: 'users.list',
  permission: 'user.manage',
  kind: 'read',
  input: userListQuerySchema,
  handler: ({ db }, q) => listUsers(db, q),
});

export const userFormOptionsOp = defineOperation({
  name: 'users.formOptions',
  permission: 'user.manage',
  kind: 'read',
  input: z.object({}),
  async handler({ db }) {
    const [districts, towns, hospitals] = await Promise.all([
      listDistricts(db),
      listAllTowns(db),
      listHospitalsBrief(db),
    ]);
    return { districts, towns, hospitals };
  },
});

export const createUserOp = defineOperation({
  name: 'users.create',
  permission: 'user.manage',
  kind: 'write',
  input: createUserSchema,
  async handler({ db, audit }, { password, ...input }) {
    if (await usernameTaken(db, input.username)) throw new OperationError(409, '用户名已存在');
    await checkScopeReferences(db, input);
    const passwordHash = await hashPassword(password);
    let created: UserPublic;
    try {
      created = await createUser(db, { ...input, passwordHash });
    } catch (err) {
      if (isUniqueViolation(err)) throw new OperationError(409, '用户名已存在');
      throw err;
    }
    await audit({ action: 'user.create', entityType: 'user', entityId: created.id, after: auditView(created) });
    return created;
  },
});

export const updateUserOp = defineOperation({
  name: 'users.update',
  permission: 'user.manage',
  kind: 'write',
  input: updateUserSchema,
  async handler({ user, db, audit }, { id, ...values }) {
    if (id === user.id && values.role !== 'admin') throw new OperationError(409, '不能取消自己的系统管理员角色');
    const { admins, target } = await lockForAdminChange(db, user, id);
    if (target.role === 'admin' && values.role !== 'admin' && !target.disabled) ensureAnotherAdmin(admins, target);
    await checkScopeReferences(db, values);
    const updated = await updateUser(db, id, values, { endSessions: scopeChanged(target, values) });
    await audit({
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before: auditView(target),
      after: auditView(updated),
    });
    return updated;
  },
});

export const resetPasswordOp = defineOperation({
  name: 'users.resetPassword',
  permission: 'user.manage',
  kind: 'write',
  input: resetPasswordSchema,
  async handler({ user, db, audit }, { id, newPassword }) {
    const { target } = await lockForAdminChange(db, user, id);
    const updated = await setPassword(db, id, await hashPassword(newPassword));
    // Only the lock state is recorded: the hash (old or new) never goes into the audit log.
    await audit({
      action: 'user.reset_password',
      entityType: 'user',
      entityId: id,
      before: { failedAttempts: target.failedAttempts, lockedUntil: target.lockedUntil },
      after: {
        failedAttempts: updated.failedAttempts,
        lockedUntil: updated.lockedUntil,
        mustChangePassword: updated.mustChangePassword,
      },
    });
    return { id: updated.id };
  },
});

/**
 * Every signed-in user changes their own password (the old one proves it is them); the only
 * operation open while a change is due. Ends every session of the account, this one too.
 */
export const changeOwnPasswordOp = defineOperation({
  name: 'users.changeOwnPassword',
  permission: 'account.self',
  kind: 'write',
  input: changeOwnPasswordSchema,
  whilePasswordChangeDue: true,
  async handler({ user, db, audit }, { oldPassword, newPassword }) {
    const hash = await lockPasswordHash(db, user.id);
    if (!hash) throw notFound('用户');
    if (!(await verifyPassword(hash, oldPassword))) throw new OperationError(400, '原密码不正确');
    await setOwnPassword(db, user.id, await hashPassword(newPassword));
    await audit({
      action: 'user.change_password',
      entityType: 'user',
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword ?? false },
      after: { mustChangePassword: false },
    });
    return { id: user.id };
  },
});

export const setUserDisabledOp = defineOperation({
  name: 'users.setDisabled',
  permission: 'user.manage',
  kind: 'write',
  input: setUserDisabledSchema,
  async handler({ user, db, audit }, { id, disabled }) {
    if (disabled && id === user.id) throw new OperationError(409, '不能停用自己的账户');
    const { admins, target } = await lockForAdminChange(db, user, id);
    if (target.disabled === disabled) return target;
    if (disabled && target.role === 'admin') ensureAnotherAdmin(admins, target);
    const updated = await setDisabled(db, id, disabled);
    await audit({
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: id,
      before: { disabled: target.disabled },
      after: { disabled: updated.disabled },
    });
    return updated;
  },
});

/**
 * Lifts a lockout without touching the password: how another admin lets a locked-out admin (or
 * anyone) back in before the 15 minutes are over.
 */
export const unlockUserOp = defineOperation({
  name: 'users.unlock',
  permission: 'user.manage',
  kind: 'write',
  input: unlockUserSchema,
  async handler({ user, db, audit }, { id }) {
    const { target } = await lockForAdminChange(db, user, id);
    const updated = await unlockUser(db, id);
    await audit({
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      before: { failedAttempts: target.failedAttempts, lockedUntil: target.lockedUntil },
      after: { failedAttempts: updated.failedAttempts, lockedUntil: updated.lockedUntil },
    });
    return { id: updated.id };
  },
});

/** Every user-management operation, for the role-matrix test. */
export const userOperations = [
  listUsersOp,
  userFormOptionsOp,
  createUserOp,
  updateUserOp,
  resetPasswordOp,
  setUserDisabledOp,
  unlockUserOp,
  changeOwnPasswordOp,
];
