import type { getCaseOp, listCasesOp } from '@/lib/operations/cases';
import type { ResultOf } from '@/lib/server/operation';

/** A server value as it arrives over JSON: dates become ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** One row of the worklist, as `listCasesOp` answers it (/api/cases). */
export type CaseRow = ResultOf<typeof listCasesOp>['data'][number];
export type CaseRowJson = Jsonified<CaseRow>;
export type CaseDetailJson = Jsonified<ResultOf<typeof getCaseOp>>;
export type StaffOption = CaseDetailJson['staff'][number];

/** react-query keys: every list query starts with 'cases'; one case is ['case', id]. */
export const caseKey = (id: number) => ['case', id] as const;
