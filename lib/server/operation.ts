import { z } from 'zod';
import type { Db, Executor } from '@/db';
import { writeAudit, writeAuditGrouped, type AuditEntry } from '@/db/queries/audit';
import { can, type Permission } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';
import { ALREADY_DONE_MESSAGE, isRequestKey } from '@/lib/domain/request-key';
import { zodErrorMessage } from '@/lib/schemas/errors';
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './pg-errors';
import { onceForJob, onceInTransaction, type Once } from './request-key';

/** 503: the database could not be reached (lib/server/pg-errors.ts); nothing was written. */
export type FailureStatus = 400 | 401 | 403 | 404 | 409 | 503;

/**
 * `alreadyDone`: a repeat of a write already done (the same request key, lib/server/request-key.ts):
 * `data` is the first answer's, nothing ran again, and `message` says so.
 */
export type OperationResult<T> =
  | { ok: true; data: T; alreadyDone?: true; message?: string }
  | { ok: false; status: FailureStatus; error: string; fieldErrors?: Record<string, string[]> };

/**
 * Thrown by a handler to fail with a Chinese message; the transaction is rolled back. With `audit`,
 * that row is written all the same — after the rollback, outside the transaction: for refusals
 * worth recording (who tried what, and why it was refused).
 */
export class OperationError extends Error {
  constructor(
    public readonly status: FailureStatus,
    message: string,
    public readonly audit?: AuditEntry,
  ) {
    super(message);
  }
}

export const forbidden = () => new OperationError(403, '无权访问：该操作或数据不在您的权限范围内');
export const notFound = (what = '记录') => new OperationError(404, `${what}不存在或不在您的权限范围内`);
export const PASSWORD_CHANGE_REQUIRED = '请先修改密码：管理员重置的密码或初始密码须由本人修改后才能使用其他功能';

export interface OperationContext {
  user: SessionUser;
  /** The transaction (writes) or the database (reads, jobs). */
  db: Executor;
  /** The database itself, for jobs that run their own transactions (imports). */
  database: Db;
  /**
   * The read client (db/read.ts getReadDb: a replica when DATABASE_READ_URL is set), for reads
   * that may lag the primary a little — the dashboards. Without one given: the database itself.
   */
  readDb: Db;
  ip: string | null;
  audit: (entry: AuditEntry) => Promise<void>;
}

export interface RunOptions {
  db: Db;
  /** The read client (invoke passes getReadDb()); defaults to db. */
  readDb?: Db;
  ip?: string | null;
  /**
   * The request's idempotency key (invoke takes it from the x-request-key header): a write or job
   * sent again with the same key by the same user runs once. Ignored by reads and when malformed.
   */
  requestKey?: string | null;
}

/** read: no transaction; write: one transaction around handler and audit; job: manages its own transactions. */
export type OperationKind = 'read' | 'write' | 'job';

export interface Operation<S extends z.ZodType, T> {
  name: string;
  permission: Permission;
  kind: OperationKind;
  input: S;
  run: (user: SessionUser | null, raw: unknown, options: RunOptions) => Promise<OperationResult<T>>;
}

/** What an operation answers on success: the type screens take their rows from (`ResultOf<typeof listCasesOp>`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResultOf<O> = O extends Operation<any, infer T> ? T : never;

/**
 * The one wrapper every server action and route handler goes through: session → zod parse →
 * permission → handler (in a transaction for writes, with audit rows written in it; the audit row
 * of a refusal, OperationError.audit, is written after the rollback). A write or job given a request
 * key runs once per key and user; a repeat answers the first data with `alreadyDone`.
 */
export function defineOperation<S extends z.ZodType, T>(def: {
  name: string;
  permission: Permission;
  kind: OperationKind;
  input: S;
  /** Open to a user who must change the password first (users.mustChangePassword): only that change. */
  whilePasswordChangeDue?: boolean;
  handler: (ctx: OperationContext, input: z.infer<S>) => Promise<T>;
}): Operation<S, T> {
  return {
    name: def.name,
    permission: def.permission,
    kind: def.kind,
    input: def.input,
    async run(user, raw, { db, readDb = db, ip = null, requestKey = null }) {
      if (!user) return { ok: false, status: 401, error: '未登录或登录已过期，请重新登录' };
      if (user.mustChangePassword && !def.whilePasswordChangeDue)
        return { ok: false, status: 403, error: PASSWORD_CHANGE_REQUIRED };
      if (!can(user, def.permission)) return { ok: false, status: 403, error: '无权访问：您的角色不能执行此操作' };
      const parsed = def.input.safeParse(raw);
      if (!parsed.success) {
        return {
          ok: false,
          status: 400,
          error: zodErrorMessage(parsed.error),
          fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        };
      }
      const actor = { userId: user.id, username: user.username, role: user.role, ip };
      const call = (exec: Executor) =>
        def.handler(
          {
            user,
            db: exec,
            database: db,
            readDb,
            ip,
            // A read's audit row goes with others' (one commit for many); a write's in its transaction.
            audit: (entry) =>
              def.kind === 'read' ? writeAuditGrouped(exec, actor, entry) : writeAudit(exec, actor, entry),
          },
          parsed.data,
        );
      const key = def.kind !== 'read' && isRequestKey(requestKey) ? { userId: user.id, key: requestKey } : null;
      const plain = (data: T): Once<T> => ({ data, alreadyDone: false });
      try {
        const { data, alreadyDone } =
          def.kind === 'write'
            ? await db.transaction((tx) =>
                key ? onceInTransaction(tx, key, def.name, () => call(tx)) : call(tx).then(plain),
              )
            : key
              ? await onceForJob(db, key, def.name, () => call(db))
              : plain(await call(db));
        return alreadyDone ? { ok: true, data, alreadyDone, message: ALREADY_DONE_MESSAGE } : { ok: true, data };
      } catch (err) {
        if (isDatabaseUnavailable(err)) return { ok: false, status: 503, error: DB_UNAVAILABLE_MESSAGE };
        if (!(err instanceof OperationError)) throw err;
        if (err.audit) await writeAudit(db, actor, err.audit); // the database itself: the transaction is gone
        return { ok: false, status: err.status, error: err.message };
      }
    },
  };
}
