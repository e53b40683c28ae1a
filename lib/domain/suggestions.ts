/**
 * Match suggestions for list rows whose ID is invalid or not in the registry: candidates with
 * the same name, scored by birth date, a near-identical ID and town, with the evidence shown.
 * A person confirms; nothing here links automatically. Pure: no I/O.
 */
import { maskIdNumber, normalizeIdNumber } from '@/lib/domain/id-number';
import { remaskLegacy } from '@/lib/domain/id-masking';
import { parseDate } from '@/lib/domain/import-headers';
import { normalizePersonName } from '@/lib/domain/list-row';

export type IdDifference =
  | { kind: 'same' }
  | { kind: 'one_digit'; position: number }
  | { kind: 'transposition'; position: number }
  | { kind: 'other' };

/**
 * How two ID strings differ: identical; one character (Hamming distance 1; `position` 1-based);
 * two adjacent characters swapped (`position` = the first of the pair); anything else.
 */
export function idDifference(a: string, b: string): IdDifference {
  if (a === b) return { kind: 'same' };
  if (a.length !== b.length) return { kind: 'other' };
  const diffs: number[] = [];
  for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
  if (diffs.length === 1) return { kind: 'one_digit', position: diffs[0] + 1 };
  const [i, j] = diffs;
  if (diffs.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i])
    return { kind: 'transposition', position: i + 1 };
  return { kind: 'other' };
}

export interface SuggestionRow {
  name: string;
  /** The ID as typed (normalized), possibly invalid or empty. */
  idNumber: string;
  birthDate?: string | null;
  townCode?: string | null;
}

export interface SuggestionCandidate<Id = number> {
  personId: Id;
  name: string;
  idNumber: string;
  birthDate: string;
  townCode: string;
}

export interface Evidence {
  field: 'name' | 'idNumber' | 'birthDate' | 'townCode';
  row: string | null;
  candidate: string;
  agrees: boolean;
  note?: string;
}

export interface Suggestion<Id = number> {
  personId: Id;
  /** 0..100: name 30, + birth date 40, + near-identical ID 45, + same town 20, capped at 100. */
  score: number;
  /** strong: name + birth date, or name + ID off by one character / one swap; weak: name + town. */
  strength: 'strong' | 'weak' | 'none';
  reasons: string[];
  evidence: Evidence[];
}

const SCORE = { name: 30, birthDate: 40, idNumber: 45, town: 20 } as const;

/** The row's birth date: its own field, else positions 7-14 of an 18-character raw ID if a real date. */
function rowBirthDate(row: SuggestionRow): { value: string | null; derived: boolean } {
  const own = row.birthDate ? parseDate(row.birthDate) : null;
  if (own) return { value: own, derived: false };
  const id = normalizeIdNumber(row.idNumber ?? '');
  const fromId = /^\d{8}$/.test(id.slice(6, 14)) && id.length === 18 ? parseDate(id.slice(6, 14)) : null;
  return { value: fromId, derived: fromId !== null };
}

/**
 * The birth-date line of the evidence: the years and whether the dates agree, never a whole date —
 * next to the masked IDs above it, the date would give the number back.
 */
function birthEvidence(row: string | null, candidate: string, agrees: boolean, derived: boolean): Evidence {
  const year = (d: string) => `${d.slice(0, 4)}年`;
  const note =
    row === null
      ? '名单无出生日期'
      : `${agrees ? '出生日期一致' : row.slice(0, 4) === candidate.slice(0, 4) ? '出生年份相同，月日不一致' : '出生日期不一致'}${derived ? '（名单出生日期由其身份证号第 7-14 位推算）' : ''}`;
  return { field: 'birthDate', row: row === null ? null : year(row), candidate: year(candidate), agrees, note };
}

const WHOLE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Stored evidence as it may be shown: suggestions stored before masks hid the sequence digits and
 * before the birth line held years only are shown as they are stored now (masks re-masked, dates
 * cut to years with 一致/不一致). Unknown shapes pass through.
 */
export function shownEvidence(stored: unknown): unknown {
  const e = remaskLegacy(stored);
  if (typeof e !== 'object' || e === null || !Array.isArray((e as { fields?: unknown }).fields)) return e;
  const fields = (e as { fields: Evidence[] }).fields.map((f) => {
    if (f.field !== 'birthDate' || !WHOLE_DATE.test(f.candidate ?? '')) return f;
    const row = f.row && WHOLE_DATE.test(f.row) ? f.row : null;
    return birthEvidence(row, f.candidate, f.agrees, /推算/.test(f.note ?? ''));
  });
  return { ...e, fields };
}

function idNote(d: IdDifference): string {
  switch (d.kind) {
    case 'same':
      return '号码相同';
    case 'one_digit':
      return `第 ${d.position} 位不同`;
    case 'transposition':
      return `第 ${d.position}、${d.position + 1} 位顺序颠倒`;
    default:
      return '多处不同';
  }
}

function scoreOne<Id>(
  row: SuggestionRow,
  name: string,
  birth: ReturnType<typeof rowBirthDate>,
  c: SuggestionCandidate<Id>,
): Suggestion<Id> {
  let score = SCORE.name;
  let strong = false;
  const reasons = ['姓名相同'];
  const evidence: Evidence[] = [{ field: 'name', row: name, candidate: c.name, agrees: true }];

  const rowId = normalizeIdNumber(row.idNumber ?? '');
  const diff: IdDifference =
    rowId.length === 18 && c.idNumber.length === 18 ? idDifference(rowId, c.idNumber) : { kind: 'other' };
  const idNear = diff.kind !== 'other';
  if (idNear) {
    score += SCORE.idNumber;
    strong = true;
    reasons.push(
      diff.kind === 'same' ? '身份证号相同' : `身份证号${diff.kind === 'one_digit' ? '仅' : ''}${idNote(diff)}`,
    );
  }
  evidence.push({
    field: 'idNumber',
    row: rowId === '' ? null : maskIdNumber(rowId),
    candidate: maskIdNumber(c.idNumber),
    agrees: diff.kind === 'same',
    note: rowId === '' ? '名单未填身份证号' : rowId.length !== 18 ? `名单号码为 ${rowId.length} 位` : idNote(diff),
  });

  const birthAgrees = birth.value !== null && birth.value === c.birthDate;
  if (birthAgrees) {
    score += SCORE.birthDate;
    strong = true;
    reasons.push(birth.derived ? '出生日期相同（由名单身份证号推算）' : '出生日期相同');
  }
  evidence.push(birthEvidence(birth.value, c.birthDate, birthAgrees, birth.derived));

  const townAgrees = !!row.townCode && row.townCode === c.townCode;
  if (townAgrees) {
    score += SCORE.town;
    reasons.push('同一乡镇(街道)');
  }
  evidence.push({ field: 'townCode', row: row.townCode ?? null, candidate: c.townCode, agrees: townAgrees });

  const strength = strong ? 'strong' : townAgrees ? 'weak' : 'none';
  return { personId: c.personId, score: Math.min(100, score), strength, reasons, evidence };
}

/** Scores candidates for one row; candidates with a different name are dropped; best first. */
export function suggestMatches<Id>(row: SuggestionRow, candidates: SuggestionCandidate<Id>[]): Suggestion<Id>[] {
  const name = normalizePersonName(row.name);
  if (name === '') return [];
  const birth = rowBirthDate(row);
  return candidates
    .filter((c) => normalizePersonName(c.name) === name)
    .map((c) => scoreOne(row, name, birth, c))
    .sort((a, b) => b.score - a.score);
}

/**
 * What a row says of its candidates outside the caller's scope (they are not shown): how many, and
 * who may confirm them — the district's staff when they lie in the caller's district, the whole
 * area's staff (全统筹区) beyond it. Null when there are none.
 */
export function outsideScopeNote(
  scopeLevel: 'area' | 'district' | 'town',
  counts: { outside: number; outsideDistrict: number },
): string | null {
  if (counts.outside <= 0) return null;
  const who = scopeLevel === 'town' && counts.outsideDistrict === 0 ? '区级' : '全统筹区';
  return `另有 ${counts.outside} 个可能匹配的人员不在您的管辖范围内，请${who}经办人员核对`;
}
