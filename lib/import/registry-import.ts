/**
 * Registry import (参保登记数据导入): the agency's export of the national platform — 300k to 1M
 * rows, one row per person-year-scheme enrollment — loaded into households, people and
 * enrollments.
 *
 * How:
 * - The file is streamed (readTable); the header is found among the first rows (findHeaderRow).
 * - Every row is validated in JS (ID number, scheme, year, town, tier, amount, date, status).
 *   Valid rows AND rejected/skipped rows (with their Chinese reason and original values) are
 *   streamed with COPY into one TEMP staging table, while the file is still being parsed (the
 *   parser runs in Node, COPY in the server: two cores busy; backpressure respected). Nothing is
 *   held in memory per row, so memory stays flat whatever the file size.
 * - Then set-based SQL merges the staging table: households (insert new), people (by ID number,
 *   last row of the file wins), enrollments (by person/year/scheme, last row wins): an UPDATE of
 *   the existing rows where a value differs (`is distinct from`) and an INSERT of the new ones —
 *   so re-importing the same file changes nothing (not even updated_at, no row is even locked)
 *   and a newer export updates only what changed.
 * - Open 销号 cases whose enrollment the registry now shows are closed (auto-close), each with a
 *   'case.auto_close' audit row; rejected rows go to import_errors; one 'registry.import' audit row
 *   carries the counts.
 * - All of it in ONE transaction on the raw postgres.js client (COPY needs it): any failure — a
 *   parse error in the middle of the file, a database error — rolls everything back, the imports
 *   row becomes 'failed' with a Chinese message, and re-running the same file completes it.
 *   Progress (rows parsed, rejected) is written to the imports row every 10,000 rows through a
 *   separate connection, so the UI sees it while the transaction runs.
 *
 * Columns. Required: 姓名, 身份证号码, 险种类型 (310/390 or names), 年度 (unless a default year is
 * given). Optional: 乡镇 (name or 9-digit code), 村, 户号, 与户主关系, 档次, 缴费金额 (元), 缴费日期,
 * 参保状态 (default 正常 = active). An optional column that is present in the file is
 * authoritative (an empty cell clears the value: no tier, 0 元, no date); a column absent from the
 * file leaves the stored value alone. 乡镇 is the exception: people must have a town, so an empty
 * cell keeps the person's current town, and a NEW person without a town is rejected.
 */
import type { Sql, TransactionSql } from 'postgres';
import type { Db } from '@/db';
import { createImport, finishImport, updateImportProgress } from '@/db/queries/imports';
import type { SessionUser } from '@/lib/auth/types';
import { validateIdNumber } from '@/lib/domain/id-number';
import {
  findHeaderRow,
  noiseReason,
  parseDate,
  parseScheme,
  parseTier,
  parseYuanToFen,
  toHalfWidth,
  type Field,
  type HeaderMapping,
} from '@/lib/domain/import-headers';
import { matchTown, normalizePersonName } from '@/lib/domain/list-row';
import { CopyWriter, copyField, rawJson } from './copy';
import { readTable, TableReadError, type CellValue, type TableRow } from './read-table';
import { isUniqueViolation } from '@/lib/server/pg-errors';

export interface RegistryImportInput {
  filePath: string;
  fileName: string;
  sha256: string;
  /** Year for rows without one (or for files without a 年度 column). */
  defaultYear?: number;
  user: SessionUser;
  ip: string | null;
  /** Called after each step with its wall time (benchmarks, diagnostics). */
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

export type RegistryImportResult =
  | { ok: true; importId: number; summary: RegistryImportSummary }
  | { ok: false; importId: number; error: string };

/** A problem with the file as a whole; the message is Chinese and shown to the user. */
export class RegistryImportError extends Error {}

const HEADER_SCAN_ROWS = 15;
const PROGRESS_EVERY = 10_000;
/** Serializes the merge step of concurrent registry imports (parsing and COPY still overlap). */
const MERGE_LOCK_KEY = 73_100_301;
const GENERIC_FAILURE = '导入失败：处理时发生错误，本次导入未写入任何数据，可重新导入该文件';

/** drizzle's handle hides the postgres.js client it wraps; COPY and the merge need the client. */
const rawClient = (db: Db): Sql => (db as Db & { $client: Sql }).$client;

/** Reports the time since the previous call under `name`. */
export function phaseTimer(onPhase: ((phase: string, ms: number) => void) | undefined) {
  let last = performance.now();
  return (name: string) => {
    const now = performance.now();
    onPhase?.(name, now - last);
    last = now;
  };
}

/** Someone saved the same enrollment (or person) while the merge ran (a unique violation): a clean failure, re-run. */
const CONCURRENT_CHANGE = '导入失败：导入期间有人同时登记或修改了相同的参保记录，本次导入未写入任何数据，请重新导入该文件';

/**
 * Starts an import: returns at once with the import's id (progress is polled), and `done` settles
 * when the file is processed (never rejects: failures are a result with a Chinese message).
 */
export async function startRegistryImport(
  db: Db,
  input: RegistryImportInput,
): Promise<{ importId: number; done: Promise<RegistryImportResult> }> {
  const imp = await createImport(db, { kind: 'registry', fileName: input.fileName, fileSha256: input.sha256, userId: input.user.id });
  const done = runImport(db, imp.id, input).then(
    (summary): RegistryImportResult => ({ ok: true, importId: imp.id, summary }),
    async (err): Promise<RegistryImportResult> => {
      const known = err instanceof TableReadError || err instanceof RegistryImportError;
      if (!known && !isUniqueViolation(err)) console.error('[registry-import]', err);
      const error = known ? `导入失败：${err.message}（本次导入未写入任何数据）` : isUniqueViolation(err) ? CONCURRENT_CHANGE : GENERIC_FAILURE;
      try {
        await finishImport(db, imp.id, { status: 'failed', message: error });
      } catch (e) {
        console.error('[registry-import] could not mark the import failed', e);
      }
      return { ok: false, importId: imp.id, error };
    },
  );
  return { importId: imp.id, done };
}

/** Imports a registry file and waits for the result. */
export async function importRegistry(db: Db, input: RegistryImportInput): Promise<RegistryImportResult> {
  return (await startRegistryImport(db, input)).done;
}

// ---------------------------------------------------------------------------------------------
// Cell parsers (pure)

const STATUSES: Record<string, 'active' | 'suspended' | 'terminated'> = {
  正常: 'active', 参保缴费: 'active', 正常参保: 'active', 参保: 'active', 正常缴费: 'active', 有效: 'active', 在保: 'active', '1': 'active', active: 'active',
  暂停: 'suspended', 暂停参保: 'suspended', 暂停缴费: 'suspended', 中断: 'suspended', 中断缴费: 'suspended', '2': 'suspended', suspended: 'suspended',
  终止: 'terminated', 终止参保: 'terminated', 注销: 'terminated', 退保: 'terminated', '4': 'terminated', terminated: 'terminated',
};

const NEEDS_SQUEEZE = /[\s\u00A0\u3000\uFF01-\uFF5E\uFFE5]/;
/** Half-width, no whitespace (the common case — nothing to change — is one regex test). */
const squeeze = (v: unknown): string => {
  if (v == null) return '';
  const s = String(v);
  return NEEDS_SQUEEZE.test(s) ? toHalfWidth(s).replace(/[\s\u00A0]+/g, '') : s;
};

/** 参保状态: 正常/参保缴费 → active, 暂停 → suspended, 终止 → terminated (national codes 1/2/4 too); empty → active. */
export function parseEnrollmentStatus(v: unknown): 'active' | 'suspended' | 'terminated' | null {
  const s = squeeze(v);
  if (s === '') return 'active';
  return STATUSES[s] ?? STATUSES[s.toLowerCase()] ?? null;
}

/** 年度: 2026, '2026', '2026年', '2026年度' → 2026 (1990–2100); else null. */
export function parseYear(v: unknown): number | null {
  const s = squeeze(v).replace(/年度?$/, '');
  if (!/^\d{4}$/.test(s)) return null;
  const y = Number(s);
  return y >= 1990 && y <= 2100 ? y : null;
}

/** A small memo for parsers of cells that repeat a lot (schemes, towns, amounts, dates). */
function memo<T>(fn: (v: CellValue) => T, limit = 20_000): (v: CellValue) => T {
  const cache = new Map<string | number, T>();
  return (v) => {
    const key = v ?? '';
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(v);
    if (cache.size < limit) cache.set(key, value);
    return value;
  };
}

// ---------------------------------------------------------------------------------------------
// COPY text format

const STAGING_COLUMNS = [
  'row_no', 'id_number', 'name', 'gender', 'birth_date', 'town_code', 'village', 'household_no', 'relation',
  'year', 'scheme', 'tier', 'status', 'paid_fen', 'paid_date', 'reason', 'skipped', 'raw',
] as const;

// ---------------------------------------------------------------------------------------------
// Row validation

/** Which optional columns the file has (an absent column leaves the stored values alone). */
interface Columns {
  village: boolean;
  householdNo: boolean;
  relation: boolean;
  tier: boolean;
  paidAmount: boolean;
  paidDate: boolean;
}

const text = (c: CellValue | undefined): string => (c == null ? '' : String(c));
const PLAIN_CJK_NAME = /^[\u4e00-\u9fa5]{1,20}$/;
const NINE_DIGITS = /^\d{9}$/;

/** Builds the per-row validator for a file: returns the COPY line of a row (valid or rejected). */
function rowEncoder(mapping: HeaderMapping, townsByName: Map<string, string>, townCodes: Set<string>, defaultYear: number | undefined) {
  const col = (f: Field) => mapping[f];
  const today = new Date();
  const cell = (cells: CellValue[], f: Field): CellValue => {
    const i = col(f);
    return i == null ? null : (cells[i] ?? null);
  };
  const scheme = memo(parseScheme);
  const tier = memo(parseTier);
  const status = memo(parseEnrollmentStatus);
  const year = memo((v) => (squeeze(v) === '' ? (defaultYear ?? null) : parseYear(v)));
  const amount = memo((v) => (squeeze(v) === '' ? 0 : parseYuanToFen(v)));
  const date = memo((v) => (squeeze(v) === '' ? null : parseDate(v)));
  const town = memo((v): string | null | undefined => {
    const s = squeeze(v);
    if (s === '') return null; // none given
    if (NINE_DIGITS.test(s)) return townCodes.has(s) ? s : undefined;
    return matchTown(s, townsByName) ?? undefined; // undefined: unknown
  });
  const shortText = (v: CellValue, max: number, label: string, reasons: string[]): string | null => {
    const s = squeeze(v);
    if (s.length > max) reasons.push(`${label}超过 ${max} 个字符`);
    return s === '' ? null : s;
  };

  return {
    /** COPY line of a data row, and whether it was rejected. */
    encode(row: TableRow): { line: string; rejected: boolean; skipped: boolean; townMissing: boolean } {
      const cells = row.cells;
      const reasons: string[] = [];

      const rawName = text(cell(cells, 'name'));
      const name = PLAIN_CJK_NAME.test(rawName) ? rawName : normalizePersonName(rawName);
      if (name === '') reasons.push('姓名为空');
      else if (name.length > 50) reasons.push('姓名超过 50 个字符');

      const rawId = cell(cells, 'idNumber');
      let idNumber: string | null = null;
      let gender: string | null = null;
      let birthDate: string | null = null;
      if (typeof rawId === 'number') {
        reasons.push(
          `身份证号码单元格是 Excel 数字格式（读出为“${String(rawId)}”），15 位以后的数字可能已经丢失，无法还原；请把该列设置为“文本”格式后重新导出，不要手工猜补`,
        );
      } else {
        const v = validateIdNumber(rawId ?? '', today);
        if (v.ok) {
          idNumber = v.id;
          gender = v.gender;
          birthDate = v.birthDate;
        } else reasons.push(v.code === 'empty' ? '身份证号码为空' : `身份证号码有误：${v.message}`);
      }

      const rawScheme = cell(cells, 'scheme');
      const schemeValue = scheme(rawScheme);
      if (!schemeValue) {
        reasons.push(squeeze(rawScheme) === '' ? '险种类型为空' : `险种类型无法识别：“${text(rawScheme)}”（应为 390/城乡居民 或 310/职工）`);
      }

      const rawYear = cell(cells, 'year');
      const yearValue = year(rawYear);
      if (yearValue == null) {
        reasons.push(squeeze(rawYear) === '' ? '年度为空（可在上传时指定默认年度）' : `年度有误：“${text(rawYear)}”（应为 4 位年份，如 2026）`);
      }

      const rawTown = cell(cells, 'town');
      const townCode = town(rawTown);
      if (townCode === undefined) reasons.push(`乡镇（街道）“${text(rawTown)}”不在本区镇街名单中`);

      const village = shortText(cell(cells, 'village'), 50, '村(居)', reasons);
      const rawHousehold = cell(cells, 'householdNo');
      if (typeof rawHousehold === 'number' && !Number.isSafeInteger(rawHousehold)) {
        reasons.push(`户号单元格是 Excel 数字格式（读出为“${String(rawHousehold)}”），末几位可能已经丢失`);
      }
      const householdNo = shortText(rawHousehold, 30, '户号', reasons);
      const relation = shortText(cell(cells, 'relation'), 20, '与户主关系', reasons);

      const rawTier = cell(cells, 'tier');
      const tierValue = squeeze(rawTier) === '' ? null : tier(rawTier);
      if (tierValue === null && squeeze(rawTier) !== '') reasons.push(`缴费档次无法识别：“${text(rawTier)}”（应为 一档 或 二档）`);

      const rawAmount = cell(cells, 'paidAmount');
      const paidFen = amount(rawAmount);
      if (paidFen == null || paidFen > 2_000_000_000) {
        reasons.push(`缴费金额有误：“${text(rawAmount)}”（应为不小于 0 的金额，单位元，最多两位小数）`);
      }

      const rawDate = cell(cells, 'paidDate');
      const paidDate = date(rawDate);
      if (paidDate === null && squeeze(rawDate) !== '') reasons.push(`缴费日期有误：“${text(rawDate)}”`);

      const rawStatus = cell(cells, 'status');
      const statusValue = status(rawStatus);
      if (!statusValue) reasons.push(`参保状态无法识别：“${text(rawStatus)}”（应为 正常/参保缴费、暂停 或 终止）`);

      if (reasons.length > 0) {
        // Not a person row at all (blank, 合计, notes, a repeated header)? Then it is skipped, not rejected.
        const noise = noiseReason(cells.map(text), mapping);
        return { line: rejectLine(row, noise ?? reasons.join('；'), noise != null), rejected: noise == null, skipped: noise != null, townMissing: false };
      }
      const f = copyField;
      const townMissing = townCode == null;
      const line =
        `${row.rowNo}\t${idNumber}\t${f(name)}\t${gender}\t${birthDate}\t${f(townCode)}\t${f(village)}\t${f(householdNo)}\t${f(relation)}\t` +
        `${yearValue}\t${schemeValue}\t${schemeValue === 'resident' ? f(tierValue) : '\\N'}\t${statusValue}\t${paidFen}\t${f(paidDate)}\t\\N\t\\N\t` +
        // The original values are kept only where the merge may still reject the row (no town).
        `${townMissing ? f(rawJson(cells)) : '\\N'}\n`;
      return { line, rejected: false, skipped: false, townMissing };
    },
  };
}

/** The COPY line of a rejected or skipped row: row number, reason, original values. */
function rejectLine(row: TableRow, reason: string, skipped: boolean): string {
  const nulls = '\\N\t'.repeat(STAGING_COLUMNS.length - 4);
  return `${row.rowNo}\t${nulls}${copyField(reason)}\t${skipped ? 't' : 'f'}\t${copyField(rawJson(row.cells))}\n`;
}

// ---------------------------------------------------------------------------------------------
// The import

interface Counts {
  rowsDone: number;
  rowsRejected: number;
  rowsSkipped: number;
}

async function runImport(db: Db, importId: number, input: RegistryImportInput): Promise<RegistryImportSummary> {
  const client = rawClient(db);
  const phase = phaseTimer(input.onPhase);
  const summary = await client.begin(async (sql) => {
    const towns = await sql<{ code: string; name: string }[]>`select code, name from towns`;
    const townsByName = new Map(towns.map((t) => [t.name, t.code]));
    const townCodes = new Set(towns.map((t) => t.code));

    await sql.unsafe(`
      create temp table registry_staging (
        row_no integer not null,
        id_number char(18),
        name varchar(50),
        gender char(1),
        birth_date date,
        town_code varchar(9),
        village varchar(50),
        household_no varchar(30),
        relation varchar(20),
        year smallint,
        scheme scheme,
        tier tier,
        status enrollment_status,
        paid_fen integer,
        paid_date date,
        reason text,
        skipped boolean,
        raw text
      ) on commit drop`);

    phase('setup');
    const parsed = await stageFile(db, sql, importId, input, townsByName, townCodes);
    phase('read+validate+COPY');
    input.onPhase?.('  of which waiting for the server (COPY backpressure)', parsed.copyWaitMs);
    const result = await mergeStaging(sql, importId, input, parsed);
    phase('merge (total)');
    return result;
  });
  phase('commit');
  return summary as RegistryImportSummary;
}

interface Staged {
  copyWaitMs: number;
  counts: Counts;
  columns: Columns;
  townMissingRows: number;
}

/** Streams the file through validation into the staging table. */
async function stageFile(
  db: Db,
  sql: TransactionSql,
  importId: number,
  input: RegistryImportInput,
  townsByName: Map<string, string>,
  townCodes: Set<string>,
): Promise<Staged> {
  const counts: Counts = { rowsDone: 0, rowsRejected: 0, rowsSkipped: 0 };
  const required: Field[] = input.defaultYear ? ['name', 'idNumber', 'scheme'] : ['name', 'idNumber', 'scheme', 'year'];
  let mapping: HeaderMapping | null = null;
  let encoder: ReturnType<typeof rowEncoder> | null = null;
  let copy: CopyWriter | null = null;
  let townMissingRows = 0;
  let nextProgress = PROGRESS_EVERY;
  const headRows: TableRow[] = [];

  // Synchronous for most rows: a promise only when a COPY chunk went out or progress is due
  // (a million awaited promises would cost more than the validation).
  const progress = async (sent: Promise<void> | undefined) => {
    await sent;
    await updateImportProgress(db, importId, counts); // a separate connection: visible while the transaction runs
  };
  const accept = (row: TableRow): Promise<void> | undefined => {
    const r = encoder!.encode(row);
    if (r.skipped) counts.rowsSkipped += 1;
    else counts.rowsDone += 1;
    if (r.rejected) counts.rowsRejected += 1;
    if (r.townMissing) townMissingRows += 1;
    const sent = copy!.write(r.line);
    if (counts.rowsDone < nextProgress) return sent;
    nextProgress += PROGRESS_EVERY;
    return progress(sent);
  };

  try {
    for await (const row of readTable({ path: input.filePath, fileName: input.fileName })) {
      if (encoder) {
        const pending = accept(row);
        if (pending) await pending;
        continue;
      }
      headRows.push(row);
      const found = findHeaderRow(headRows.map((r) => r.cells.map(text)), required, HEADER_SCAN_ROWS);
      if (found) {
        mapping = found.mapping;
        encoder = rowEncoder(mapping, townsByName, townCodes, input.defaultYear);
        copy = new CopyWriter(await sql`copy registry_staging (${sql([...STAGING_COLUMNS])}) from stdin`.writable());
        for (const r of headRows.slice(0, found.rowIndex)) {
          counts.rowsSkipped += 1;
          await copy.write(rejectLine(r, '表头之前的标题行', true));
        }
        for (const r of headRows.slice(found.rowIndex + 1, found.dataStartIndex)) {
          counts.rowsSkipped += 1;
          await copy.write(rejectLine(r, '表头的第二行（合并单元格下的列名）', true));
        }
        for (const r of headRows.slice(found.dataStartIndex)) await accept(r);
      } else if (headRows.length >= HEADER_SCAN_ROWS) break;
    }
    if (!copy || !mapping) throw new RegistryImportError(headerNotFound(input.defaultYear, headRows));
    await copy.end();
  } catch (err) {
    await copy?.abort(err);
    throw err;
  }
  if (counts.rowsDone === 0) throw new RegistryImportError('文件中没有可导入的参保数据行');
  await updateImportProgress(db, importId, counts);
  const has = (f: Field) => mapping![f] !== undefined;
  return {
    copyWaitMs: copy.waitedMs,
    counts,
    townMissingRows,
    columns: {
      village: has('village'),
      householdNo: has('householdNo'),
      relation: has('relation'),
      tier: has('tier'),
      paidAmount: has('paidAmount'),
      paidDate: has('paidDate'),
    },
  };
}

function headerNotFound(defaultYear: number | undefined, headRows: TableRow[]): string {
  const needed = defaultYear ? '“姓名”“身份证号码”“险种类型”' : '“姓名”“身份证号码”“险种类型”“年度”';
  let hint = '';
  if (!defaultYear) {
    const withoutYear = findHeaderRow(headRows.map((r) => r.cells.map(text)), ['name', 'idNumber', 'scheme'], HEADER_SCAN_ROWS);
    if (withoutYear) hint = '。文件没有“年度”列：请在上传时指定默认年度';
  }
  return `未找到表头：文件前 ${HEADER_SCAN_ROWS} 行中没有同时包含${needed}的行${hint}`;
}

const NEW_PERSON_WITHOUT_TOWN = '新增人员缺少乡镇（街道），无法登记：请在文件中填写乡镇（街道）';

/**
 * The set-based merge of the staging table into the registry, inside the import's transaction.
 * The SQL is assembled from constants only (which optional columns the file has); values are
 * parameters.
 */
async function mergeStaging(sql: TransactionSql, importId: number, input: RegistryImportInput, staged: Staged): Promise<RegistryImportSummary> {
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

  // A row without a town is fine for a person already in the registry (the town is kept), or when
  // another row of the file gives the person's town; a new person without any town is rejected.
  if (staged.townMissingRows > 0) {
    const rejected = await sql`
      update registry_staging s set reason = ${NEW_PERSON_WITHOUT_TOWN}, skipped = false
      where s.reason is null and s.town_code is null
        and not exists (select 1 from people p where p.id_number = s.id_number)
        and not exists (select 1 from registry_staging o where o.id_number = s.id_number and o.reason is null and o.town_code is not null)`;
    counts.rowsRejected += rejected.count;
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

  // People: the last row of the file per ID number. One statement, so both parts see the registry
  // as it was before it: existing people are updated only where a value of the file differs (an
  // unchanged person is not touched at all: no new row version, no lock, updated_at kept), new
  // people are inserted — with a plain INSERT, not ON CONFLICT (whose speculative insertion costs
  // more per row), in (town, name) order, which keeps the writes to the two name indexes local.
  // (The registry-counter triggers on people, migration 0004, count inserted rows and town moves
  // of updated rows separately, so the two parts may share one statement.)
  const town = townMissing ? 'coalesce(src.town_code, t.town_code)' : 'src.town_code';
  const personSet = [
    'name = src.name',
    `town_code = ${town}`,
    columns.village && 'village = src.village',
    columns.householdNo && 'household_id = h.id',
    columns.relation && 'relation_to_head = src.relation',
  ].filter(Boolean);
  const personOld = ['t.name', 't.town_code', columns.village && 't.village', columns.householdNo && 't.household_id', columns.relation && 't.relation_to_head'].filter(Boolean);
  const personNew = ['src.name', town, columns.village && 'src.village', columns.householdNo && 'h.id', columns.relation && 'src.relation'].filter(Boolean);
  const householdJoin = columns.householdNo ? 'left join households h on h.household_no = src.household_no' : '';
  const [people] = await sql.unsafe<{ inserted: number; updated: number }[]>(`
    with src as materialized (
      select distinct on (s.id_number collate "C") s.id_number, s.name, s.gender, s.birth_date, s.town_code, s.village, s.household_no, s.relation
      from registry_staging s
      where s.reason is null
      order by s.id_number collate "C", s.row_no desc
    ), upd as (
      update people t set ${personSet.join(', ')}, updated_at = now()
      from src ${householdJoin}
      where t.id_number = src.id_number and (${personOld.join(', ')}) is distinct from (${personNew.join(', ')})
      returning 1
    ), ins as (
      insert into people (id_number, name, gender, birth_date, town_code, village, household_id, relation_to_head)
      select src.id_number, src.name, src.gender, src.birth_date, src.town_code, src.village, ${columns.householdNo ? 'h.id' : 'null::integer'}, src.relation
      from src ${householdJoin}
      where not exists (select 1 from people p where p.id_number = src.id_number)
      order by src.town_code, src.name
      returning 1
    )
    select (select count(*) from ins)::int as inserted, (select count(*) from upd)::int as updated`);
  phase('  merge: people');

  // Enrollments: the last row per person/year/scheme, resolved to person ids once (a temp table),
  // then an UPDATE of the ones that differ and an INSERT of the new ones — two statements, not two
  // CTEs of one: the statement triggers on enrollments (registry counts, migration 0004) compare
  // the table before and after each statement, which is only right when one statement does one
  // kind of change. Inserted in person order (sequential writes to both enrollment indexes). A
  // manual enrollment saved for the same person/year/scheme meanwhile makes the INSERT fail with a
  // unique violation: the import rolls back and can simply be re-run.
  await sql`
    create temp table registry_enrollments on commit drop as
    select p.id as person_id, src.year, src.scheme, src.tier, src.status, src.paid_fen, src.paid_date
    from (
      select distinct on (s.id_number collate "C", s.year, s.scheme) s.id_number, s.year, s.scheme, s.tier, s.status, s.paid_fen, s.paid_date
      from registry_staging s
      where s.reason is null
      order by s.id_number collate "C", s.year, s.scheme, s.row_no desc
    ) src
    join people p on p.id_number = src.id_number`;
  await sql`analyze registry_enrollments`;
  const enrollmentSet = [
    columns.tier && 'tier = k.tier',
    'status = k.status',
    columns.paidAmount && 'paid_fen = k.paid_fen',
    columns.paidDate && 'paid_date = k.paid_date',
  ].filter(Boolean);
  const enrollmentOld = [columns.tier && 't.tier', 't.status', columns.paidAmount && 't.paid_fen', columns.paidDate && 't.paid_date'].filter(Boolean);
  const enrollmentNew = [columns.tier && 'k.tier', 'k.status', columns.paidAmount && 'k.paid_fen', columns.paidDate && 'k.paid_date'].filter(Boolean);
  const updated = await sql.unsafe(`
    update enrollments t set ${enrollmentSet.join(', ')}, source = 'import', updated_at = now()
    from registry_enrollments k
    where t.person_id = k.person_id and t.year = k.year and t.scheme = k.scheme
      and (${enrollmentOld.join(', ')}) is distinct from (${enrollmentNew.join(', ')})`);
  const inserted = await sql`
    insert into enrollments (person_id, year, scheme, tier, status, paid_fen, paid_date, source)
    select k.person_id, k.year, k.scheme, k.tier, k.status, k.paid_fen, k.paid_date, 'import'
    from registry_enrollments k
    where not exists (select 1 from enrollments e where e.person_id = k.person_id and e.year = k.year and e.scheme = k.scheme)
    order by k.person_id, k.year, k.scheme`;
  const enrollments = { inserted: inserted.count, updated: updated.count };
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
