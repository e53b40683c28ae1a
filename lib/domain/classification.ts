/** Classifying one listed person against the enrollment registry for a year. Pure: no I/O. */

export type MatchClass =
  'enrolled_resident' | 'enrolled_employee' | 'duplicate' | 'not_enrolled' | 'invalid_id' | 'not_found';

export const MATCH_CLASS_LABELS: Record<MatchClass, string> = {
  enrolled_resident: '已参保(居民)',
  enrolled_employee: '已参保(职工)',
  duplicate: '重复参保',
  not_enrolled: '未参保',
  invalid_id: '身份证号有误',
  not_found: '查无此人',
};

export const MATCH_CLASSES = Object.keys(MATCH_CLASS_LABELS) as MatchClass[];

export interface ClassifyInput {
  idValid: boolean;
  personFound: boolean;
  /** The person's enrollment records for the year being matched. */
  enrollments: { scheme: 'resident' | 'employee'; status: 'active' | 'suspended' | 'terminated' }[];
}

/**
 * invalid ID → invalid_id; not in the registry → not_found; active in both schemes or two active
 * records → duplicate (重复参保); one active record → enrolled in its scheme; none active → not_enrolled.
 */
export function classifyListRow(input: ClassifyInput): MatchClass {
  if (!input.idValid) return 'invalid_id';
  if (!input.personFound) return 'not_found';
  const active = input.enrollments.filter((e) => e.status === 'active');
  if (active.length >= 2) return 'duplicate';
  if (active.length === 0) return 'not_enrolled';
  return active[0].scheme === 'resident' ? 'enrolled_resident' : 'enrolled_employee';
}

/** Classes that open a case in the 销号 worklist. */
export function needsCase(cls: MatchClass): boolean {
  return cls === 'not_enrolled' || cls === 'duplicate';
}
