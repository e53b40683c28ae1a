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
  'registry.import': '导入参保登记数据',
  'list.import': '导入贫困人口名单',
  'list_row.correct_id': '更正名单身份证号',
  'suggestion.confirm': '确认匹配建议',
  'suggestion.reject': '否决匹配建议',
  'case.assign': '分派销号任务',
  'case.update': '更新销号任务',
  'case.close': '销号（无需参保）',
  'case.auto_close': '自动销号（已参保）',
  'case.reopen': '重新打开销号任务',
  'case.evidence_upload': '上传证明材料',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
