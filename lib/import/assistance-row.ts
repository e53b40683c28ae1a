/**
 * One row of a settlement export (医疗救助, SETL_D) checked and shaped in JS, before any database
 * step: the ID number (GB 11643), the settlement id, settlement or reversal (INIT_SETL_ID / 退费结算标志),
 * medical type, settlement date, institution and the three amounts in fen. Problems carry a code
 * (`field.kind`) so rows failing alike stop the import (lib/domain/import-stop.ts).
 */
import { parseMedType, parseRefundFlag, yearOfDate, type MedType } from '@/lib/domain/assistance';
import { validateIdNumber } from '@/lib/domain/id-number';
import { FIELD_LABELS, parseDate, parseYuanToFen, toHalfWidth, type HeaderMapping } from '@/lib/domain/import-headers';
import type { RowProblem } from '@/lib/domain/import-stop';
import { normalizePersonName } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { maskIdNumber } from '@/lib/domain/id-number';
import type { SampleShaper } from './preview';
import { cellText as text, fieldCell as pick, type CellValue } from './table-types';

export interface AssistanceRowValues {
  name: string;
  idNumber: string;
  settlementId: string;
  /** Set for a reversal: the settlement it cancels. */
  initSettlementId: string | null;
  medType: MedType;
  settlementDate: string;
  year: number;
  institutionCode: string | null;
  /** Null for a reversal without one (the original's is used). */
  institutionName: string | null;
  totalFen: number;
  policyRangeFen: number;
  /** Signed as in the file for a reversal; ≥ 0 for a settlement. */
  assistanceFen: number;
}

export type AssistanceRowResult = { ok: true; values: AssistanceRowValues } | { ok: false; problems: RowProblem[] };

const clean = (v: CellValue | undefined) =>
  toHalfWidth(text(v))
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();

/** An identifier cell: an Excel number (1.2345E+17) is refused (its digits are lost), never guessed. */
function identifier(v: CellValue | undefined): string | null | 'excel' {
  if (v == null || v === '') return null;
  if (typeof v === 'number' && !Number.isSafeInteger(v)) return 'excel';
  const s = clean(v).replace(/\s+/g, '');
  if (/^\d(\.\d+)?E\+\d+$/i.test(s)) return 'excel';
  return s === '' ? null : s;
}

/** A 元 amount, negative allowed ('-120.50', '(120.50)'); null when malformed. */
function signedFen(v: CellValue | undefined): number | null {
  if (typeof v === 'number') return v < 0 ? negate(parseYuanToFen(-v)) : parseYuanToFen(v);
  const s = clean(v).replace(/\s+/g, '');
  const neg = /^-|^\(.*\)$|^（.*）$/.test(s);
  const fen = parseYuanToFen(s.replace(/^-/, '').replace(/^[(（](.*)[)）]$/, '$1'));
  return neg ? negate(fen) : fen;
}
const negate = (fen: number | null) => (fen == null ? null : fen === 0 ? 0 : -fen);

const problem = (field: string, kind: string, message: string): RowProblem => ({ code: `${field}.${kind}`, message });

function amount(
  cells: CellValue[],
  mapping: HeaderMapping,
  field: 'totalCost' | 'policyRangeCost' | 'assistanceAmount',
) {
  const raw = pick(cells, mapping, field);
  if (raw == null || clean(raw) === '')
    return { fen: null, problem: problem(field, 'empty', `未填${FIELD_LABELS[field]}`) };
  const fen = signedFen(raw);
  if (fen == null)
    return {
      fen: null,
      problem: problem(field, 'format', `${FIELD_LABELS[field]}“${clean(raw)}”不是有效的金额（元）`),
    };
  return { fen, problem: null };
}

/** Checks and shapes one data row. */
export function shapeAssistanceRow(
  cells: CellValue[],
  mapping: HeaderMapping,
  today = new Date(),
): AssistanceRowResult {
  const problems: RowProblem[] = [];
  const name = normalizePersonName(text(pick(cells, mapping, 'name')));
  if (!name) problems.push(problem('name', 'empty', '未填姓名'));
  const id = validateIdNumber(text(pick(cells, mapping, 'idNumber')), today);
  if (!id.ok) problems.push(problem('idNumber', id.code, `证件号码有误：${id.message}`));

  const settlementId = identifier(pick(cells, mapping, 'settlementId'));
  if (settlementId == null) problems.push(problem('settlementId', 'empty', '未填结算ID'));
  else if (settlementId === 'excel')
    problems.push(
      problem(
        'settlementId',
        'excel',
        '结算ID被 Excel 存成了数字（科学计数法），位数已丢失：请把该列设为文本后重新导出',
      ),
    );
  else if (settlementId.length > 40) problems.push(problem('settlementId', 'long', '结算ID超过 40 个字符'));
  const init = identifier(pick(cells, mapping, 'initSettlementId'));
  if (init === 'excel') problems.push(problem('initSettlementId', 'excel', '原结算ID被 Excel 存成了数字，位数已丢失'));
  else if (init && init.length > 40) problems.push(problem('initSettlementId', 'long', '原结算ID超过 40 个字符'));
  const flagCell = pick(cells, mapping, 'refundFlag');
  const flag = parseRefundFlag(flagCell);
  if (flag == null)
    problems.push(problem('refundFlag', 'format', `退费结算标志“${clean(flagCell)}”无法识别（应为 0/1、是/否）`));
  // A reversal: the refund flag says so, or (no flag given) an original is named.
  const isReversal = flag === true || (flag === false && clean(flagCell) === '' && init != null && init !== 'excel');
  if (isReversal && (init == null || init === 'excel') && flag === true)
    problems.push(problem('initSettlementId', 'empty', '退费结算未填原结算ID：无法确定冲销哪一笔结算'));
  if (isReversal && init != null && init === settlementId)
    problems.push(problem('initSettlementId', 'self', '原结算ID与结算ID相同'));

  const medCell = pick(cells, mapping, 'medType');
  const medType = parseMedType(medCell);
  if (!medType)
    problems.push(
      problem(
        'medType',
        clean(medCell) ? 'unknown' : 'empty',
        clean(medCell) ? `医疗类别“${clean(medCell)}”无法识别为住院或门诊` : '未填医疗类别',
      ),
    );
  const dateCell = pick(cells, mapping, 'settlementDate');
  const settlementDate = parseDate(dateCell);
  const thisYear = today.getFullYear();
  if (!settlementDate)
    problems.push(
      problem(
        'settlementDate',
        clean(dateCell) ? 'format' : 'empty',
        clean(dateCell) ? `结算时间“${clean(dateCell)}”不是有效日期` : '未填结算时间',
      ),
    );
  else if (yearOfDate(settlementDate) < 2000 || yearOfDate(settlementDate) > thisYear + 1)
    problems.push(problem('settlementDate', 'range', `结算时间 ${settlementDate} 超出合理范围`));

  const institutionCode = clean(pick(cells, mapping, 'institutionCode')) || null;
  const institutionName = clean(pick(cells, mapping, 'institutionName')) || null;
  if (institutionCode && institutionCode.length > 30)
    problems.push(problem('institutionCode', 'long', '定点医药机构编号超过 30 个字符'));
  if (institutionName && institutionName.length > 100)
    problems.push(problem('institutionName', 'long', '定点医药机构名称超过 100 个字符'));
  if (!institutionName && !isReversal) problems.push(problem('institutionName', 'empty', '未填定点医药机构名称'));

  const total = amount(cells, mapping, 'totalCost');
  const policy = amount(cells, mapping, 'policyRangeCost');
  const assist = amount(cells, mapping, 'assistanceAmount');
  for (const a of [total, policy, assist]) if (a.problem) problems.push(a.problem);
  if (!isReversal && total.fen != null && policy.fen != null && assist.fen != null) {
    if (total.fen < 0 || policy.fen < 0 || assist.fen < 0)
      problems.push(
        problem('assistanceAmount', 'negative', '结算的金额不能为负数（冲销请填写原结算ID和退费结算标志）'),
      );
    else if (policy.fen > total.fen)
      problems.push(problem('policyRangeCost', 'over_total', '符合范围金额大于医疗费总额'));
    else if (assist.fen > total.fen)
      problems.push(problem('assistanceAmount', 'over_total', '医疗救助金额大于医疗费总额'));
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    values: {
      name,
      idNumber: id.ok ? id.id : '',
      settlementId: settlementId as string,
      initSettlementId: isReversal ? (init as string) : null,
      medType: medType!,
      settlementDate: settlementDate!,
      year: yearOfDate(settlementDate!),
      institutionCode,
      institutionName,
      totalFen: total.fen!,
      policyRangeFen: policy.fen!,
      assistanceFen: assist.fen!,
    },
  };
}

/** The preview's rows as they will be stored (the person is matched to the registry when importing). */
export function assistanceSample(): SampleShaper {
  return (cells, mapping): ReturnType<SampleShaper> => {
    const r = shapeAssistanceRow(cells, mapping);
    if (!r.ok)
      return {
        status: 'rejected',
        values: { 姓名: text(pick(cells, mapping, 'name')) },
        problems: r.problems.map((p) => p.message),
      };
    const v = r.values;
    return {
      status: 'ok',
      problems: v.initSettlementId ? [`冲销原结算 ${v.initSettlementId}：原结算与本行都不计入救助金额和人次`] : [],
      values: {
        结算ID: v.settlementId,
        类型: v.initSettlementId ? '冲销' : '结算',
        姓名: v.name,
        证件号码: maskIdNumber(v.idNumber),
        医疗类别: v.medType === 'inpatient' ? '住院' : '门诊',
        结算日期: v.settlementDate,
        定点医药机构: v.institutionName ?? '',
        '医疗费总额(元)': formatYuan(v.totalFen),
        '符合范围金额(元)': formatYuan(v.policyRangeFen),
        '医疗救助(元)': formatYuan(v.assistanceFen),
      },
    };
  };
}
