/**
 * `npm run db:restore -- <file.dump> [--into <url | database name>] [--force]`: restores a
 * `db:backup` archive with pg_restore (one transaction: all or nothing) into a NEW database —
 * by default `portal_restore_<time>` on the server of DATABASE_URL (unset: the embedded database's
 * server) — and refuses a database that already holds tables unless --force (which drops and
 * recreates it). Then verifies: row counts table by table, content checksums, sequences, the audit
 * log and the trigger-kept counters against the backup's manifest, and prints a summary.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { dropDatabase, ensureDatabase, serverUrlOf } from './embedded-db';
import { MANIFEST_FORMAT, manifestPathOf, type Manifest } from './db-backup';
import { compareFingerprints, fingerprint, STABLE_TEXT_SETTINGS, type Fingerprint } from './db-fingerprint';
import { databaseName, defaultDatabase, requirePgTool, runPgTool, serverMajor, stamp } from './pg-tools';

export interface RestoreResult {
  url: string;
  manifest: Manifest | null;
  restored: Fingerprint;
  /** Differences from the manifest (or, without one, sequences behind and counters off); empty: verified. */
  differences: string[];
  timings: { restoreMs: number; verifyMs: number };
}

/** Tables (outside the system schemas) in a database; null when the database does not exist. */
async function tablesIn(serverUrl: string, name: string): Promise<number | null> {
  const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await server`select 1 from pg_database where datname = ${name}`;
    if (!exists) return null;
  } finally {
    await server.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S') and ns.nspname not in ('pg_catalog', 'information_schema')
        and ns.nspname not like 'pg_toast%'`;
    return n;
  } finally {
    await sql.end();
  }
}

/** The target's URL: `--into` as a URL, or a database name on `baseUrl`'s server. */
export function targetUrl(baseUrl: string, into: string | undefined): string {
  if (into && /^postgres(ql)?:\/\//.test(into)) return into;
  const url = new URL(serverUrlOf(baseUrl));
  url.pathname = `/${encodeURIComponent(into ?? `portal_restore_${stamp().replace('-', '_')}`)}`;
  return url.toString();
}

/** The backup's manifest, or null (none, or of another format: then only counts, sequences and counters are checked). */
export function readManifest(file: string): Manifest | null {
  const p = manifestPathOf(file);
  if (!fs.existsSync(p)) return null;
  const manifest = JSON.parse(fs.readFileSync(p, 'utf8')) as Manifest;
  if (manifest.format === MANIFEST_FORMAT) return manifest;
  console.warn(`清单格式 ${manifest.format} 不是 ${MANIFEST_FORMAT}，不据此核对 / manifest of another format ignored`);
  return null;
}

export async function restoreDatabase(
  file: string,
  target: string,
  { force = false }: { force?: boolean } = {},
): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new Error(`找不到备份文件 / no such backup file: ${file}`);
  const manifest = readManifest(file);
  const server = serverUrlOf(target);
  const name = databaseName(target);
  const tables = await tablesIn(server, name);
  if (tables != null && tables > 0) {
    if (!force)
      throw new Error(
        `目标数据库 ${name} 不是空的（${tables} 个表或序列），拒绝覆盖；确需覆盖请加 --force（将删除并重建该数据库）。\n` +
          `Target database ${name} is not empty (${tables} relations); refusing to overwrite it. ` +
          `Add --force to drop and recreate it.`,
      );
    await dropDatabase(server, name);
  }
  await ensureDatabase(server, name);
  const major = Math.max(await serverMajor(target), manifest?.pgDumpMajor ?? 0);
  const pgRestore = requirePgTool('pg_restore', major);
  const started = Date.now();
  await runPgTool(
    pgRestore.file,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', file],
    target,
  );
  const sql = postgres(target, { max: 1, onnotice: () => {}, connection: STABLE_TEXT_SETTINGS });
  const restoredAt = Date.now();
  try {
    await sql`analyze`;
    const restored = await fingerprint(sql);
    const differences = manifest
      ? compareFingerprints(manifest.fingerprint, restored)
      : compareFingerprints(restored, restored); // no manifest: only sequences and counters can be checked
    const timings = { restoreMs: restoredAt - started, verifyMs: Date.now() - restoredAt };
    return { url: target, manifest, restored, differences, timings };
  } finally {
    await sql.end();
  }
}

function printReport(r: RestoreResult): void {
  const expected = new Map(r.manifest?.fingerprint.tables.map((t) => [t.table, t]) ?? []);
  console.log('表 / table'.padEnd(40) + '行数 / rows'.padStart(14) + '  校验 / check');
  for (const t of r.restored.tables) {
    const e = expected.get(t.table);
    const check = !e ? '（无清单）' : e.rows === t.rows && e.md5 === t.md5 ? '一致 ✓' : `不一致 ✗（应为 ${e.rows} 行）`;
    console.log(t.table.padEnd(40) + String(t.rows).padStart(14) + `  ${check}`);
  }
  const rows = r.restored.tables.reduce((s, t) => s + t.rows, 0);
  const { audit } = r.restored;
  console.log(
    `\n恢复到 / restored into: ${r.url.replace(/:[^:@/]*@/, ':***@')}\n` +
      `${r.restored.tables.length} 张表，${rows} 行；${r.restored.sequences.length} 个序列；` +
      `审计日志 ${audit.rows} 条（编号 ${audit.firstId ?? '-'}–${audit.lastId ?? '-'}，只追加触发器：${audit.appendOnlyTriggers.join(', ') || '无'}）`,
  );
  if (!r.manifest)
    console.log(
      '没有可用的清单（<备份>.manifest.json）：无法与备份比对内容，只核对了序列和计数器 / ' +
        'no usable manifest: sequences and counters checked, contents not compared',
    );
  if (r.differences.length === 0)
    console.log(
      r.manifest
        ? '核对通过：与备份一致 / verified: the restore equals the backup'
        : '核对通过（序列、计数器）/ sequences and counters consistent',
    );
  else {
    console.log(`核对未通过 / verification FAILED (${r.differences.length}):`);
    r.differences.forEach((d) => console.log(`  - ${d}`));
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { into: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file) throw new Error('用法 / usage: npm run db:restore -- <file.dump> [--into <url | 数据库名>] [--force]');
  const external = values.into && /^postgres(ql)?:\/\//.test(values.into);
  const db = external ? { url: values.into!, stop: async () => {} } : await defaultDatabase();
  try {
    const started = Date.now();
    const result = await restoreDatabase(file, targetUrl(db.url, values.into), { force: values.force });
    printReport(result);
    const { restoreMs, verifyMs } = result.timings;
    console.log(`用时 / took ${Date.now() - started} ms（pg_restore ${restoreMs} ms，核对 / verify ${verifyMs} ms）`);
    if (result.differences.length) process.exitCode = 1;
  } finally {
    await db.stop();
  }
}

if (process.argv[1]?.endsWith('db-restore.ts')) {
  main().catch((err: Error) => {
    console.error(`[db:restore] 恢复失败 / restore failed:\n${err.message}`);
    process.exit(1);
  });
}
