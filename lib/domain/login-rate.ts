/**
 * Login rate limit per client address: after 20 failed attempts within 5 minutes an address is
 * refused (with the same message as any failed login) until its oldest failure in the window is
 * 5 minutes old. Pure counting rule over the failures' times (ms); the store is lib/server's.
 */
export interface RateRule {
  limit: number;
  windowMs: number;
}

export const LOGIN_RATE: RateRule = { limit: 20, windowMs: 5 * 60_000 };

/** The failures still inside the window ending at `now`, oldest first (at most `limit` of them). */
export function recentFailures(times: readonly number[], now: number, rule: RateRule = LOGIN_RATE): number[] {
  const recent = times.filter((t) => t > now - rule.windowMs && t <= now);
  return recent.slice(Math.max(0, recent.length - rule.limit));
}

/** True when the address has used up its failures for the window. */
export function isRateLimited(times: readonly number[], now: number, rule: RateRule = LOGIN_RATE): boolean {
  return recentFailures(times, now, rule).length >= rule.limit;
}

/** The times to keep after one more failure at `now`: only what the rule can still count. */
export function afterFailure(times: readonly number[], now: number, rule: RateRule = LOGIN_RATE): number[] {
  return recentFailures([...times, now], now, rule);
}
