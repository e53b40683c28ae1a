/** Every kind of audit row the portal writes, with its Chinese label for the audit page. */
export const AUDIT_ACTIONS = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.locked': '账户锁定',
  'person.reveal_id': '查看完整身份证号',
  'enrollment.create': '登记参保',
  'enrollment.update': '更正参保',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.reset_password': '重置密码',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
