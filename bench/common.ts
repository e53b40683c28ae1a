/** Small helpers shared by the benchmark scripts. */
import type { Sql } from 'postgres';
import type { Db } from '@/db';

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
  if (!LOCAL_HOSTS.includes(host)) fail(`拒绝在非本机数据库服务器上运行基准测试：${host}（仅允许 127.0.0.1、localhost、::1）`);
  return base;
}

/** The postgres.js client under a createDb handle (drizzle sets `$client`; the Db type omits it). Needed for COPY. */
export const rawClient = (db: Db): Sql => (db as Db & { $client: Sql }).$client;

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
