/**
 * What the login form says. Every refused login gets the same message — unknown user, wrong
 * password, locked or disabled account, too many attempts from one address — so that the answer
 * tells nobody which accounts exist or what state they are in (the audit log records the reason).
 */
export const LOGIN_FAILED = '用户名或密码错误，或账户暂不可用；如多次失败请联系系统管理员';
export const LOGIN_EMPTY = '请输入用户名和密码';
