import { headers } from 'next/headers';
import type { z } from 'zod';
import { getDb } from '@/db';
import { getReadDb } from '@/db/read';
import { REQUEST_KEY_HEADER } from '@/lib/domain/request-key';
import type { Operation, OperationResult } from './operation';
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './pg-errors';
import { currentUser, requestIp } from './session';

/**
 * Runs an operation as the signed-in user: the body of every server action. A write's idempotency
 * key comes in the x-request-key header (lib/client/request-keys.ts adds it to every write).
 */
async function runAsCaller<S extends z.ZodType, T>(op: Operation<S, T>, raw: unknown): Promise<OperationResult<T>> {
  const requestKey = (await headers()).get(REQUEST_KEY_HEADER);
  return op.run(await currentUser(), raw, { db: getDb(), readDb: getReadDb(), ip: await requestIp(), requestKey });
}

/**
 * The operation as the signed-in user; with the database away (also while reading the session) a
 * failed result with status 503 and the one Chinese message of lib/server/pg-errors.ts.
 */
export async function invoke<S extends z.ZodType, T>(op: Operation<S, T>, raw: unknown): Promise<OperationResult<T>> {
  try {
    return await runAsCaller(op, raw);
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { ok: false, status: 503, error: DB_UNAVAILABLE_MESSAGE };
    throw err;
  }
}

type RouteContext = { params: Promise<Record<string, string>> };

/**
 * A GET route handler for an operation: its input is the query string plus the route params.
 * Failures answer with their HTTP status and a Chinese `error`.
 */
export function routeHandler<S extends z.ZodType, T>(op: Operation<S, T>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const params = context?.params ? await context.params : {};
    const result = await invoke(op, { ...query, ...params });
    if (!result.ok)
      return Response.json({ error: result.error, fieldErrors: result.fieldErrors }, { status: result.status });
    return Response.json(result.data);
  };
}
