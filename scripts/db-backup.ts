/**
 * `npm run db:backup -- [--out file.dump]`: a pg_dump custom-format (-Fc) archive of the database
 * named by DATABASE_URL (unset: the embedded database `npm start` uses) — every table, evidence files
 * and uploads included (they live in Postgres), with the schema, triggers and sequence positions.
 * Beside it, `<file>.manifest.json`: every table's row count and content checksum, the sequences,
 * the audit log's bounds, taken in the dump's own snapshot, which `db:restore` checks the restore against.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { fingerprint, STABLE_TEXT_SETTINGS, type Fingerprint } from './db-fingerprint';
import { databaseName, defaultDatabase, requirePgTool, runPgTool, serverMajor, stamp } from './pg-tools';

/** The manifest's format; a change of how checksums are computed is a new one. */
export const MANIFEST_FORMAT = 'yibao-portal-backup/2';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  database: string;
  serverVersion: string;
  pgDumpMajor: number;
  fingerprint: Fingerprint;
}

export const manifestPathOf = (dumpFile: string) => `${dumpFile}.manifest.json`;

export async function backupDatabase(
  url: string,
  outFile: string,
): Promise<{ file: string; bytes: number; manifest: Manifest }> {
  const major = await serverMajor(url);
  const pgDump = requirePgTool('pg_dump', major);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: STABLE_TEXT_SETTINGS });
  try {
    // pg_dump reads the snapshot this transaction exported, so the manifest describes exactly the dump.
    const manifest = await sql.begin('isolation level repeatable read read only', async (tx): Promise<Manifest> => {
      const [{ snapshot, version }] = await tx<{ snapshot: string; version: string }[]>`
        select pg_export_snapshot() as snapshot, current_setting('server_version') as version`;
      const dump = runPgTool(pgDump.file, ['--format=custom', `--snapshot=${snapshot}`, '--file', outFile], url);
      const [fp] = await Promise.all([fingerprint(tx), dump]);
      return {
        format: MANIFEST_FORMAT,
        createdAt: new Date().toISOString(),
        database: databaseName(url),
        serverVersion: version,
        pgDumpMajor: pgDump.major,
        fingerprint: fp,
      };
    });
    fs.writeFileSync(manifestPathOf(outFile), JSON.stringify(manifest, null, 1));
    return { file: outFile, bytes: fs.statSync(outFile).size, manifest };
  } finally {
    await sql.end();
  }
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' } } });
  const db = await defaultDatabase();
  try {
    const out = values.out ?? path.join('.data', 'backups', `${databaseName(db.url)}-${stamp()}.dump`);
    const started = Date.now();
    const { file, bytes, manifest } = await backupDatabase(db.url, out);
    const tables = manifest.fingerprint.tables;
    const rows = tables.reduce((s, t) => s + t.rows, 0);
    console.log(`备份完成 / backup written: ${file}（${(bytes / 1024 / 1024).toFixed(2)} MB）`);
    console.log(`清单 / manifest: ${manifestPathOf(file)}`);
    console.log(
      `数据库 ${manifest.database}（PostgreSQL ${manifest.serverVersion}，pg_dump ${manifest.pgDumpMajor}）：` +
        `${tables.length} 张表，${rows} 行，审计日志 ${manifest.fingerprint.audit.rows} 条，用时 ${Date.now() - started} ms`,
    );
    console.log(`恢复 / restore: npm run db:restore -- ${file}`);
  } finally {
    await db.stop();
  }
}

if (process.argv[1]?.endsWith('db-backup.ts')) {
  main().catch((err: Error) => {
    console.error(`[db:backup] 备份失败 / backup failed:\n${err.message}`);
    process.exit(1);
  });
}
