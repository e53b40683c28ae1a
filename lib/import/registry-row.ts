/**
 * One row of a registry export → the values that will be stored, or the reasons it cannot be
 * (each with a code, so that alike failures can stop the import). Used by the import (millions of
 * rows: memoized parsers, no work for the common case) and by the preview (the first rows as they
 * will be stored).
 */
import { inScope, scopeOf } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';
import { validateIdNumber } from '@/lib/domain/id-number';
import {
  parseDate,
  parseScheme,
  parseTier,
  parseYuanToFen,
  toHalfWidth,
  type Field,
  type HeaderMapping,
} from '@/lib/domain/import-headers';
import type { RowProblem } from '@/lib/domain/import-stop';
import { memoByValue } from '@/lib/domain/memo';
import { matchTown, normalizePersonName } from '@/lib/domain/list-row';
import type { CellValue } from './read-table';
import { cellText as text } from './table-types';

export interface RegistryRowValues {
  idNumber: string;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  /** Null: the file gives no town for this row (kept for a person already registered). */
  townCode: string | null;
  village: string | null;
  householdNo: string | null;
  relation: string | null;
  year: number;
  scheme: 'employee' | 'resident';
  tier: 'tier1' | 'tier2' | null;
  status: 'active' | 'suspended' | 'terminated';
  paidFen: number;
  paidDate: string | null;
}

export type ShapedRegistryRow = { ok: true; values: RegistryRowValues } | { ok: false; problems: RowProblem[] };

const STATUSES: Record<string, 'active' | 'suspended' | 'terminated'> = {
  正常: 'active',
  参保缴费: 'active',
  正常参保: 'active',
  参保: 'active',
  正常缴费: 'active',
  有效: 'active',
  在保: 'active',
  '1': 'active',
  active: 'active',
  暂停: 'suspended',
  暂停参保: 'suspended',
  暂停缴费: 'suspended',
  中断: 'suspended',
  中断缴费: 'suspended',
  '2': 'suspended',
  suspended: 'suspended',
  终止: 'terminated',
  终止参保: 'terminated',
  注销: 'terminated',
  退保: 'terminated',
  '4': 'terminated',
  terminated: 'terminated',
};

const NEEDS_SQUEEZE = /[\s\u00A0\u3000\uFF01-\uFF5E\uFFE5]/;
/** Half-width, no whitespace (the common case — nothing to change — is one regex test). */
export const squeeze = (v: unknown): string => {
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

/** 年度: 2026, '2026', '2026年', '2026年度', and a 所属期 '202601' / '2026-01' → 2026 (1990–2100); else null. */
export function parseYear(v: unknown): number | null {
  const s = squeeze(v).replace(/年度?$/, '');
  const m = /^(\d{4})(?:[-/.]?(0[1-9]|1[0-2])|[-/.]([1-9]))?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  return y >= 1990 && y <= 2100 ? y : null;
}

const PLAIN_CJK_NAME = /^[\u4e00-\u9fa5]{1,20}$/;
const NINE_DIGITS = /^\d{9}$/;

/** The problem code of a row whose town lies outside the importer's scope (it does not stop an import). */
export const TOWN_OUTSIDE_SCOPE = 'town.outside_scope';
export const OUTSIDE_SCOPE_REASON = '不能导入或修改其他区的人员（请由全统筹区经办人员导入）';

/**
 * The towns whose people an importer may write: every town for the whole area's staff (undefined:
 * no restriction), a district's towns for its staff (a town's staff, who may not import the
 * registry at all, get their town).
 */
export function importableTownCodes(
  user: Pick<SessionUser, 'role' | 'districtCode' | 'townCode' | 'hospitalId'>,
  towns: readonly { code: string; districtCode: string }[],
): Set<string> | undefined {
  const scope = scopeOf(user);
  if (scope.level === 'area') return undefined;
  return new Set(
    towns.filter((t) => inScope(scope, { townCode: t.code, districtCode: t.districtCode })).map((t) => t.code),
  );
}

export interface RegistryRowContext {
  mapping: HeaderMapping;
  townsByName: Map<string, string>;
  townCodes: Set<string>;
  /** The towns the importer may write (importableTownCodes); undefined: all. */
  townCodesInScope?: ReadonlySet<string>;
  /** Fills blank year cells only (never a column the file has: see header-confirmation.ts). */
  defaultYear?: number;
  today?: Date;
}

/** The shaper of one file: `shape(cells)` validates a data row. */
export function registryRowShaper(ctx: RegistryRowContext) {
  const { mapping, townsByName, townCodes, townCodesInScope, defaultYear } = ctx;
  const today = ctx.today ?? new Date();
  const cell = (cells: CellValue[], f: Field): CellValue => {
    const i = mapping[f];
    return i == null ? null : (cells[i] ?? null);
  };
  const memo = <T>(fn: (v: CellValue) => T) => memoByValue(fn, 20_000);
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

  return function shape(cells: CellValue[]): ShapedRegistryRow {
    const problems: RowProblem[] = [];
    const problem = (code: string, message: string) => problems.push({ code, message });
    const shortText = (f: Field, max: number, label: string, raw: CellValue = cell(cells, f)): string | null => {
      const s = squeeze(raw);
      if (s.length > max) problem(`${f}.too_long`, `${label}超过 ${max} 个字符`);
      return s === '' ? null : s;
    };

    const rawName = text(cell(cells, 'name'));
    const name = PLAIN_CJK_NAME.test(rawName) ? rawName : normalizePersonName(rawName);
    if (name === '') problem('name.empty', '姓名为空');
    else if (name.length > 50) problem('name.too_long', '姓名超过 50 个字符');

    const rawId = cell(cells, 'idNumber');
    let id: { id: string; gender: 'M' | 'F'; birthDate: string } | null = null;
    if (typeof rawId === 'number') {
      problem(
        'idNumber.excel_number',
        `身份证号码单元格是 Excel 数字格式（读出为“${String(rawId)}”），15 位以后的数字可能已经丢失，无法还原；请把该列设置为“文本”格式后重新导出，不要手工猜补`,
      );
    } else {
      const v = validateIdNumber(rawId ?? '', today);
      if (v.ok) id = { id: v.id, gender: v.gender, birthDate: v.birthDate };
      else problem(`idNumber.${v.code}`, v.code === 'empty' ? '身份证号码为空' : `身份证号码有误：${v.message}`);
    }

    const rawScheme = cell(cells, 'scheme');
    const schemeValue = scheme(rawScheme);
    if (!schemeValue) {
      if (squeeze(rawScheme) === '') problem('scheme.empty', '险种类型为空');
      else problem('scheme.unknown', `险种类型无法识别：“${text(rawScheme)}”（应为 390/城乡居民 或 310/职工）`);
    }

    const rawYear = cell(cells, 'year');
    const yearValue = year(rawYear);
    if (yearValue == null) {
      if (squeeze(rawYear) === '') problem('year.empty', '年度为空（可在上传时指定默认年度，只用于年度为空的行）');
      else problem('year.invalid', `年度有误：“${text(rawYear)}”（应为 4 位年份，如 2026）`);
    }

    const rawTown = cell(cells, 'town');
    const townCode = town(rawTown);
    if (townCode === undefined) problem('town.unknown', `乡镇（街道）“${text(rawTown)}”不在本区镇街名单中`);
    else if (townCode && townCodesInScope && !townCodesInScope.has(townCode))
      problem(TOWN_OUTSIDE_SCOPE, `乡镇（街道）“${text(rawTown)}”不在您管辖的区内：${OUTSIDE_SCOPE_REASON}`);

    const village = shortText('village', 50, '村(居)');
    const rawHousehold = cell(cells, 'householdNo');
    if (typeof rawHousehold === 'number' && !Number.isSafeInteger(rawHousehold)) {
      problem(
        'householdNo.excel_number',
        `户号单元格是 Excel 数字格式（读出为“${String(rawHousehold)}”），末几位可能已经丢失`,
      );
    }
    const householdNo = shortText('householdNo', 30, '户号', rawHousehold);
    const relation = shortText('relation', 20, '与户主关系');

    const rawTier = cell(cells, 'tier');
    const tierValue = squeeze(rawTier) === '' ? null : tier(rawTier);
    if (tierValue === null && squeeze(rawTier) !== '')
      problem('tier.unknown', `缴费档次无法识别：“${text(rawTier)}”（应为 一档 或 二档）`);

    const rawAmount = cell(cells, 'paidAmount');
    const paidFen = amount(rawAmount);
    if (paidFen == null || paidFen > 2_000_000_000) {
      problem('paidAmount.invalid', `缴费金额有误：“${text(rawAmount)}”（应为不小于 0 的金额，单位元，最多两位小数）`);
    }

    const rawDate = cell(cells, 'paidDate');
    const paidDate = date(rawDate);
    if (paidDate === null && squeeze(rawDate) !== '') problem('paidDate.invalid', `缴费日期有误：“${text(rawDate)}”`);

    const rawStatus = cell(cells, 'status');
    const statusValue = status(rawStatus);
    if (!statusValue)
      problem('status.unknown', `参保状态无法识别：“${text(rawStatus)}”（应为 正常/参保缴费、暂停 或 终止）`);

    if (problems.length > 0 || !id) return { ok: false, problems };
    return {
      ok: true,
      values: {
        idNumber: id.id,
        name,
        gender: id.gender,
        birthDate: id.birthDate,
        townCode: townCode ?? null,
        village,
        householdNo,
        relation,
        year: yearValue!,
        scheme: schemeValue!,
        tier: schemeValue === 'resident' ? tierValue : null,
        status: statusValue!,
        paidFen: paidFen!,
        paidDate,
      },
    };
  };
}
