/**
 * Where a roster generation's time goes: the steps of generateRosterOp's handler, one after the
 * other and timed each, in one transaction that is rolled back (the database is left as it was).
 * With `explain`, every statement of the roster's reads and the lines' insert is also run under
 * EXPLAIN (ANALYZE, BUFFERS) and its plan printed.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres, { type TransactionSql } from 'postgres';
import type { Executor } from '@/db';
import { yearStandardsOn } from '@/db/queries/subsidy-standards';
import { insertBatch, lockOpenBatch } from '@/db/queries/subsidy-batches';
import {
  approvedStates,
  insertBatchLines,
  lockRosterYear,
  peopleInOtherOpenBatches,
  rosterFacts,
  townsWithApprovedRoster,
  type BatchScope,
} from '@/db/queries/subsidy-roster';
import * as schema from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { planRoster, rosterDiff } from '@/lib/domain/subsidy-roster';
import { timed } from './timing';

/** Wall time and CPU time (this process, and the database backend of the one connection) of a step. */
export interface Step {
  ms: number;
  nodeCpuMs: number;
  pgCpuMs: number | null;
}

/** User + system CPU of a local process, from /proc (clock ticks of 10 ms); null where unreadable. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15)
  } catch {
    return null;
  }
}

/** Times `fn`, with the CPU it took here and in the backend `pgPid` (other work on the machine only adds wall time). */
export async function measured<T>(pgPid: number, fn: () => Promise<T>): Promise<Step & { result: T }> {
  const node0 = process.cpuUsage();
  const pg0 = processCpuMs(pgPid);
  const { ms, result } = await timed(fn);
  const node = process.cpuUsage(node0);
  const pg1 = processCpuMs(pgPid);
  return {
    ms,
    result,
    nodeCpuMs: (node.user + node.system) / 1000,
    pgCpuMs: pg0 === null || pg1 === null ? null : pg1 - pg0,
  };
}

/** `text` padded to `width` columns, Chinese characters counting two. */
export const padWide = (text: string, width: number) =>
  text.padEnd(width - [...text].filter((c) => c.charCodeAt(0) > 0xff).length);

class Rollback extends Error {}

/**
 * What subsidy_lines' per-row checks cost the insert: the lines inserted again with the freeze
 * trigger, then the foreign keys to the small tables (batch, town, standard, rule), then the one to
 * people switched off in turn (ALTER TABLE … DISABLE TRIGGER, in a savepoint of the rolled-back
 * transaction: never committed). Needs a superuser (the foreign keys' internal triggers).
 */
async function checksCost(
  ex: Executor,
  pid: number,
  batchId: number,
  insert: (db: Executor) => Promise<void>,
): Promise<[string, Step][] | string> {
  const fks = await ex.execute<{ name: string; column: string }>(sql`
    select t.tgname as name, a.attname as column from pg_trigger t
      join pg_constraint c on c.oid = t.tgconstraint
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where t.tgrelid = 'subsidy_lines'::regclass and t.tgfoid = '"RI_FKey_check_ins"'::regproc`);
  const variants: [string, string[]][] = [
    ['无冻结触发器', ['subsidy_lines_frozen_row']],
    ['再无批次/镇街/标准/规则外键', fks.filter((f) => f.column !== 'person_id').map((f) => f.name)],
    ['再无人员外键（无逐行检查）', fks.filter((f) => f.column === 'person_id').map((f) => f.name)],
  ];
  const out: [string, Step][] = [];
  try {
    await ex.transaction(async (sp) => {
      for (const [label, triggers] of variants) {
        for (const name of triggers) await sp.execute(sql.raw(`alter table subsidy_lines disable trigger "${name}"`));
        await sp.execute(sql`delete from subsidy_lines where batch_id = ${batchId}`);
        const { ms, nodeCpuMs, pgCpuMs } = await measured(pid, () => insert(sp));
        out.push([label, { ms, nodeCpuMs, pgCpuMs }]);
      }
      throw new Rollback(); // the savepoint: the triggers are back on
    });
  } catch (err) {
    if (!(err instanceof Rollback)) return err instanceof Error ? err.message : String(err);
  }
  return out;
}

export async function profileGeneration(
  url: string,
  staff: SessionUser,
  year: number,
  explain: boolean,
): Promise<void> {
  const scope: BatchScope = { districtCode: staff.districtCode!, townCode: null };
  const steps: [string, Step, string][] = [];
  let whatIf: [string, Step][] | string = [];
  console.log('\n一次生成的各步骤（单独计时，事务回滚）：');
  const client = postgres(url, { max: 1, onnotice: () => {}, connection: { max_parallel_workers_per_gather: '0' } });
  const captured: { query: string; params: unknown[] }[] = [];
  const logging = drizzle(client, {
    schema,
    casing: 'snake_case',
    logger: { logQuery: (query, params) => void captured.push({ query, params }) },
  });
  try {
    await logging.transaction(async (ex) => {
      /** The postgres.js connection under the transaction, for EXPLAIN with the captured parameters. */
      const tx = (ex as unknown as { session: { client: TransactionSql } }).session.client;
      const [{ pid }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const step = async <T>(label: string, fn: () => Promise<T> | T, rows: (r: T) => string = () => '') => {
        captured.length = 0;
        const { result, ...took } = await measured(pid, async () => fn());
        steps.push([label, took, rows(result)]);
        return { result, statements: [...captured] };
      };
      const plans: { label: string; query: string; params: unknown[] }[] = [];
      const keep = (label: string, statements: { query: string; params: unknown[] }[]) =>
        statements.forEach((s) => plans.push({ label, ...s }));

      await step('lockRosterYear', () => lockRosterYear(ex, year, scope.districtCode));
      const standards = (await step('yearStandardsOn', () => yearStandardsOn(ex, year, shanghaiDate()))).result!;
      const open = (await step('lockOpenBatch', () => lockOpenBatch(ex, year, scope))).result;
      const facts = await step(
        'rosterFacts',
        () => rosterFacts(ex, year, scope),
        (r) => `${r.length} 人`,
      );
      keep('rosterFacts', facts.statements);
      const approved = await step(
        'approvedStates',
        () => approvedStates(ex, year, scope),
        (r) => `${r.size}`,
      );
      keep('approvedStates', approved.statements);
      const elsewhere = await step(
        'peopleInOtherOpenBatches',
        () => peopleInOtherOpenBatches(ex, year, scope, open?.id ?? null),
        (r) => `${r.size}`,
      );
      keep('peopleInOtherOpenBatches', elsewhere.statements);
      const townsApproved = await step('townsWithApprovedRoster', () => townsWithApprovedRoster(ex, year, scope));
      keep('townsWithApprovedRoster', townsApproved.statements);
      const plan = (
        await step(
          'planRoster（JS）',
          () => planRoster(facts.result, year, standards, approved.result, townsApproved.result, PERSON_CATEGORIES),
          (p) => `${p.lines.length} 条，另列 ${p.apart.length}`,
        )
      ).result;
      const diff = (await step('rosterDiff（JS）', () => rosterDiff(null, plan))).result;
      const values = { year, districtCode: scope.districtCode, townCode: null, preparedBy: staff.id, diff };
      const batch = (await step('insertBatch', () => insertBatch(ex, values))).result;
      const insert = await step('insertBatchLines', () =>
        insertBatchLines(ex, batch.id, year, standards.standardId, plan.lines),
      );
      const insertSql = insert.statements[0];

      const insertAgain = (db: Executor) => insertBatchLines(db, batch.id, year, standards.standardId, plan.lines);
      whatIf = await checksCost(ex, pid, batch.id, insertAgain);
      if (explain) {
        await tx`delete from subsidy_lines where batch_id = ${batch.id}`;
        plans.push({ label: 'insertBatchLines', ...insertSql });
        for (const p of plans) {
          console.log(`\n=== EXPLAIN (ANALYZE, BUFFERS)：${p.label} ===\n-- ${p.query.slice(0, 600)}`);
          const rows = await tx.unsafe(`explain (analyze, buffers) ${p.query}`, p.params as never[]);
          for (const r of rows) console.log(r['QUERY PLAN']);
        }
      }
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  } finally {
    await client.end({ timeout: 5 });
  }
  const sum = (f: (s: Step) => number | null) => steps.reduce((s, [, x]) => s + (f(x) ?? 0), 0);
  const row = (label: string, ms: number, node: number, pg: number | null, note: string) =>
    console.log(
      `  ${padWide(label, 30)}${ms.toFixed(1).padStart(9)}${node.toFixed(0).padStart(8)}${(pg === null ? '?' : pg.toFixed(0)).padStart(8)}  ${note}`,
    );
  console.log(`  ${padWide('步骤', 30)}${'墙钟 ms'.padStart(7)}${'Node CPU'.padStart(9)}${'库 CPU'.padStart(6)}`);
  for (const [label, s, note] of steps) row(label, s.ms, s.nodeCpuMs, s.pgCpuMs, note);
  row(
    '合计',
    sum((s) => s.ms),
    sum((s) => s.nodeCpuMs),
    sum((s) => s.pgCpuMs),
    '',
  );
  console.log('\n  insertBatchLines 再插入一次，依次关掉 subsidy_lines 的逐行检查（仅为测算，随事务回滚）：');
  if (typeof whatIf === 'string') console.log(`  （未能测算：${whatIf}）`);
  else for (const [label, s] of whatIf) row(label, s.ms, s.nodeCpuMs, s.pgCpuMs, '');
}
