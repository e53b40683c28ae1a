/**
 * Exact arithmetic of the settlement: money in integer fen, rates in basis points, a product of
 * the two in fen·bp (an integer, exact while below 2^53 — amounts up to tens of millions of 元).
 */
import type { Band } from './settlement-policy';

export const BP = 10_000;

/** numerator / denominator rounded half-up (.5 goes up); numerator ≥ 0, denominator > 0, both integers. */
export function roundHalfUp(numerator: number, denominator: number): number {
  if (numerator < 0) throw new RangeError('roundHalfUp expects a non-negative numerator');
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** fen·bp → fen, rounded half-up. */
export const fenOf = (fenBp: number): number => roundHalfUp(fenBp, BP);

/** The part of this stay's increment (before → after) in each band: the figures of a cumulative layer. */
export interface BandPart {
  fromFen: number;
  /** null: no upper end. */
  toFen: number | null;
  rateBp: number;
  /** The part of this stay's increment that falls in the band (fen). */
  baseFen: number;
}

/** f(after) − f(before) for the piecewise-linear f of the bands, exactly (fen·bp), with the parts. */
export function bandIncrement(
  bands: Band[],
  beforeFen: number,
  afterFen: number,
): { fenBp: number; parts: BandPart[] } {
  let fenBp = 0;
  const parts: BandPart[] = bands.map((b, i) => {
    const toFen = i + 1 < bands.length ? bands[i + 1].fromFen : null;
    const lo = Math.max(beforeFen, b.fromFen);
    const hi = toFen === null ? afterFen : Math.min(afterFen, toFen);
    const baseFen = Math.max(0, hi - lo);
    fenBp += baseFen * b.rateBp;
    return { fromFen: b.fromFen, toFen, rateBp: b.rateBp, baseFen };
  });
  return { fenBp, parts };
}

/** What an annual cap leaves for this stay: min(amount, cap − paid before), never negative. */
export function applyCap(amountFen: number, capFen: number | null, paidBeforeFen: number): number {
  if (capFen === null) return amountFen;
  return Math.min(amountFen, Math.max(0, capFen - paidBeforeFen));
}
