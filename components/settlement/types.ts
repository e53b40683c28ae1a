/** Types and texts of the 一站式结算 screens, from the operations' answers as the browser receives them. */
import type { Jsonified } from '@/components/cases/types';
import type { settlementPersonOp, settlementPreviewOp } from '@/lib/operations/settlement';
import type { settlementGetOp, settlementListOp } from '@/lib/operations/settlement-read';
import type { settlementPoliciesOp, settlementPreviewPolicyOp } from '@/lib/operations/settlement-policy';
import type { LayerResult } from '@/lib/domain/settlement';
import { LAYER_LABELS } from '@/lib/domain/settlement';
import { formatYuan } from '@/lib/domain/money';
import type { ResultOf } from '@/lib/server/operation';

export type PersonYear = Jsonified<ResultOf<typeof settlementPersonOp>>;
export type PreviewView = Jsonified<ResultOf<typeof settlementPreviewOp>>;
export type StayPage = Jsonified<ResultOf<typeof settlementListOp>>;
export type StayRow = StayPage['data'][number];
export type Statement = Jsonified<ResultOf<typeof settlementGetOp>>;
export type PolicyVersion = Jsonified<ResultOf<typeof settlementPoliciesOp>>[number];
export type PolicyPreview = Jsonified<ResultOf<typeof settlementPreviewPolicyOp>>;

export const settlementKey = ['settlement'] as const;

export const yuan = (fen: number) => `${formatYuan(fen)} 元`;
export const pct = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
const range = (from: number, to: number | null) =>
  to === null ? `${formatYuan(from)} 元以上` : `${formatYuan(from)}–${formatYuan(to)} 元`;

export const LEVEL_LABELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };
export const TIER_LABELS: Record<number, string> = { 1: '一档', 2: '二档' };
export const STATUS_LABELS: Record<string, string> = { saved: '已结算', cancelled: '已撤销' };

/** The rule of a layer in words, with the figures of this stay. */
export function ruleOf(l: LayerResult): string[] {
  const parts = l.parts.filter((p) => p.baseFen > 0);
  const each = parts.map((p) => `${range(p.fromFen, p.toFen)}段 ${yuan(p.baseFen)} × ${pct(p.rateBp)}`);
  const cap = l.capFen === null ? '不设年度限额' : `年度限额 ${yuan(l.capFen)}，本年已支付 ${yuan(l.paidBeforeFen)}`;
  switch (l.key) {
    case 'basic':
      return [`起付标准 ${yuan(l.thresholdFen ?? 0)}（每次住院）；可报销费用 ${yuan(l.baseAfterFen)}`, ...each, cap];
    case 'critical':
      return [`年度累计个人负担合规费用 ${yuan(l.baseBeforeFen)} → ${yuan(l.baseAfterFen)}，分段按比例`, ...each, cap];
    case 'hospitalWaiver':
      return [`合规费用以外的住院费用 ${yuan(l.baseAfterFen)} × ${pct(l.parts[0]?.rateBp ?? 0)}`, cap];
    case 'commercial':
      return [
        `年度累计个人负担 ${yuan(l.baseBeforeFen)} → ${yuan(l.baseAfterFen)}，降至累计合规费用 ${yuan(l.parts[0]?.baseFen ?? 0)} × ${pct(l.parts[0]?.rateBp ?? 0)} = ${yuan(l.thresholdFen ?? 0)}`,
        '不超过本次前四层后的个人负担',
        cap,
      ];
    default:
      return [
        `年度累计个人负担 ${yuan(l.baseBeforeFen)} → ${yuan(l.baseAfterFen)}，超过 ${yuan(l.thresholdFen ?? 0)} 的部分`,
        ...each,
        cap,
      ];
  }
}

export const layerTitle = (l: Pick<LayerResult, 'no' | 'key'>) =>
  `第${'一二三四五六'[l.no - 1]}层 ${LAYER_LABELS[l.key]}`;
