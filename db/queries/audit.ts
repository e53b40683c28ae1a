import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../index';
import { auditLog } from '../schema';
import type { AuditAction } from '@/lib/audit-actions';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  personId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  userId: number | null;
  username: string;
  role: string;
  ip: string | null;
}

function auditRow(actor: AuditActor, entry: AuditEntry) {
  return {
    userId: actor.userId,
    username: actor.username,
    role: actor.role,
    ip: actor.ip,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    personId: entry.personId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}

export async function writeAudit(db: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(actor, entry));
}

interface AuditBatch {
  waiting: { row: ReturnType<typeof auditRow>; done: (err?: unknown) => void }[];
  writing: boolean;
}
const batches = new WeakMap<Executor, AuditBatch>();

/**
 * The audit row of a read outside any transaction (an export, a view of personal data): written
 * together with the rows other requests are waiting to write — one INSERT and one commit for all of
 * them (group commit), at most one at a time per database — and resolved once it is committed, so a
 * read never answers before its audit row is durable. Under many concurrent exports this saves a
 * commit (a WAL flush) per request.
 */
export function writeAuditGrouped(db: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  let batch = batches.get(db);
  if (!batch) batches.set(db, (batch = { waiting: [], writing: false }));
  const b = batch;
  const written = new Promise<void>((resolve, reject) =>
    b.waiting.push({ row: auditRow(actor, entry), done: (err) => (err ? reject(err) : resolve()) }),
  );
  if (!b.writing) {
    b.writing = true;
    setImmediate(() => void flushAudit(db, b));
  }
  return written;
}

async function flushAudit(db: Executor, b: AuditBatch): Promise<void> {
  while (b.waiting.length) {
    const rows = b.waiting.splice(0, 500);
    try {
      await db.insert(auditLog).values(rows.map((r) => r.row));
      rows.forEach((r) => r.done());
    } catch (err) {
      rows.forEach((r) => r.done(err));
    }
  }
  b.writing = false;
}

export interface AuditSearch {
  personId?: number;
  username?: string;
  action?: string;
  from?: string; // YYYY-MM-DD inclusive
  to?: string; // YYYY-MM-DD inclusive
  page: number;
  pageSize: number;
}

/** Audit search for supervisors and admins (the whole area: the audit log is not town-scoped data). */
export async function searchAudit(db: Executor, q: AuditSearch) {
  const where: SQL[] = [];
  if (q.personId != null) where.push(eq(auditLog.personId, q.personId));
  if (q.username) where.push(eq(auditLog.username, q.username));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.from) where.push(gte(auditLog.at, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) where.push(lt(auditLog.at, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(auditLog).where(cond),
  ]);
  return { data: rows, total };
}
