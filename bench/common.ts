/** Small helpers shared by the benchmark scripts. */
import { dropDatabase, serverUrlOf } from '@/scripts/embedded-db';

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'];

/** DATABASE_URL, which must name a server on this machine: benchmarks never target anything else. */
export function localServerUrl(): string {
  const base = process.env.DATABASE_URL;
  if (!base) fail('未设置 DATABASE_URL（例如 postgres://postgres@127.0.0.1:5432/postgres）');
  let host: string;
  try {
    host = new URL(base).hostname;
  } catch {
    fail('DATABASE_URL 不是有效的连接串');
  }
  if (!LOCAL_HOSTS.includes(host))
    fail(`拒绝在非本机数据库服务器上运行基准测试：${host}（仅允许 127.0.0.1、localhost、::1）`);
  return base;
}

export { rawClient } from '@/db';

export function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

/** A positive integer from the environment (underscores allowed: 1_000_000), or the fallback. */
export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) fail(`${name} 应为正整数，实为 "${raw}"`);
  return n;
}

/**
 * The database a registry-sized benchmark runs on: a fresh `<prefix>_<time>` database (dropped at
 * the end and on Ctrl-C unless BENCH_KEEP=1), or the kept one named by BENCH_DATABASE (reused as is:
 * no load, never dropped). `url` is set for a reused database; a fresh one is created by the caller.
 */
export function benchDatabase(prefix: string) {
  const base = localServerUrl();
  const reuse = process.env.BENCH_DATABASE;
  if (reuse !== undefined && !new RegExp(`^${prefix}_\\w+$`).test(reuse))
    fail(`BENCH_DATABASE 只能是 ${prefix}_ 开头的基准库，实为 "${reuse}"`);
  const keep = process.env.BENCH_KEEP === '1' || reuse !== undefined;
  const serverUrl = serverUrlOf(base);
  const name = reuse ?? `${prefix}_${Date.now()}`;
  let reusedUrl: string | null = null;
  if (reuse) {
    const u = new URL(base);
    u.pathname = `/${reuse}`;
    reusedUrl = u.toString();
  }
  let dropped = false;
  const cleanup = async () => {
    if (keep) console.log(`保留基准库 ${name}`);
    if (keep || dropped) return;
    dropped = true;
    await dropDatabase(serverUrl, name);
    console.log(`已删除基准库 ${name}`);
  };
  process.once('SIGINT', () => {
    console.error('\n已中断');
    cleanup().finally(() => process.exit(130));
  });
  return { serverUrl, name, reusedUrl, cleanup };
}
