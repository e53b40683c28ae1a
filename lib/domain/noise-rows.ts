/**
 * Rows of a table that hold no person: blank rows, 合计 rows, notes, a header repeated on every
 * printed page. They are skipped with the reason and reported, not counted as errors. Pure.
 */
import { looksLikeHeaderOf } from './header-recognition';
import { toHalfWidth, type Field, type HeaderMapping } from './import-headers';

const nonEmpty = (cells: string[]) => cells.map((c) => String(c ?? '').trim()).filter((c) => c !== '');
const TOTAL_WORDS = /合计|总计|小计|共计/;
const NOTE_PREFIXES = /^(备注|注:|说明|制表|审核|填报|负责人|经办人|联系人|联系电话)/;

/** Why a data row is skipped (blank, 合计 row, note row, repeated header), or null for a real row. */
export function noiseReason(cells: string[], mapping: HeaderMapping): string | null {
  const filled = nonEmpty(cells).map((c) => toHalfWidth(c).replace(/\s+/g, ''));
  if (filled.length === 0) return '空行';
  if (filled.slice(0, 3).some((c) => TOTAL_WORDS.test(c))) return `合计行：${filled.slice(0, 3).join(' ')}`;
  if (NOTE_PREFIXES.test(filled[0])) return `备注/说明行：${filled[0].slice(0, 30)}`;
  const mapped = Object.values(mapping) as number[];
  if (mapped.length === 0) return null;
  if (mapped.every((i) => String(cells[i] ?? '').trim() === '')) return '空行（无人员信息）';
  const repeated = (Object.entries(mapping) as [Field, number][]).filter(([field, i]) =>
    looksLikeHeaderOf(String(cells[i] ?? ''), field),
  );
  if (repeated.length >= Math.min(2, mapped.length)) return '重复的表头行';
  return null;
}
