/**
 * The real imports of the import benchmark (bench/import.ts), end to end with the process RSS
 * sampled every 200 ms: (b) startRegistryImport, (b′) the same file again, (c) startPovertyListImport.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql as dsql } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { startPovertyListImport } from '@/lib/import/list-import';
import { startRegistryImport } from '@/lib/import/registry-import';
import { formatDuration, now } from './timing';
import { fail, rawClient } from './common';
import { checkpoint } from './import-baselines';
import { DISTRICT, YEAR } from './import-data';
import { fmt } from './import-report';

/** The agency user the imports run as. */
export async function benchUser(db: Db): Promise<SessionUser> {
  const [u] = await db
    .insert(users)
    .values({
      username: 'bench_import',
      displayName: '导入基准',
      passwordHash: 'x',
      role: 'agency_staff',
      districtCode: DISTRICT,
    })
    .returning();
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    districtCode: u.districtCode,
    townCode: null,
    hospitalId: null,
  };
}

/** Streams the file through SHA-256 (reading it whole would inflate the RSS measured next). */
async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Peak RSS while `fn` runs, sampled every 200 ms. */
async function withRss<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakMb: number; startMb: number }> {
  const startMb = process.memoryUsage().rss / 1048576;
  let peak = startMb;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss / 1048576);
  }, 200);
  const start = now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss / 1048576);
    return { result, ms: now() - start, peakMb: peak, startMb };
  } finally {
    clearInterval(timer);
  }
}

/** (b) the real registry import, then (b′) the same file again (nothing changes), for information. */
export async function registryImports(
  db: Db,
  user: SessionUser,
  registryFile: string,
): Promise<{ b: { ms: number; peakMb: number }; again: { ms: number } }> {
  console.log('\n(b) 真实导入 startRegistryImport（同一文件）…');
  const sha256 = await sha256Of(registryFile);
  const phases: [string, number][] = [];
  const b = await withRss(async () => {
    const { done } = await startRegistryImport(db, {
      filePath: registryFile,
      fileName: path.basename(registryFile),
      sha256,
      user,
      ip: null,
      onPhase: (p, ms) => phases.push([p, ms]),
    });
    return done;
  });
  if (!b.result.ok) fail(`导入失败：${b.result.error}`);
  const s = b.result.summary;
  console.log(`  ${formatDuration(b.ms)}；RSS 起始 ${b.startMb.toFixed(0)} MB，峰值 ${b.peakMb.toFixed(0)} MB`);
  for (const [p, ms] of phases) console.log(`    ${p.padEnd(52)} ${formatDuration(ms)}`);
  console.log(
    `  行 ${fmt(s.rowsDone)}（拒收 ${fmt(s.rowsRejected)}）；新增户 ${fmt(s.householdsInserted)}，新增人员 ${fmt(s.peopleInserted)}，` +
      `更新人员 ${fmt(s.peopleUpdated)}，新增参保 ${fmt(s.enrollmentsInserted)}，更新参保 ${fmt(s.enrollmentsUpdated)}`,
  );
  await rawClient(db)`vacuum (analyze) people, enrollments, households`;
  await checkpoint(db);

  console.log('\n(b′) 同一文件再导入一次（应无任何变化；仅供参考）…');
  const again = await withRss(async () => {
    const { done } = await startRegistryImport(db, {
      filePath: registryFile,
      fileName: path.basename(registryFile),
      sha256,
      user,
      ip: null,
    });
    return done;
  });
  if (!again.result.ok) fail(`再次导入失败：${again.result.error}`);
  const s2 = again.result.summary;
  console.log(
    `  ${formatDuration(again.ms)}；变化：人员 +${s2.peopleInserted}/~${s2.peopleUpdated}，参保 +${s2.enrollmentsInserted}/~${s2.enrollmentsUpdated}；峰值 RSS ${again.peakMb.toFixed(0)} MB`,
  );
  await checkpoint(db);
  return { b, again };
}

/** (c) the real poverty-list import of the `listRows` rows of `listFile`. Returns its time in ms. */
export async function listImport(db: Db, user: SessionUser, listFile: string, listRows: number): Promise<number> {
  console.log(`\n(c) 真实名单导入 startPovertyListImport（${fmt(listRows)} 行）…`);
  const listSha = await sha256Of(listFile);
  const listPhases: [string, number][] = [];
  const c = await withRss(async () => {
    const { done } = await startPovertyListImport(db, {
      filePath: listFile,
      fileName: path.basename(listFile),
      sha256: listSha,
      source: 'fupin',
      listDate: `${YEAR}-10-31`,
      year: YEAR,
      user,
      ip: null,
      onPhase: (p, ms) => listPhases.push([p, ms]),
    });
    return done;
  });
  if (!c.result.ok) fail(`名单导入失败：${c.result.error}`);
  const classes = await db.execute<{ match_class: string; n: number }>(
    dsql`select match_class, count(*)::int as n from list_rows where list_id = ${c.result.listId} group by 1 order by 1`,
  );
  const [{ n: casesOpened }] = await db.execute<{ n: number }>(dsql`select count(*)::int as n from cases`);
  console.log(`  ${formatDuration(c.ms)}；峰值 RSS ${c.peakMb.toFixed(0)} MB；销号任务 ${fmt(casesOpened)} 件`);
  for (const [p, ms] of listPhases) console.log(`    ${p.padEnd(52)} ${formatDuration(ms)}`);
  console.log(`  分类：${[...classes].map((r) => `${r.match_class} ${fmt(r.n)}`).join('，')}`);
  await checkpoint(db);
  return c.ms;
}
