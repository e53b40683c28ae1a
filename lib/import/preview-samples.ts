/** The first rows of a preview as they will be stored, per import kind (display values in Chinese). */
import { maskIdNumber } from '@/lib/domain/id-number';
import type { HeaderMapping } from '@/lib/domain/import-headers';
import { normalizeListRow, PERSON_CATEGORIES, type PovertySource } from '@/lib/domain/list-row';
import { formatYuan } from '@/lib/domain/money';
import { ENROLLMENT_STATUS_LABELS, SCHEME_LABELS, TIER_LABELS, labelOf } from '@/lib/labels';
import type { SampleShaper } from './preview';
import { registryRowShaper } from './registry-row';
import { cellText as text, fieldCell as pick } from './table-types';

export interface Towns {
  townsByName: Map<string, string>;
  townCodes: Set<string>;
  /** The towns the importer may write in a registry import (importableTownCodes); undefined: all. */
  townCodesInScope?: ReadonlySet<string>;
  nameOf: Map<string, string>;
}

export function registrySample(towns: Towns, defaultYear?: number): SampleShaper {
  let cached: { mapping: HeaderMapping; shape: ReturnType<typeof registryRowShaper> } | null = null;
  return (cells, mapping): ReturnType<SampleShaper> => {
    if (cached?.mapping !== mapping) cached = { mapping, shape: registryRowShaper({ mapping, ...towns, defaultYear }) };
    const r = cached.shape(cells);
    if (!r.ok)
      return {
        status: 'rejected',
        values: { 姓名: text(pick(cells, mapping, 'name')) },
        problems: r.problems.map((p) => p.message),
      };
    const v = r.values;
    return {
      status: 'ok',
      problems: v.townCode ? [] : ['未填乡镇（街道）：已登记的人员保留原乡镇，新增人员将被拒收'],
      values: {
        姓名: v.name,
        身份证号码: maskIdNumber(v.idNumber),
        '乡镇(街道)': v.townCode ? `${towns.nameOf.get(v.townCode) ?? ''}（${v.townCode}）` : '',
        参保年度: String(v.year),
        险种类型: labelOf(SCHEME_LABELS, v.scheme),
        缴费档次: labelOf(TIER_LABELS, v.tier),
        '缴费金额(元)': formatYuan(v.paidFen),
        缴费日期: v.paidDate ?? '',
        参保状态: labelOf(ENROLLMENT_STATUS_LABELS, v.status),
      },
    };
  };
}

export function listSample(towns: Towns, source: PovertySource): SampleShaper {
  return (cells, mapping): ReturnType<SampleShaper> => {
    const n = normalizeListRow(
      {
        name: text(pick(cells, mapping, 'name')),
        idNumber: pick(cells, mapping, 'idNumber') ?? '',
        town: text(pick(cells, mapping, 'town')),
        village: text(pick(cells, mapping, 'village')),
        category: text(pick(cells, mapping, 'category')),
      },
      source,
      towns.townsByName,
    );
    return {
      status: n.idError ? 'rejected' : 'ok',
      problems: n.idError ? [`身份证号有误（将保留为待核实）：${n.idError.message}`] : [],
      values: {
        姓名: n.name,
        身份证号码: n.idNumber ? maskIdNumber(n.idNumber) : '',
        '乡镇(街道)': n.townCode ? (towns.nameOf.get(n.townCode) ?? n.townCode) : '',
        '村(居)': n.village ?? '',
        人员类别: PERSON_CATEGORIES[n.category],
      },
    };
  };
}
