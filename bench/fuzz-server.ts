/**
 * The upload fuzzer's portal (bench/fuzz-imports.ts): the built app started as the e2e suite
 * starts it (scripts/serve.ts, production mode) with its output captured to a log, a next-auth
 * credentials login over HTTP, and exact row counts of every table in one statement.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

export interface Portal {
  baseUrl: string;
  log: string;
  proc: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts the built app in `appDir` on `port` against `databaseUrl`; resolves once /login answers.
 * PORTAL_NODE_ARGS: Node flags for the portal, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it
 * (NODE_OPTIONS does not allow --cpu-prof).
 */
export async function startPortal(appDir: string, port: number, databaseUrl: string, log: string): Promise<Portal> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const out = fs.openSync(log, 'w');
  const proc = spawn(
    path.join(appDir, 'node_modules', '.bin', 'tsx'),
    [
      ...(process.env.PORTAL_NODE_ARGS ? process.env.PORTAL_NODE_ARGS.split(' ') : []),
      'scripts/serve.ts',
      '-p',
      String(port),
    ],
    {
      cwd: appDir,
      detached: true, // its own process group: stopped as a whole
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'fuzz-secret-not-for-production',
        PORT: String(port),
      },
    },
  );
  let exited = false;
  proc.on('exit', () => (exited = true));
  const stop = async () => {
    if (exited || proc.pid === undefined) return;
    process.kill(-proc.pid, 'SIGTERM');
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) process.kill(-proc.pid, 'SIGKILL');
  };
  for (let i = 0; i < 600; i++) {
    if (exited) throw new Error(`门户启动失败，见日志 ${log}`);
    try {
      if ((await fetch(`${baseUrl}/login`)).ok) return { baseUrl, log, proc, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`门户 120 秒内未就绪，见日志 ${log}`);
}

/** Logs in through next-auth's credentials flow; returns the Cookie header to send. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true', callbackUrl: `${baseUrl}/` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`登录失败（${res.status}）`);
  return cookie();
}

/** Tables whose rows are the record of an attempt, not data: every request adds to them by design. */
export const LOG_TABLES = new Set(['audit_log', 'request_keys']);

export interface Counter {
  /** Exact row count of every table of the public schema. */
  counts: () => Promise<Map<string, number>>;
  /** Imports still `running`. */
  running: () => Promise<number>;
  /** Waits (≤ 30 s) until an imported upload is deleted: that happens just after the import completes. */
  uploadGone: (uploadId: string) => Promise<void>;
  close: () => Promise<void>;
}

export async function counter(databaseUrl: string): Promise<Counter> {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`;
  const query = tables
    .map(({ name }) => `select '${name}' as t, count(*)::int as n from public."${name.replace(/"/g, '""')}"`)
    .join(' union all ');
  return {
    counts: async () => new Map((await sql.unsafe<{ t: string; n: number }[]>(query)).map((r) => [r.t, r.n])),
    running: async () =>
      (await sql<{ n: number }[]>`select count(*)::int as n from imports where status = 'running'`)[0].n,
    uploadGone: async (uploadId) => {
      for (let i = 0; i < 300; i++) {
        if ((await sql`select 1 from uploads where id = ${uploadId}`).length === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => sql.end(),
  };
}

/** Tables whose count changed beyond what `allowed` permits (table → expected change). */
export function unexpectedChanges(
  before: Map<string, number>,
  after: Map<string, number>,
  allowed: Record<string, number> = {},
): string[] {
  const out: string[] = [];
  for (const [t, n] of after) {
    if (LOG_TABLES.has(t)) continue;
    const delta = n - (before.get(t) ?? 0);
    if (delta !== (allowed[t] ?? 0)) out.push(`${t} ${delta >= 0 ? '+' : ''}${delta}`);
  }
  return out;
}
