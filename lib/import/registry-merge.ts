/**
 * Registry import, second step: the set-based merge of the staging table into households, people
 * and enrollments, the auto-close of 销号 cases the registry now shows enrolled, the error report
 * and the audit row — inside the import's transaction. The SQL is assembled from constants only
 * (which optional columns the file has); values are parameters.
 */
import type { TransactionSql } from 'postgres';
import { pgArray } from '@/db/queries/pg-array';
import type { SessionUser } from '@/lib/auth/types';
import { ImportStoppedError } from './import-errors';
import { OUTSIDE_SCOPE_REASON } from './registry-row';
import { mergeEnrollments, mergePeople } from './registry-merge-rows';
import type { Staged } from './registry-staging';
import { phaseTimer } from './phase-timer';

/** Serializes the merge step of concurrent registry imports (parsing and COPY still overlap). */
const MERGE_LOCK_KEY = 73_100_301;

export interface MergeInput {
  fileName: string;
  defaultYear?: number;
  user: SessionUser;
  ip: string | null;
  onPhase?: (phase: string, ms: number) => void;
}

export interface RegistryImportSummary {
  /** Data rows read (valid and rejected; skipped noise rows not included). */
  rowsDone: number;
  rowsRejected: number;
  rowsSkipped: number;
  householdsInserted: number;
  peopleInserted: number;
  peopleUpdated: number;
  enrollmentsInserted: number;
  enrollmentsUpdated: number;
  casesClosed: number;
}

const NEW_PERSON_WITHOUT_TOWN = '新增人员缺少乡镇（街道），无法登记：请在文件中填写乡镇（街道）';
const REGISTERED_OUTSIDE_SCOPE = `该人员已登记在您管辖范围以外的乡镇（街道）：${OUTSIDE_SCOPE_REASON}`;

/**
 * The set-based merge of the staging table into the registry, inside the import's transaction.
 * The SQL is assembled from constants only (which optional columns the file has); values are
 * parameters.
 */
export async function mergeStaging(
  sql: TransactionSql,
  importId: number,
  input: MergeInput,
  staged: Staged,
  /** The towns the importer may write (importableTownCodes); undefined: all. */
  townCodesInScope?: ReadonlySet<string>,
): Promise<RegistryImportSummary> {
  const { counts, columns } = staged;
  const phase = phaseTimer(input.onPhase);
  // Sorting a million staging rows in memory instead of on disk. The de-duplicating sorts below
  // (DISTINCT ON an ID or household number) say `collate "C"`: they only need equal keys together,
  // and byte order sorts 1M ID numbers in 1.0 s instead of 3.5 s under the database's libc
  // collation (C.UTF-8: strcoll per comparison, no abbreviated keys in PostgreSQL 15).
  await sql`select set_config('work_mem', '256MB', true)`;
  await sql`analyze registry_staging`;
  await sql`select pg_advisory_xact_lock(${MERGE_LOCK_KEY})`;
  phase('  merge: analyze+lock');

  // An importer limited to some towns (a district's staff) writes no person registered elsewhere:
  // rows of such people are rejected, whatever town the file gives (rows naming another district's
  // town were rejected while reading: registry-row.ts).
  if (townCodesInScope) {
    const rejected = await sql`
      update registry_staging s set reason = ${REGISTERED_OUTSIDE_SCOPE}, skipped = false
      from people p
      where s.reason is null and p.id_number = s.id_number
        and not (p.town_code = any(${pgArray([...townCodesInScope])}::varchar[]))`;
    counts.rowsRejected += rejected.count;
  }

  // A row without a town is fine for a person already in the registry (the town is kept), or when
  // another row of the file gives the person's town; a new person without any town is rejected.
  if (staged.townMissingRows > 0) {
    const rejected = await sql`
      update registry_staging s set reason = ${NEW_PERSON_WITHOUT_TOWN}, skipped = false
      where s.reason is null and s.town_code is null
        and not exists (select 1 from people p where p.id_number = s.id_number)
        and not exists (select 1 from registry_staging o where o.id_number = s.id_number and o.reason is null and o.town_code is not null)`;
    counts.rowsRejected += rejected.count;
    staged.failures.add('town.missing_new', rejected.count, NEW_PERSON_WITHOUT_TOWN);
    const stop = staged.failures.final();
    if (stop) throw new ImportStoppedError(stop);
  }
  const townMissing = staged.townMissingRows > 0;

  // Households: new numbers only (an existing household keeps its town and village). Inserted in
  // household_no order; plain INSERT (registry imports are serialized by the advisory lock above,
  // and nothing else creates households).
  let householdsInserted = 0;
  if (columns.householdNo) {
    const r = await sql.unsafe(`
      insert into households (household_no, town_code, village)
      select h.household_no, h.town_code, h.village from (
        select distinct on (s.household_no collate "C") s.household_no, ${townMissing ? 'coalesce(s.town_code, p.town_code)' : 's.town_code'} as town_code, s.village
        from registry_staging s ${townMissing ? 'left join people p on p.id_number = s.id_number' : ''}
        where s.reason is null and s.household_no is not null
        order by s.household_no collate "C", s.row_no desc
      ) h
      where h.town_code is not null and not exists (select 1 from households o where o.household_no = h.household_no)`);
    householdsInserted = r.count;
  }
  phase('  merge: households');

  const people = await mergePeople(sql, columns, townMissing);
  phase('  merge: people');

  const enrollments = await mergeEnrollments(sql, columns);
  phase('  merge: enrollments');
  const actor = { userId: input.user.id, username: input.user.username, role: input.user.role, ip: input.ip };

  // Auto-close (销号): the SAME rule as autoCloseEnrolledCases in db/queries/cases.ts, called there
  // without a person filter — a 未参保 case closes once the case's year has an active enrollment,
  // a 重复参保 case once exactly one is left. Written out here because this transaction runs on the
  // raw client, not drizzle; keep the two in step. Every closed case gets a 'case.auto_close' row.
  const [{ closed: casesClosed }] = await sql<{ closed: number }[]>`
    with closed as (
      update cases c
      set status = 'closed', close_reason = 'enrolled', closed_at = now(), close_note = '登记系统显示已参保，自动销号'
      where c.status = 'open'
        and (
          (c.kind = 'not_enrolled'
            and (select count(*) from enrollments e where e.person_id = c.person_id and e.year = c.year and e.status = 'active') >= 1)
          or (c.kind = 'duplicate'
            and (select count(*) from enrollments e where e.person_id = c.person_id and e.year = c.year and e.status = 'active') = 1)
        )
      returning c.id, c.person_id, c.kind, c.year
    ), audited as (
      insert into audit_log (user_id, username, role, ip, action, entity_type, entity_id, person_id, before, after)
      select ${actor.userId}, ${actor.username}, ${actor.role}, ${actor.ip}, 'case.auto_close', 'case', closed.id::text, closed.person_id,
        jsonb_build_object('status', 'open', 'kind', closed.kind, 'year', closed.year),
        jsonb_build_object('status', 'closed', 'closeReason', 'enrolled', 'importId', ${importId}::int)
      from closed
    )
    select count(*)::int as closed from closed`;
  phase('  merge: auto-close');

  await sql`
    insert into import_errors (import_id, row_no, values, reason, skipped)
    select ${importId}, row_no, coalesce(raw, '[]')::jsonb, reason, case when skipped then 1 else 0 end
    from registry_staging
    where reason is not null
    order by row_no`;

  const result: RegistryImportSummary = {
    ...counts,
    householdsInserted,
    peopleInserted: people.inserted,
    peopleUpdated: people.updated,
    enrollmentsInserted: enrollments.inserted,
    enrollmentsUpdated: enrollments.updated,
    casesClosed,
  };
  const after = JSON.stringify({ fileName: input.fileName, defaultYear: input.defaultYear ?? null, ...result });
  await sql`
    insert into audit_log (user_id, username, role, ip, action, entity_type, entity_id, after)
    values (${actor.userId}, ${actor.username}, ${actor.role}, ${actor.ip}, 'registry.import', 'import', ${String(importId)}, ${after}::jsonb)`;
  await sql`
    update imports
    set status = 'completed', rows_done = ${counts.rowsDone}, rows_rejected = ${counts.rowsRejected}, rows_skipped = ${counts.rowsSkipped},
      message = ${summaryMessage(result)}, finished_at = now()
    where id = ${importId}`;
  phase('  merge: import_errors, audit');
  return result;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The Chinese summary shown on the import page (stored as the import's message). */
export function summaryMessage(s: RegistryImportSummary): string {
  return (
    `共读取 ${n(s.rowsDone)} 行，拒收 ${n(s.rowsRejected)} 行，跳过 ${n(s.rowsSkipped)} 行；` +
    `新增人员 ${n(s.peopleInserted)} 人，更新人员 ${n(s.peopleUpdated)} 人；` +
    `新增参保记录 ${n(s.enrollmentsInserted)} 条，更新参保记录 ${n(s.enrollmentsUpdated)} 条；` +
    `新增户 ${n(s.householdsInserted)} 户；自动销号 ${n(s.casesClosed)} 件`
  );
}
