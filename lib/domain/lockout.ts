/** Account lockout: five failed attempts lock the account for 15 minutes. Pure rules, no I/O. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil != null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after a failed attempt; `locked` is true when this attempt triggered the lock. */
export function afterFailedAttempt(state: LockState, now: Date): LockState & { locked: boolean } {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil && !isLocked(state, now) ? 0 : state.failedAttempts;
  const failedAttempts = previous + 1;
  if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000), locked: true };
  }
  return { failedAttempts, lockedUntil: null, locked: false };
}

export function afterSuccessfulLogin(): LockState {
  return { failedAttempts: 0, lockedUntil: null };
}

export function minutesLeft(state: LockState, now: Date): number {
  if (!state.lockedUntil) return 0;
  return Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000));
}
