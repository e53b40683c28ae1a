import type { Jsonified } from '@/components/cases/types';
import type { fundOverviewOp } from '@/lib/operations/subsidy-funds';
import type { batchLinesOp, excludedOp, getBatchOp, subsidyOverviewOp } from '@/lib/operations/subsidy-rosters';
import type { ResultOf } from '@/lib/server/operation';

/** GET /api/subsidies?year=: the year's batches, funds, whether it has standards, the districts to prepare for. */
export type SubsidyOverviewJson = Jsonified<ResultOf<typeof subsidyOverviewOp>>;
export type BatchRowJson = SubsidyOverviewJson['batches'][number];
export type FundRowJson = SubsidyOverviewJson['funds'][number];
/** GET /api/subsidies/fund?year=: the funds and their ledger. */
export type FundOverviewJson = Jsonified<ResultOf<typeof fundOverviewOp>>;
/** GET /api/subsidies/excluded?year=&districtCode=: listed people who are paid nothing. */
export type ExcludedJson = Jsonified<ResultOf<typeof excludedOp>>;
/** GET /api/subsidies/batches/<id>: one batch, its totals by town × category and its diff. */
export type BatchDetailJson = Jsonified<ResultOf<typeof getBatchOp>>;
export type BatchJson = BatchDetailJson['batch'];
/** GET /api/subsidies/batches/<id>/lines: a page of its lines. */
export type BatchLinesJson = Jsonified<ResultOf<typeof batchLinesOp>>;
export type BatchLineJson = BatchLinesJson['data'][number];

/** react-query keys: everything of the subsidies pages starts with 'subsidies' (one invalidation refreshes it all). */
export const subsidyKeys = {
  all: ['subsidies'] as const,
  overview: (year: number) => ['subsidies', 'overview', year] as const,
  fund: (year: number) => ['subsidies', 'fund', year] as const,
  excluded: (year: number, districtCode: string | undefined) => ['subsidies', 'excluded', year, districtCode] as const,
  batch: (id: number) => ['subsidies', 'batch', id] as const,
  lines: (id: number, query: string) => ['subsidies', 'batch', id, 'lines', query] as const,
};
