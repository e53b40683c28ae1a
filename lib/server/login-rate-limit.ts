/**
 * The login rate limit's store: failed attempts per client address, in this process's memory
 * (lib/domain/login-rate.ts counts). A restart forgets them; several portal processes each count
 * their own. Addresses unknown to the server (no peer, see client-ip.ts) share one bucket.
 */
import { afterFailure, isRateLimited, LOGIN_RATE, recentFailures, type RateRule } from '@/lib/domain/login-rate';

export interface LoginRateLimiter {
  isLimited(address: string | null, now: number): boolean;
  recordFailure(address: string | null, now: number): void;
}

const UNKNOWN = 'unknown';

/** `maxAddresses` bounds the memory an attacker rotating addresses can use (oldest entries go first). */
export function createLoginRateLimiter(rule: RateRule = LOGIN_RATE, maxAddresses = 10_000): LoginRateLimiter {
  const failures = new Map<string, number[]>();
  let lastSweep = 0;

  function sweep(now: number) {
    if (now - lastSweep < rule.windowMs && failures.size < maxAddresses) return;
    lastSweep = now;
    for (const [key, times] of failures) if (recentFailures(times, now, rule).length === 0) failures.delete(key);
    for (const key of failures.keys()) {
      if (failures.size < maxAddresses) break;
      failures.delete(key);
    }
  }

  return {
    isLimited(address, now) {
      const times = failures.get(address ?? UNKNOWN);
      return !!times && isRateLimited(times, now, rule);
    },
    recordFailure(address, now) {
      const key = address ?? UNKNOWN;
      sweep(now);
      const times = afterFailure(failures.get(key) ?? [], now, rule);
      failures.delete(key); // re-inserted last: the Map's order is oldest activity first
      failures.set(key, times);
    },
  };
}

const globalForLimiter = globalThis as unknown as { portalLoginRateLimiter?: LoginRateLimiter };

/** The process's limiter (one per process, also across Next.js's module reloads in development). */
export function loginRateLimiter(): LoginRateLimiter {
  globalForLimiter.portalLoginRateLimiter ??= createLoginRateLimiter();
  return globalForLimiter.portalLoginRateLimiter;
}
