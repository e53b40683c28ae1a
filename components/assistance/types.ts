/** Row types of the 医疗救助 screens, from the operations' answers as the browser receives them (JSON). */
import type { Jsonified } from '@/components/cases/types';
import type { assistanceCapReportOp, listAssistanceOp } from '@/lib/operations/assistance';
import type { ResultOf } from '@/lib/server/operation';

export type AssistancePage = Jsonified<ResultOf<typeof listAssistanceOp>>;
export type AssistanceRowJson = AssistancePage['data'][number];
export type CapReportJson = Jsonified<ResultOf<typeof assistanceCapReportOp>>;

export interface TownOption {
  code: string;
  name: string;
}

/** react-query key of every 医疗救助 read (the query string is the last part). */
export const assistanceKey = ['assistance'] as const;

/** 元 with two decimals; from 1万元 on also in 万元. */
export function yuanAndWan(fen: number): string {
  const yuan = (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return Math.abs(fen) >= 1_000_000 ? `${yuan} 元（${(fen / 1_000_000).toFixed(2)} 万元）` : `${yuan} 元`;
}
