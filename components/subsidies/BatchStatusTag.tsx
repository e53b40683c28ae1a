import { Tag, Typography } from 'antd';
import { formatWanYuan, formatYuan } from '@/lib/domain/money';
import { BATCH_STATUS_LABELS, labelOf } from '@/lib/labels';

const COLORS: Record<string, string> = { draft: 'default', submitted: 'gold', returned: 'red', approved: 'green' };

/** 待提交 / 待审批 / 已退回 / 已审批（冻结）. */
export function BatchStatusTag({ status }: { status: string }) {
  return (
    <Tag color={COLORS[status]} data-testid="batch-status">
      {labelOf(BATCH_STATUS_LABELS, status)}
    </Tag>
  );
}

/** An amount in 元 with its 万元 below (the figure seed 002 reports), e.g. 3,180,000.00 元 / 318.00万元. */
export function YuanWan({ fen }: { fen: number }) {
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', lineHeight: 1.3 }}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatYuan(fen)} 元</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatWanYuan(fen)}
      </Typography.Text>
    </span>
  );
}

/** A batch's range: one town, or the whole district. */
export function batchRangeText(b: { townName: string | null }, districtName: string | undefined): string {
  return b.townName ?? `${districtName ?? ''}全区`;
}
