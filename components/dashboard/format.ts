import { formatWanYuan, formatYuan } from '@/lib/domain/money';

/** How the dashboard shows its numbers: counts with separators, money as 元 (two decimals) or 万元, rates as %. */

export const fmtCount = (n: number | null | undefined): string => (n == null ? '—' : n.toLocaleString('zh-CN'));

/** Integer fen → "1,234.56 元". */
export const fmtYuan = (fen: number | null | undefined): string => (fen == null ? '—' : `${formatYuan(fen)} 元`);

/** Integer fen → "318.00万元" (large totals). */
export const fmtWan = (fen: number | null | undefined): string => (fen == null ? '—' : formatWanYuan(fen));

/** Large totals in 万元, small ones (under 1万元) in 元. */
export const fmtMoney = (fen: number | null | undefined): string =>
  fen == null ? '—' : Math.abs(fen) >= 1_000_000 ? formatWanYuan(fen) : fmtYuan(fen);

/** A ratio (1.0059) → "100.59%"; no denominator → "—". */
export const fmtRate = (ratio: number | null | undefined): string =>
  ratio == null || !Number.isFinite(ratio) ? '—' : `${(ratio * 100).toFixed(2)}%`;

/** Days (fractional) → "3.5 天". */
export const fmtDays = (days: number | null | undefined): string => (days == null ? '—' : `${days.toFixed(1)} 天`);

/** Axis ticks: a ratio as a whole percent; fen as 万元 without the unit. */
export const tickRate = (ratio: number): string => `${Math.round(ratio * 100)}%`;
export const tickWan = (fen: number): string => (fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 });
export const tickCount = (n: number): string => n.toLocaleString('zh-CN');

/** A money axis: 万元 when the largest value reaches 1万元, else 元. */
export function moneyScale(maxFen: number): { unit: string; tick: (fen: number) => string } {
  return maxFen >= 1_000_000
    ? { unit: '万元', tick: tickWan }
    : { unit: '元', tick: (fen) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 }) };
}
