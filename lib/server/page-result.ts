import { forbidden, notFound, redirect } from 'next/navigation';
import type { OperationResult } from './operation';

/** For server pages that run an operation: its data, or the matching login / 403 / 404 page. */
export function unwrapForPage<T>(result: OperationResult<T>): T {
  if (result.ok) return result.data;
  if (result.status === 401) redirect('/login');
  if (result.status === 403) forbidden();
  notFound();
}
