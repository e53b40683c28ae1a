import { passwordProblem } from './password-policy';

/** What `npm start` looks at. */
export interface StartEnv {
  NODE_ENV?: string;
  PORTAL_ENV?: string;
  DATABASE_URL?: string;
  DEMO_DATA?: string;
  INITIAL_ADMIN_PASSWORD?: string;
}

export type StartPlan = { ok: true; embedded: boolean; demo: boolean } | { ok: false; message: string };

export const isProduction = (env: StartEnv) => env.NODE_ENV === 'production' || env.PORTAL_ENV === 'production';

/**
 * Decides how `npm start` prepares the database (pure). The embedded database gets the demo data —
 * accounts with a published password — only outside production, unless DEMO_DATA=1 asks for it;
 * a server named by DATABASE_URL gets it only with DEMO_DATA=1. Without demo data the first admin
 * comes from INITIAL_ADMIN_PASSWORD, which must meet the password policy.
 */
export function startPlan(env: StartEnv): StartPlan {
  const embedded = !env.DATABASE_URL;
  const asked = env.DEMO_DATA === '1';
  if (embedded && isProduction(env) && !asked) {
    return {
      ok: false,
      message:
        '生产环境（NODE_ENV 或 PORTAL_ENV 为 production）拒绝使用内置数据库：内置数据库会写入演示账户，其密码是公开的。' +
        '请设置 DATABASE_URL 连接正式数据库并用 INITIAL_ADMIN_PASSWORD 创建首个管理员；确需演示时请设置 DEMO_DATA=1。',
    };
  }
  const demo = asked || embedded;
  if (!demo && env.INITIAL_ADMIN_PASSWORD !== undefined) {
    const problem = passwordProblem(env.INITIAL_ADMIN_PASSWORD);
    if (problem) {
      return {
        ok: false,
        message: `INITIAL_ADMIN_PASSWORD 不符合密码规则（${problem}），未启动：请设置至少 8 位、同时包含字母和数字的初始密码。`,
      };
    }
  }
  return { ok: true, embedded, demo };
}
