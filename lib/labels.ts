/** One dictionary of enum labels, used by tables, tags, forms and exports. */
export const SCHEME_LABELS = { resident: '城乡居民', employee: '职工' } as const;
export const TIER_LABELS = { tier1: '一档', tier2: '二档' } as const;
export const ENROLLMENT_STATUS_LABELS = { active: '正常参保', suspended: '暂停', terminated: '终止' } as const;
export const GENDER_LABELS = { M: '男', F: '女' } as const;
export const HOSPITAL_LEVEL_LABELS = { level1: '一级', level2: '二级', level3: '三级' } as const;
export const DISEASE_KIND_LABELS = { chronic: '门慢', special: '门特' } as const;
export const CERT_STATUS_LABELS = {
  pending: '待决定',
  approved: '已认定',
  rejected: '不予认定',
  revoked: '已撤销',
} as const;
export const VERDICT_LABELS = { compliant: '合规', non_compliant: '不合规' } as const;

/** Registry list filter: a person's enrollment situation in a year. */
export const YEAR_STATUS_LABELS = {
  enrolled: '已参保',
  resident: '已参保(居民)',
  employee: '已参保(职工)',
  duplicate: '重复参保',
  not_enrolled: '未参保',
} as const;
export type YearStatus = keyof typeof YEAR_STATUS_LABELS;

export function labelOf<T extends Record<string, string>>(labels: T, key: string | null | undefined): string {
  return key != null && key in labels ? labels[key as keyof T] : (key ?? '');
}
