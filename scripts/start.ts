/**
 * `npm start`: the portal on http://localhost:3000. Without DATABASE_URL it starts the embedded
 * PostgreSQL in .data/pg and seeds the demo data (refused in production unless DEMO_DATA=1); with
 * DATABASE_URL it uses that server (demo data only with DEMO_DATA=1). Migrations are applied at
 * every start. Builds the app when needed. The decision is `startPlan` (lib/domain/start-policy.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startPlan } from '@/lib/domain/start-policy';
import { ensureDatabase, startEmbeddedDb } from './embedded-db';
import { prepareDatabase } from './prepare-db';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const nextBin = path.join(root, 'node_modules', '.bin', 'next');

function secret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(root, '.data', 'nextauth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
  const plan = startPlan(process.env);
  if (!plan.ok) {
    console.error(`[start] ${plan.message}`);
    process.exit(1);
  }
  const { demo } = plan;
  let stopDb = async () => {};
  let url = process.env.DATABASE_URL ?? '';
  if (plan.embedded) {
    const embedded = await startEmbeddedDb(
      path.join(root, '.data', 'pg'),
      Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    );
    stopDb = embedded.stop;
    url = process.env.DATABASE_URL = await ensureDatabase(embedded.serverUrl, 'portal');
    console.log('[db] 使用内置数据库 .data/pg');
  }
  await prepareDatabase(url, { demo });
  console.log(demo ? '[db] 迁移与演示数据已就绪' : '[db] 迁移已完成');

  const env = {
    ...process.env,
    NEXTAUTH_SECRET: secret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
  };
  if (!dev && !fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.log('[next] 首次启动，正在构建…');
    const build = spawnSync(nextBin, ['build'], { stdio: 'inherit', env });
    if (build.status !== 0) throw new Error('next build 失败');
  }
  // scripts/serve.ts: Next.js with the TCP peer recorded for the audit log and the login rate limit.
  const serveArgs = [
    path.join(root, 'scripts', 'serve.ts'),
    ...(dev ? ['--dev'] : []),
    '-p',
    process.env.PORT ?? '3000',
  ];
  const server = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), serveArgs, { stdio: 'inherit', env });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    server.kill('SIGTERM');
    await stopDb();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.on('exit', (code) => void stop(code ?? 0));
}

main().catch((err) => {
  console.error('[start] 启动失败：', err);
  process.exit(1);
});
