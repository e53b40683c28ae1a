import { forbidden, notFound, redirect } from 'next/navigation';
import type { OperationResult } from './operation';
import { DatabaseUnavailableError } from './pg-errors';

/**
 * For server pages that run an operation: its data, or the matching login / 403 / 404 page; with the
 * database away (503) the error page of app/error.tsx, which says so in Chinese.
 */
export function unwrapForPage<T>(result: OperationResult<T>): T {
  if (result.ok) return result.data;
  if (result.status === 401) redirect('/login');
  if (result.status === 403) forbidden();
  if (result.status === 503) throw new DatabaseUnavailableError();
  notFound();
}
