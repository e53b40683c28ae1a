/** Normalizing one row of a poverty-population list (贫困人口名单). Pure: no I/O. */
import { validateIdNumber, type IdErrorCode } from '@/lib/domain/id-number';
import { toHalfWidth } from '@/lib/domain/import-headers';
import { memoByValue } from '@/lib/domain/memo';

export type PersonCategory =
  | 'tekun'
  | 'dibao'
  | 'dibao_edge'
  | 'poverty_returned'
  | 'monitored'
  | 'poverty_alleviated'
  | 'veteran'
  | 'disabled_severe'
  | 'other';

/** 人员类别 labels. */
export const PERSON_CATEGORIES: Record<PersonCategory, string> = {
  tekun: '特困人员',
  dibao: '低保对象',
  dibao_edge: '低保边缘家庭成员',
  poverty_returned: '返贫致贫人口',
  monitored: '监测帮扶对象',
  poverty_alleviated: '脱贫人口',
  veteran: '优抚对象',
  disabled_severe: '重度残疾人',
  other: '其他',
};

export type PovertySource =
  'fupin' | 'minzheng_tekun' | 'minzheng_dibao' | 'minzheng_dibao_edge' | 'veterans' | 'disabled' | 'other';

/** Which bureau a list comes from, and the category its people get when a row names none. */
export const POVERTY_SOURCES: Record<PovertySource, { label: string; defaultCategory: PersonCategory }> = {
  fupin: { label: '扶贫办/乡村振兴局', defaultCategory: 'poverty_alleviated' },
  minzheng_tekun: { label: '民政-特困', defaultCategory: 'tekun' },
  minzheng_dibao: { label: '民政-低保', defaultCategory: 'dibao' },
  minzheng_dibao_edge: { label: '民政-低保边缘', defaultCategory: 'dibao_edge' },
  veterans: { label: '退役军人事务局', defaultCategory: 'veteran' },
  disabled: { label: '残联', defaultCategory: 'disabled_severe' },
  other: { label: '其他', defaultCategory: 'other' },
};

/** Source labels alone, for `labelOf` and selects. */
export const POVERTY_SOURCE_LABELS = Object.fromEntries(
  Object.entries(POVERTY_SOURCES).map(([k, v]) => [k, v.label]),
) as Record<PovertySource, string>;

/**
 * Keyword rules, most specific first: 边缘易致贫户/脱贫不稳定户/突发严重困难户 are 监测对象 (not
 * 低保边缘), 返贫致贫 before 脱贫, 低保边缘 before 低保.
 */
const CATEGORY_RULES: Array<[RegExp, PersonCategory]> = [
  [/监测|易致贫|脱贫不稳定|突发严重困难/, 'monitored'],
  [/返贫|致贫/, 'poverty_returned'],
  [/边缘/, 'dibao_edge'],
  [/特困|五保|供养/, 'tekun'],
  [/低保/, 'dibao'],
  [/脱贫|建档立卡|贫困户|扶贫/, 'poverty_alleviated'],
  [/优抚|烈属|烈士|伤残军人|残疾军人|退役|复员|带病回乡|参战|军属/, 'veteran'],
  [/(一|二|1|2)级.*残|重度残|残.*(一|二|1|2)级/, 'disabled_severe'],
  [/(三|四|3|4)级.*残|残.*(三|四|3|4)级/, 'other'],
];

/**
 * Free text of a category column → category; a key or label is taken as is; empty or unknown
 * text falls back to the source's default category.
 */
export function parseCategory(text: string | null | undefined, source: PovertySource): PersonCategory {
  const s = toHalfWidth(text ?? '').replace(/\s+/g, '');
  if (s !== '') {
    if (Object.hasOwn(PERSON_CATEGORIES, s)) return s as PersonCategory;
    const byLabel = (Object.entries(PERSON_CATEGORIES) as [PersonCategory, string][]).find(([, l]) => l === s);
    if (byLabel) return byLabel[0];
    for (const [re, category] of CATEGORY_RULES) if (re.test(s)) return category;
  }
  return POVERTY_SOURCES[source].defaultCategory;
}

const CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/** Trim, full-width → half-width; Chinese names lose inner spaces; '•', '・', '.' etc. → '·'. */
export function normalizePersonName(raw: string | null | undefined): string {
  const s = toHalfWidth(raw ?? '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
  if (!CJK.test(s)) return s;
  return s
    .replace(/ /g, '')
    .replace(/[•・‧∙⋅･.．。]/g, '·')
    .replace(/·+/g, '·')
    .replace(/^·|·$/g, '');
}

/** Town text without the usual suffix: 米山镇 → 米山, 龙山路街道(办事处) → 龙山路. */
function townStem(name: string): string {
  return name.replace(/(街道办事处|街道办|街道|办事处|镇|乡)$/, '');
}

const stemIndexes = new WeakMap<Map<string, string>, Map<string, string | null>>();

/** stem → code, null where two towns share a stem (ambiguous). Cached per map. */
function stemIndex(townsByName: Map<string, string>): Map<string, string | null> {
  let index = stemIndexes.get(townsByName);
  if (!index) {
    index = new Map();
    for (const [name, code] of townsByName) {
      const stem = townStem(name);
      index.set(stem, index.has(stem) && index.get(stem) !== code ? null : code);
    }
    stemIndexes.set(townsByName, index);
  }
  return index;
}

/**
 * Town text → town code: exact name, then with/without suffix (米山 ↔ 米山镇, 龙山路 ↔ 龙山路街道),
 * then without a leading district (文登区米山镇). Null if unknown or ambiguous.
 */
export function matchTown(raw: string | null | undefined, townsByName: Map<string, string>): string | null {
  const s = toHalfWidth(raw ?? '').replace(/[\s\u00A0]+/g, '');
  if (s === '') return null;
  const exact = townsByName.get(s);
  if (exact) return exact;
  const index = stemIndex(townsByName);
  const byStem = index.get(townStem(s));
  if (byStem) return byStem;
  const m = /^.{1,8}?[区县市](.+)$/.exec(s);
  return m ? (townsByName.get(m[1]) ?? index.get(townStem(m[1])) ?? null) : null;
}

export interface RawListRow {
  name?: string;
  idNumber?: string | number;
  town?: string;
  village?: string;
  category?: string;
}

export interface NormalizedListRow {
  name: string;
  /** Valid 18-character ID (15-digit numbers upgraded), or null. */
  idNumber: string | null;
  /** The ID as typed after normalizeIdNumber (the 18-char ID when valid); kept for suggestions. */
  idRaw: string;
  idError: { code: IdErrorCode; message: string } | null;
  birthDate: string | null;
  gender: 'M' | 'F' | null;
  townCode: string | null;
  village: string | null;
  category: PersonCategory;
}

export function normalizeListRow(
  raw: RawListRow,
  source: PovertySource,
  townsByName: Map<string, string>,
  today: Date = new Date(),
): NormalizedListRow {
  return normalizeWith(
    raw,
    (t) => matchTown(t, townsByName),
    (c) => parseCategory(c, source),
    today,
  );
}

/** normalizeListRow for the rows of one file: the same rules, with towns and categories resolved once per distinct text. */
export function listRowNormalizer(source: PovertySource, townsByName: Map<string, string>, today: Date = new Date()) {
  const town = memoByValue((t: string | undefined) => matchTown(t, townsByName));
  const category = memoByValue((c: string | undefined) => parseCategory(c, source));
  return (raw: RawListRow) => normalizeWith(raw, town, category, today);
}

function normalizeWith(
  raw: RawListRow,
  town: (t: string | undefined) => string | null,
  category: (c: string | undefined) => PersonCategory,
  today: Date,
): NormalizedListRow {
  const rawVillage = raw.village ?? '';
  const village = rawVillage === '' ? '' : toHalfWidth(rawVillage).replace(/[\s\u00A0]+/g, '');
  const row: NormalizedListRow = {
    name: normalizePersonName(raw.name),
    idNumber: null,
    idRaw: '',
    idError: null,
    birthDate: null,
    gender: null,
    townCode: town(raw.town),
    village: village === '' ? null : village,
    category: category(raw.category),
  };
  if (typeof raw.idNumber === 'number') {
    row.idRaw = String(raw.idNumber);
    row.idError = {
      code: 'excel_number',
      message: `身份证号码单元格是 Excel 数字格式（读出为“${row.idRaw}”），15 位以后的数字可能已经丢失，无法还原；请把该列设置为“文本”格式后重新导出，不要手工猜补`,
    };
    return row;
  }
  const v = validateIdNumber(raw.idNumber ?? '', today);
  if (!v.ok) {
    row.idRaw = v.normalized;
    row.idError = { code: v.code, message: v.message };
    return row;
  }
  row.idNumber = v.id;
  row.idRaw = v.id;
  row.birthDate = v.birthDate;
  row.gender = v.gender;
  return row;
}
