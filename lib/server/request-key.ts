/**
 * Idempotent writes (issue 13 §5): a request carrying a key (lib/client/request-keys.ts sends one
 * per user intent) runs once; a second one with the same key — a double click, a browser retry —
 * is answered with the first one's data, marked already done, and changes nothing.
 */
import type { Db, Executor } from '@/db';
import {
  claimRequestKey,
  completeRequestKey,
  findRequestKey,
  pruneRequestKeys,
  releasePendingRequestKey,
  type KeyOf,
} from '@/db/queries/request-keys';
import type { RequestKey } from '@/db/schema';
import { decodeReplay, encodeReplay, PENDING_JOB_STALE_MS, REQUEST_KEY_TTL_MS } from '@/lib/domain/request-key';
import { OperationError } from './operation';

export interface Once<T> {
  data: T;
  alreadyDone: boolean;
}

const KEY_REUSED = '该请求标识已用于另一操作，请刷新页面后重试';

function replay<T>(row: RequestKey | undefined, operation: string): Once<T> {
  if (!row) throw new OperationError(409, '重复提交的请求已过期，请刷新页面后查看结果');
  if (row.operation !== operation) throw new OperationError(409, KEY_REUSED);
  return { data: decodeReplay(row.result) as T, alreadyDone: true };
}

/**
 * A write, in its transaction: the key is claimed first (a concurrent request with the same key
 * waits on the unique index until this transaction ends), the answer stored with the write. A
 * failure rolls the claim back with everything else, so a retry runs again.
 */
export async function onceInTransaction<T>(
  tx: Executor,
  key: KeyOf,
  operation: string,
  run: () => Promise<T>,
): Promise<Once<T>> {
  if (!(await claimRequestKey(tx, key, operation))) return replay<T>(await findRequestKey(tx, key), operation);
  const data = await run();
  await completeRequestKey(tx, key, encodeReplay(data));
  await pruneRequestKeys(tx, new Date(Date.now() - REQUEST_KEY_TTL_MS), 20);
  return { data, alreadyDone: false };
}

/** How long a job's second request waits for the first one's answer before saying it is still running. */
const JOB_WAIT_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A job (an import: it runs its own transactions): the claim is committed before the job starts
 * and answered once it has started; a second request with the key waits for that answer. A job
 * that fails to start gives the claim back; one left unanswered by a process that died is taken
 * for abandoned after PENDING_JOB_STALE_MS.
 */
export async function onceForJob<T>(db: Db, key: KeyOf, operation: string, run: () => Promise<T>): Promise<Once<T>> {
  const deadline = Date.now() + JOB_WAIT_MS;
  for (;;) {
    if (await claimRequestKey(db, key, operation)) {
      let data: T;
      try {
        data = await run();
      } catch (err) {
        await releasePendingRequestKey(db, key);
        throw err;
      }
      await completeRequestKey(db, key, encodeReplay(data));
      return { data, alreadyDone: false };
    }
    const row = await findRequestKey(db, key);
    if (row?.completedAt) return replay<T>(row, operation);
    if (row && row.operation !== operation) throw new OperationError(409, KEY_REUSED);
    if (row && Date.now() - row.createdAt.getTime() > PENDING_JOB_STALE_MS) await releasePendingRequestKey(db, key);
    else if (row && Date.now() > deadline)
      throw new OperationError(409, '同一操作正在处理中（重复提交未重复执行），请稍后刷新查看结果');
    else if (row) await sleep(100);
  }
}
