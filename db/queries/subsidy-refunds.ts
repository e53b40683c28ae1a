/** Refunds to people added mid-year who had already paid (待退 → 已退 / 退回失败 → 待退). */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../index';
import { people, subsidyLines, subsidyRefunds, towns, users, type SubsidyRefund } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';
import { birthYearOf, maskIdNumber } from '@/lib/domain/id-number';

export async function lockRefundInScope(db: Executor, scope: AreaScope, id: number): Promise<SubsidyRefund | null> {
  const [row] = await db
    .select()
    .from(subsidyRefunds)
    .where(and(eq(subsidyRefunds.id, id), townScopeCondition(subsidyRefunds.townCode, scope)))
    .for('update');
  return row ?? null;
}

export async function updateRefund(db: Executor, id: number, values: Partial<typeof subsidyRefunds.$inferInsert>) {
  const [row] = await db
    .update(subsidyRefunds)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(subsidyRefunds.id, id))
    .returning();
  return row;
}

/** Refunds in the scope, newest first; ID numbers masked with the birth year beside them. */
export async function listRefunds(
  db: Executor,
  scope: AreaScope,
  filter: { year?: number; status?: SubsidyRefund['status']; personId?: number; townCode?: string },
) {
  const rows = await db
    .select({
      id: subsidyRefunds.id,
      year: subsidyRefunds.year,
      personId: subsidyRefunds.personId,
      personName: people.name,
      idNumber: people.idNumber,
      birthDate: people.birthDate,
      townCode: subsidyRefunds.townCode,
      townName: towns.name,
      amountFen: subsidyRefunds.amountFen,
      status: subsidyRefunds.status,
      accountRef: subsidyRefunds.accountRef,
      statusDate: subsidyRefunds.statusDate,
      failReason: subsidyRefunds.failReason,
      batchId: subsidyLines.batchId,
      category: subsidyLines.category,
      paidFen: subsidyLines.paidFen,
      updatedByName: users.displayName,
      createdAt: subsidyRefunds.createdAt,
      updatedAt: subsidyRefunds.updatedAt,
    })
    .from(subsidyRefunds)
    .innerJoin(people, eq(people.id, subsidyRefunds.personId))
    .innerJoin(towns, eq(towns.code, subsidyRefunds.townCode))
    .innerJoin(subsidyLines, eq(subsidyLines.id, subsidyRefunds.lineId))
    .leftJoin(users, eq(users.id, subsidyRefunds.updatedBy))
    .where(
      and(
        townScopeCondition(subsidyRefunds.townCode, scope),
        filter.year ? eq(subsidyRefunds.year, filter.year) : undefined,
        filter.status ? eq(subsidyRefunds.status, filter.status) : undefined,
        filter.personId ? eq(subsidyRefunds.personId, filter.personId) : undefined,
        filter.townCode ? eq(subsidyRefunds.townCode, filter.townCode) : undefined,
      ),
    )
    .orderBy(sql`${subsidyRefunds.status} = 'refunded'`, desc(subsidyRefunds.id))
    .limit(5000);
  return rows.map(({ idNumber, birthDate, ...r }) => ({
    ...r,
    maskedId: maskIdNumber(idNumber),
    birthYear: birthYearOf(birthDate),
  }));
}
