import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { caseEvidence, cases, people, towns, users, type Case } from '../schema';
import { townScopeCondition } from './scope';
import type { AreaScope } from '@/lib/auth/types';
import { maskIdNumber } from '@/lib/domain/id-number';
import { shanghaiDayRange, shanghaiDayStart } from '@/lib/domain/shanghai-day';

export interface CaseQuery {
  status?: 'open' | 'closed';
  townCode?: string;
  assigneeId?: number;
  overdueOnly?: boolean;
  /** Opened / closed on the Shanghai days from..to (either end may be open). */
  openedFrom?: string;
  openedTo?: string;
  closedFrom?: string;
  closedTo?: string;
  page: number;
  pageSize: number;
}

function caseWhere(scope: AreaScope, q: CaseQuery, today: string) {
  return and(
    townScopeCondition(cases.townCode, scope),
    q.status ? eq(cases.status, q.status) : undefined,
    q.townCode ? eq(cases.townCode, q.townCode) : undefined,
    q.assigneeId ? eq(cases.assigneeId, q.assigneeId) : undefined,
    q.overdueOnly ? and(eq(cases.status, 'open'), lt(cases.dueDate, today)) : undefined,
    q.openedFrom ? gte(cases.openedAt, shanghaiDayStart(q.openedFrom)) : undefined,
    q.openedTo ? lt(cases.openedAt, shanghaiDayRange(q.openedTo, q.openedTo).end) : undefined,
    q.closedFrom ? gte(cases.closedAt, shanghaiDayStart(q.closedFrom)) : undefined,
    q.closedTo ? lt(cases.closedAt, shanghaiDayRange(q.closedTo, q.closedTo).end) : undefined,
  );
}

/** The query of one page of the worklist (exported for the query-plan test). */
export function casePageQuery(db: Executor, scope: AreaScope, q: CaseQuery, today: string) {
  return db
    .select({
      id: cases.id,
      year: cases.year,
      kind: cases.kind,
      status: cases.status,
      dueDate: cases.dueDate,
      note: cases.note,
      closeReason: cases.closeReason,
      openedAt: cases.openedAt,
      closedAt: cases.closedAt,
      townCode: cases.townCode,
      townName: towns.name,
      assigneeId: cases.assigneeId,
      assigneeName: users.displayName,
      personId: people.id,
      personName: people.name,
      idNumber: people.idNumber,
    })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.personId))
    .innerJoin(towns, eq(towns.code, cases.townCode))
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .where(caseWhere(scope, q, today))
    .orderBy(sql`(${cases.status} = 'closed')`, asc(cases.dueDate), asc(cases.id)) // cases_worklist_order_idx
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
}

/** The 销号 worklist within the scope: open cases first, overdue first (earliest due date). */
export async function listCases(db: Executor, scope: AreaScope, q: CaseQuery, today: string) {
  const [rows, [{ total }]] = await Promise.all([
    casePageQuery(db, scope, q, today),
    db
      .select({ total: count() })
      .from(cases)
      .where(caseWhere(scope, q, today)),
  ]);
  return {
    data: rows.map(({ idNumber, ...r }) => ({
      ...r,
      maskedId: maskIdNumber(idNumber),
      overdue: r.status === 'open' && r.dueDate < today,
    })),
    total,
  };
}
export type CaseRow = Awaited<ReturnType<typeof listCases>>['data'][number];

export async function findCaseInScope(
  db: Executor,
  scope: AreaScope,
  caseId: number,
  lock = false,
): Promise<Case | null> {
  const query = db
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), townScopeCondition(cases.townCode, scope)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The cases among `ids` that lie in the scope, locked for the bulk assignment (missing or out of scope: left out). */
export function lockCasesInScope(db: Executor, scope: AreaScope, ids: number[]): Promise<Case[]> {
  return db
    .select()
    .from(cases)
    .where(and(inArray(cases.id, ids), townScopeCondition(cases.townCode, scope)))
    .for('update');
}

export async function setCasesAssignee(db: Executor, ids: number[], assigneeId: number): Promise<void> {
  await db.update(cases).set({ assigneeId }).where(inArray(cases.id, ids));
}

/** Updates one case (the caller has found and locked it in its scope); returns the row after. */
export async function updateCase(db: Executor, id: number, values: Partial<typeof cases.$inferInsert>): Promise<Case> {
  const [row] = await db.update(cases).set(values).where(eq(cases.id, id)).returning();
  return row;
}

/** The person's open case (there is at most one), or null. */
export async function openCaseOfPerson(db: Executor, personId: number): Promise<{ id: number } | null> {
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.personId, personId), eq(cases.status, 'open')));
  return row ?? null;
}

export async function insertCaseEvidence(
  db: Executor,
  values: typeof caseEvidence.$inferInsert,
): Promise<{ id: number }> {
  const [row] = await db.insert(caseEvidence).values(values).returning({ id: caseEvidence.id });
  return row;
}

export function caseEvidenceList(db: Executor, caseId: number) {
  return db
    .select({
      id: caseEvidence.id,
      fileName: caseEvidence.fileName,
      mimeType: caseEvidence.mimeType,
      sizeBytes: caseEvidence.sizeBytes,
      uploadedAt: caseEvidence.uploadedAt,
    })
    .from(caseEvidence)
    .where(eq(caseEvidence.caseId, caseId))
    .orderBy(asc(caseEvidence.id));
}

/** One evidence file of a case in the scope, with the case's person (for the download's audit row), or null. */
export async function getEvidenceFile(db: Executor, scope: AreaScope, evidenceId: number) {
  const [row] = await db
    .select({ file: caseEvidence, personId: cases.personId })
    .from(caseEvidence)
    .innerJoin(cases, eq(cases.id, caseEvidence.caseId))
    .where(and(eq(caseEvidence.id, evidenceId), townScopeCondition(cases.townCode, scope)));
  return row ? { ...row.file, personId: row.personId } : null;
}

/** Staff who may be assigned a case of `townCode`: active agency staff of that town or its whole district. */
export async function assignableStaff(db: Executor, townCode: string) {
  const [town] = await db.select().from(towns).where(eq(towns.code, townCode));
  if (!town) return [];
  return db
    .select({ id: users.id, displayName: users.displayName, townCode: users.townCode })
    .from(users)
    .where(
      and(
        eq(users.role, 'agency_staff'),
        eq(users.disabled, false),
        eq(users.districtCode, town.districtCode),
        sql`(${users.townCode} is null or ${users.townCode} = ${townCode})`,
      ),
    );
}

/**
 * Closes open cases as 已参保 when the registry shows the enrollment for the case's year: a 未参保
 * case needs an active enrollment; a 重复参保 case needs exactly one. Returns the closed cases.
 */
export async function autoCloseEnrolledCases(db: Executor, personIds?: number[]): Promise<Case[]> {
  const active = sql`(select count(*) from enrollments e where e.person_id = ${cases.personId} and e.year = ${cases.year} and e.status = 'active')`;
  const conditions: SQL[] = [
    eq(cases.status, 'open'),
    sql`((${cases.kind} = 'not_enrolled' and ${active} >= 1) or (${cases.kind} = 'duplicate' and ${active} = 1))`,
  ];
  if (personIds) {
    if (personIds.length === 0) return [];
    conditions.push(inArray(cases.personId, personIds));
  }
  return db
    .update(cases)
    .set({ status: 'closed', closeReason: 'enrolled', closedAt: new Date(), closeNote: '登记系统显示已参保，自动销号' })
    .where(and(...conditions))
    .returning();
}

/** Every case of one person (the person page's 销号任务), newest first. */
export function casesOfPerson(db: Executor, personId: number) {
  return db
    .select({
      id: cases.id,
      year: cases.year,
      kind: cases.kind,
      status: cases.status,
      dueDate: cases.dueDate,
      closeReason: cases.closeReason,
      closedAt: cases.closedAt,
      assigneeName: users.displayName,
      townCode: cases.townCode,
    })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .where(eq(cases.personId, personId))
    .orderBy(desc(cases.year), desc(cases.id));
}
export type PersonCaseRow = Awaited<ReturnType<typeof casesOfPerson>>[number];
