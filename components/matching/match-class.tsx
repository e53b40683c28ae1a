import { Tag } from 'antd';
import { MATCH_CLASS_LABELS, type MatchClass } from '@/lib/domain/classification';
import type { ClassCountsView } from './types';

export const MATCH_CLASS_COLORS: Record<MatchClass, string> = {
  enrolled_resident: 'green',
  enrolled_employee: 'cyan',
  duplicate: 'orange',
  not_enrolled: 'red',
  invalid_id: 'magenta',
  not_found: 'purple',
};

/** Per-class count fields of the summary queries, in display order. */
export const CLASS_COUNT_KEYS: [Exclude<keyof ClassCountsView, 'total'>, MatchClass][] = [
  ['enrolledResident', 'enrolled_resident'],
  ['enrolledEmployee', 'enrolled_employee'],
  ['duplicate', 'duplicate'],
  ['notEnrolled', 'not_enrolled'],
  ['invalidId', 'invalid_id'],
  ['notFound', 'not_found'],
];

export function MatchClassTag({ value }: { value: string }) {
  const cls = value as MatchClass;
  return <Tag color={MATCH_CLASS_COLORS[cls] ?? 'default'}>{MATCH_CLASS_LABELS[cls] ?? value}</Tag>;
}
