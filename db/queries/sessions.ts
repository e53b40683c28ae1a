import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { users } from '../schema';

/** What a session check needs of an account: the user as guards see it, and its session state. */
export async function findSessionUser(db: Executor, id: number) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      districtCode: users.districtCode,
      townCode: users.townCode,
      hospitalId: users.hospitalId,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

/**
 * Sign-out: ends every session of the account — but only when the token signing out is of the
 * current version, so a stale token cannot end the account's live sessions.
 */
export async function endSessionsOnSignOut(db: Executor, id: number, tokenVersion: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, id), eq(users.sessionVersion, tokenVersion)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** The account's password hash, the row locked for the rest of the transaction. */
export async function lockPasswordHash(db: Executor, id: number): Promise<string | null> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id)).for('update');
  return row?.passwordHash ?? null;
}

/** The user's own change: the new hash, the forced change done, every session (this one too) ended. */
export async function setOwnPassword(db: Executor, id: number, passwordHash: string) {
  const [row] = await db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: false,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, id))
    .returning({ id: users.id, sessionVersion: users.sessionVersion });
  return row;
}
