import { and, asc, count, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { districts, hospitals, towns, users } from '../schema';
import type { Role } from '@/lib/auth/types';

/** Every user column except the password hash, which never leaves this module. */
const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  districtCode: users.districtCode,
  townCode: users.townCode,
  hospitalId: users.hospitalId,
  disabled: users.disabled,
  failedAttempts: users.failedAttempts,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export interface UserPublic {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  districtCode: string | null;
  townCode: string | null;
  hospitalId: number | null;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type UserListRow = UserPublic & {
  districtName: string | null;
  townName: string | null;
  hospitalName: string | null;
};

export interface UserScopeValues {
  role: Role;
  districtCode: string | null;
  townCode: string | null;
  hospitalId: number | null;
}

/** Escapes LIKE wildcards in user input. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(
  db: Executor,
  q: { page: number; pageSize: number; q?: string; role?: Role },
): Promise<{ data: UserListRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
  }
  if (q.role) where.push(eq(users.role, q.role));
  const cond = where.length ? and(...where) : undefined;
  const [data, [{ total }]] = await Promise.all([
    db
      .select({ ...publicColumns, districtName: districts.name, townName: towns.name, hospitalName: hospitals.name })
      .from(users)
      .leftJoin(districts, eq(districts.code, users.districtCode))
      .leftJoin(towns, eq(towns.code, users.townCode))
      .leftJoin(hospitals, eq(hospitals.id, users.hospitalId))
      .where(cond)
      .orderBy(asc(users.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(users).where(cond),
  ]);
  return { data, total };
}

/** One user without the hash; `forUpdate` locks the row for the rest of the transaction. */
export async function getUserById(
  db: Executor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<UserPublic | null> {
  const query = db.select(publicColumns).from(users).where(eq(users.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Case-insensitive: "Admin" and "admin" would be too easy to confuse at the login form. */
export async function usernameTaken(db: Executor, username: string, exceptId?: number): Promise<boolean> {
  const cond = eq(sql`lower(${users.username})`, username.toLowerCase());
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(exceptId == null ? cond : and(cond, ne(users.id, exceptId)))
    .limit(1);
  return !!row;
}

export async function createUser(
  db: Executor,
  values: UserScopeValues & { username: string; displayName: string; passwordHash: string },
): Promise<UserPublic> {
  const [row] = await db.insert(users).values(values).returning(publicColumns);
  return row;
}

/** Raises the session version: every session of the account ends. */
const endSessions = { sessionVersion: sql`${users.sessionVersion} + 1` };

/** `endSessions` when the role or scope changes: sessions issued under the old one end. */
export async function updateUser(
  db: Executor,
  id: number,
  values: UserScopeValues & { displayName: string },
  options: { endSessions: boolean },
): Promise<UserPublic> {
  const [row] = await db
    .update(users)
    .set({ ...values, ...(options.endSessions ? endSessions : {}), updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning(publicColumns);
  return row;
}

/**
 * An admin's reset: sets a new password hash, unlocks the account (clears failed attempts and the
 * lock), ends its sessions and requires the user to change the password at the next login.
 */
export async function setPassword(db: Executor, id: number, passwordHash: string): Promise<UserPublic> {
  const [row] = await db
    .update(users)
    .set({
      passwordHash,
      failedAttempts: 0,
      lockedUntil: null,
      mustChangePassword: true,
      ...endSessions,
      updatedAt: new Date(),
    })
    .where(eq(users.id, id))
    .returning(publicColumns);
  return row;
}

/** Also ends the account's sessions. */
export async function setDisabled(db: Executor, id: number, disabled: boolean): Promise<UserPublic> {
  const [row] = await db
    .update(users)
    .set({ disabled, ...endSessions, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning(publicColumns);
  return row;
}

/** Lifts a lockout: clears failed attempts and the lock (the password stays). */
export async function unlockUser(db: Executor, id: number): Promise<UserPublic> {
  const [row] = await db
    .update(users)
    .set({ failedAttempts: 0, lockedUntil: null, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning(publicColumns);
  return row;
}

/** Ids of the enabled admins, locked so that two admins cannot demote each other at the same time. */
export async function lockActiveAdminIds(db: Executor): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
    .orderBy(asc(users.id))
    .for('update');
  return rows.map((r) => r.id);
}

export function listHospitalsBrief(db: Executor) {
  return db.select({ id: hospitals.id, name: hospitals.name }).from(hospitals).orderBy(asc(hospitals.id));
}

export function listAllTowns(db: Executor) {
  return db
    .select({ code: towns.code, name: towns.name, districtCode: towns.districtCode })
    .from(towns)
    .orderBy(asc(towns.code));
}

export function listDistricts(db: Executor) {
  return db.select({ code: districts.code, name: districts.name }).from(districts).orderBy(asc(districts.code));
}

export async function findTown(db: Executor, code: string) {
  const [row] = await db.select().from(towns).where(eq(towns.code, code));
  return row ?? null;
}

export async function districtExists(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ code: districts.code }).from(districts).where(eq(districts.code, code));
  return !!row;
}

export async function hospitalExists(db: Executor, id: number): Promise<boolean> {
  const [row] = await db.select({ id: hospitals.id }).from(hospitals).where(eq(hospitals.id, id));
  return !!row;
}
