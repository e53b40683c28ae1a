import type { CaseRow } from '@/db/queries/cases';
import type { getCaseOp } from '@/lib/operations/cases';
import type { Operation } from '@/lib/server/operation';

/** A server value as it arrives over JSON: dates become ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

type OperationData<O> = O extends Operation<infer _S, infer T> ? T : never;

export type CaseRowJson = Jsonified<CaseRow>;
export type CaseDetailJson = Jsonified<OperationData<typeof getCaseOp>>;
export type StaffOption = CaseDetailJson['staff'][number];

/** react-query keys: every list query starts with 'cases'; one case is ['case', id]. */
export const caseKey = (id: number) => ['case', id] as const;
