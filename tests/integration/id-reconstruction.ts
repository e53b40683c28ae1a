/**
 * Reconstruction check for masked ID numbers in an operation's answer: for every masked ID found,
 * count the valid 18-character ID numbers consistent with the mask and with what the same object
 * (and its parent) shows about birth and gender. A mask that stays a mask leaves at least
 * `MIN_CANDIDATES` numbers; hiding exactly the birth date while showing it leaves one.
 */
import ExcelJS from 'exceljs';
import { computeCheckCharacter, validateIdNumber } from '@/lib/domain/id-number';

export const MIN_CANDIDATES = 10;
/** Characters a mask must hide (the 8 of the birth date and at least 2 of the sequence number). */
export const MIN_HIDDEN = 10;

export type Fact =
  | { kind: 'date'; value: string }
  | { kind: 'year'; value: number }
  | { kind: 'age'; value: number }
  | { kind: 'gender'; value: 'M' | 'F' };

export interface Problem {
  path: string;
  problem: string;
}

const MASK_TOKEN = /[0-9X*]{15,18}/g;
/** 15 to 18 digits (the last may be X) in a row: a whole ID number, valid or not (a typo is one character from it). */
const ID_LIKE = /(?<![0-9X])\d{14,17}[\dX](?![0-9X])/g;

/**
 * An unmasked run of 15–18 digits that is an ID number: every 18-character one (valid or a typo),
 * a valid 15-digit one, and 16–17 digits carrying a real birth date (a digit lost); not a
 * household number such as 371003000000002.
 */
function looksLikeId(s: string): boolean {
  if (s.length === 18 || validateIdNumber(s).ok) return true;
  return s.length > 15 && realDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14))) !== null;
}

/** The masked ID numbers in a string (15 or 18 characters of digits, X and at least one '*'). */
export function masksIn(s: string): string[] {
  return [...s.matchAll(MASK_TOKEN)]
    .map((m) => m[0])
    .filter((m) => (m.length === 15 || m.length === 18) && m.includes('*') && /\d/.test(m));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function realDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** A birth fact from a shown value: a whole date (several spellings), or a year. */
function birthFact(v: unknown): Fact | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1850 && v <= 2100) return { kind: 'year', value: v };
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const dm = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?(T.*)?$/.exec(s);
  if (dm) {
    const date = realDate(Number(dm[1]), Number(dm[2]), Number(dm[3]));
    if (date) return { kind: 'date', value: date };
  }
  const ym = /^(\d{4})\s*年?$/.exec(s);
  if (ym && Number(ym[1]) >= 1850) return { kind: 'year', value: Number(ym[1]) };
  return null;
}

/** Facts about birth and gender shown by one key/value of an object. */
function factsOf(key: string, value: unknown, holder: Record<string, unknown>): Fact[] {
  const birthKey = /birth|出生/i.test(key) || (/^(row|candidate)$/.test(key) && /birth/i.test(String(holder.field)));
  if (birthKey) {
    const f = birthFact(value);
    return f ? [f] : [];
  }
  if (/^age$|年龄/i.test(key) && typeof value === 'number') return [{ kind: 'age', value }];
  if (/gender|性别/i.test(key) && typeof value === 'string') {
    if (value === 'M' || value === '男') return [{ kind: 'gender', value: 'M' }];
    if (value === 'F' || value === '女') return [{ kind: 'gender', value: 'F' }];
  }
  return [];
}

/** Dates written inside the same text as a masked ID (an error report's original row). */
function datesInText(s: string): Fact[] {
  const out: Fact[] = [];
  for (const m of s.matchAll(/(?<!\d)(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?!\d)/g)) {
    const date = realDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
    if (date) out.push({ kind: 'date', value: date });
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function hasMask(v: unknown): boolean {
  if (typeof v === 'string') return masksIn(v).length > 0;
  if (Array.isArray(v)) return v.some(hasMask);
  if (isObject(v)) return Object.values(v).some(hasMask);
  return false;
}

/** Facts of an object: its own values and those of the children that carry no masked ID of their own. */
function collectFacts(obj: Record<string, unknown>, out: Fact[]) {
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) {
      for (const e of v) {
        if (isObject(e)) {
          if (!hasMask(e)) collectFacts(e, out);
        } else out.push(...factsOf(k, e, obj));
      }
    } else if (isObject(v)) {
      if (!hasMask(v)) collectFacts(v, out);
    } else out.push(...factsOf(k, v, obj));
  }
}

function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

function holds(f: Fact, date: string, today: string): boolean {
  switch (f.kind) {
    case 'date':
      return f.value === date;
    case 'year':
      return Number(date.slice(0, 4)) === f.value;
    case 'age':
      return ageOn(date, today) === f.value;
    case 'gender':
      return true;
  }
}

function yearsOf(f: Fact, today: string): number[] | null {
  const y = Number(today.slice(0, 4));
  switch (f.kind) {
    case 'date':
      return [Number(f.value.slice(0, 4))];
    case 'year':
      return [f.value];
    case 'age':
      return [y - f.value - 1, y - f.value];
    case 'gender':
      return null;
  }
}

/**
 * How many valid 18-character ID numbers agree with the mask and every fact (counting stops at
 * `limit`). A 15-character mask is read as the legacy number: 19 + YYMMDD, check character unknown.
 */
export function countCandidates(mask: string, facts: Fact[], today: string, limit = MIN_CANDIDATES): number {
  const m = mask.length === 15 ? `${mask.slice(0, 6)}19${mask.slice(6)}*` : mask;
  if (m.length !== 18 || /\*/.test(m.slice(0, 6))) return limit; // area hidden too: many more
  let years: number[] = [];
  for (let y = 1850; y <= Number(today.slice(0, 4)); y++) years.push(y);
  for (const f of facts) {
    const ys = yearsOf(f, today);
    if (ys) years = years.filter((y) => ys.includes(y));
  }
  const gender = facts.find((f) => f.kind === 'gender')?.value;
  const fits = (s: string, from: number) => [...s].every((c, i) => m[from + i] === '*' || m[from + i] === c);
  let count = 0;
  for (const y of years) {
    for (let day = new Date(Date.UTC(y, 0, 1)); day.getUTCFullYear() === y; day.setUTCDate(day.getUTCDate() + 1)) {
      const date = day.toISOString().slice(0, 10);
      if (date > today || !facts.every((f) => holds(f, date, today))) continue;
      const ymd = date.replace(/-/g, '');
      if (!fits(ymd, 6)) continue;
      for (let seq = 0; seq < 1000; seq++) {
        const s = String(seq).padStart(3, '0');
        if (!fits(s, 14)) continue;
        if (gender && (seq % 2 === 1) !== (gender === 'M')) continue;
        const first17 = m.slice(0, 6) + ymd + s;
        const check = computeCheckCharacter(first17);
        if (m[17] !== '*' && m[17] !== check) continue;
        if (++count >= limit) return count;
      }
    }
  }
  return count;
}

/** Each fact alone and all of them together: the fewest candidates any reading of the object leaves. */
function fewestCandidates(mask: string, facts: Fact[], today: string): { count: number; facts: Fact[] } {
  const readings: Fact[][] = [[], ...facts.map((f) => [f]), facts];
  let worst = { count: Infinity, facts: [] as Fact[] };
  for (const r of readings) {
    const count = countCandidates(mask, r, today);
    // 0: the facts belong to someone else (they contradict the mask) — no reading of this number
    if (count > 0 && count < worst.count) worst = { count, facts: r };
  }
  return worst;
}

/** Every problem of one answer: whole ID numbers, masks hiding too little, masks the shown facts undo. */
export function checkAnswer(answer: unknown, today: string): Problem[] {
  const problems: Problem[] = [];
  const visit = (v: unknown, path: string, parent: Record<string, unknown> | null) => {
    if (Array.isArray(v)) return v.forEach((e, i) => visit(e, `${path}[${i}]`, parent));
    if (!isObject(v)) return;
    for (const [k, value] of Object.entries(v)) {
      const at = `${path}.${k}`;
      if (/sha256/i.test(k)) continue; // a file's hash, not a number of anyone
      if (typeof value === 'string') checkString(value, at, v, parent);
      else visit(value, at, v);
    }
  };
  const checkString = (
    s: string,
    at: string,
    holder: Record<string, unknown>,
    parent: Record<string, unknown> | null,
  ) => {
    for (const [id] of s.matchAll(ID_LIKE))
      if (looksLikeId(id))
        problems.push({ path: at, problem: `unmasked ID number ${id}${validateIdNumber(id).ok ? '' : ' (invalid)'}` });
    const masks = masksIn(s);
    if (masks.length === 0) return;
    const facts: Fact[] = [...datesInText(s)];
    collectFacts(holder, facts);
    if (parent) collectFacts(parent, facts);
    for (const mask of masks) {
      const hidden = [...mask].filter((c) => c === '*').length;
      if (hidden < MIN_HIDDEN) problems.push({ path: at, problem: `${mask} hides only ${hidden} characters` });
      const worst = fewestCandidates(mask, facts, today);
      if (worst.count < MIN_CANDIDATES)
        problems.push({
          path: at,
          problem: `${mask} with ${JSON.stringify(worst.facts)} leaves ${worst.count} ID number(s)`,
        });
    }
  };
  visit(answer, '$', null);
  return problems;
}

/** An answer as JSON would carry it, with .xlsx workbooks read into rows keyed by their header. */
export async function readable(answer: unknown): Promise<unknown> {
  if (Buffer.isBuffer(answer)) {
    if (answer.subarray(0, 2).toString() !== 'PK') return '<file>';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(answer as unknown as ArrayBuffer);
    return wb.worksheets.map((ws) => {
      const header = (ws.getRow(1).values as unknown[]).map((h) => String(h ?? ''));
      const rows: Record<string, unknown>[] = [];
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const values = row.values as unknown[];
        rows.push(Object.fromEntries(header.map((h, i) => [h || `col${i}`, values[i] ?? null]).slice(1)));
      });
      return { sheet: ws.name, rows };
    });
  }
  if (answer instanceof Date) return answer.toISOString();
  if (Array.isArray(answer)) return Promise.all(answer.map(readable));
  if (isObject(answer))
    return Object.fromEntries(await Promise.all(Object.entries(answer).map(async ([k, v]) => [k, await readable(v)])));
  return answer;
}
