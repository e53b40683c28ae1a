/** Money is stored as integer fen (分) and shown as 元 with two decimals; large totals in 万元. */

/** Parses a 元 amount ("450", "450.5", "450.50") into fen exactly; null if not a valid amount. */
export function yuanToFen(input: string | number): number | null {
  const text = String(input).trim().replace(/,/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 3,180,000.00 元 → "318.00万元". */
export function formatWanYuan(fen: number): string {
  return `${(fen / 1_000_000).toFixed(2)}万元`;
}
