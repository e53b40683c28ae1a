import { Tag } from 'antd';
import { CERT_STATUS_LABELS, labelOf } from '@/lib/labels';

const COLORS: Record<string, string> = { pending: 'gold', approved: 'green', rejected: 'default', revoked: 'red' };

export function CertStatusTag({ status }: { status: string }) {
  return (
    <Tag color={COLORS[status]} data-testid="cert-status">
      {labelOf(CERT_STATUS_LABELS, status)}
    </Tag>
  );
}

/** 2026-01-15 至 2028-01-14, or 2026-01-15 起长期有效 for review-exempt ones; — before approval. */
export function periodText(startDate: string | null, endDate: string | null): string {
  if (!startDate) return '—';
  return endDate ? `${startDate} 至 ${endDate}` : `${startDate} 起长期有效`;
}

/** 85.7%, or — when nothing is checked yet. */
export function rateText(c: { rate: number | null; checked: number }): string {
  return c.rate === null ? '—' : `${(c.rate * 100).toFixed(1)}%`;
}
