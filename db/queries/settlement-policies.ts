/**
 * 一站式结算 policy versions by year: the highest version of a year is in force; a change is a new
 * version (the database refuses edits). Policy data is the same for every scope.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { SettlementPolicy } from '@/lib/domain/settlement-policy';
import type { Executor } from '../index';
import { settlementPolicies as sp } from '../schema';

/** The version in force for a year, or null when the year has none. */
export async function policyOfYear(db: Executor, year: number) {
  const [row] = await db.select().from(sp).where(eq(sp.year, year)).orderBy(desc(sp.version)).limit(1);
  return row ?? null;
}

export async function policyById(db: Executor, id: number) {
  const [row] = await db.select().from(sp).where(eq(sp.id, id));
  return row ?? null;
}

/** Every version, newest year and version first. */
export async function listPolicyVersions(db: Executor) {
  return db
    .select({
      id: sp.id,
      year: sp.year,
      version: sp.version,
      params: sp.params,
      docRef: sp.docRef,
      note: sp.note,
      createdAt: sp.createdAt,
      createdBy: sp.createdBy,
    })
    .from(sp)
    .orderBy(desc(sp.year), desc(sp.version));
}

/** Adds the next version of a year (serialized per year by an advisory lock). */
export async function insertPolicyVersion(
  db: Executor,
  v: { year: number; params: SettlementPolicy; docRef: string; note?: string | null; createdBy: number | null },
) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('settlement_policy'), ${v.year})`);
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${sp.version}), 0)::int + 1` })
    .from(sp)
    .where(eq(sp.year, v.year));
  const [row] = await db
    .insert(sp)
    .values({
      year: v.year,
      version: next,
      params: v.params,
      docRef: v.docRef,
      note: v.note ?? null,
      createdBy: v.createdBy,
    })
    .returning();
  return row;
}

/** Seeds a version when the year has none with that number (idempotent). */
export async function ensurePolicyVersion(
  db: Executor,
  v: { year: number; version: number; params: SettlementPolicy; docRef: string },
) {
  const [existing] = await db
    .select({ id: sp.id })
    .from(sp)
    .where(and(eq(sp.year, v.year), eq(sp.version, v.version)));
  if (existing) return existing.id;
  const [row] = await db.insert(sp).values(v).onConflictDoNothing().returning({ id: sp.id });
  return row?.id ?? null;
}
