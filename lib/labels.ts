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

export const AGE_GROUP_LABELS = { adult: '成年居民', minor: '未成年人', student: '大学生' } as const;
export const SUBSIDY_RULE_KIND_LABELS = { full: '全额资助个人缴费', fixed: '定额资助' } as const;
export const BATCH_STATUS_LABELS = {
  draft: '待提交',
  submitted: '待审批',
  returned: '已退回',
  approved: '已审批（冻结）',
} as const;
export const LINE_KIND_LABELS = { roster: '花名册', addition: '年中新增', change: '金额调整' } as const;
export const SETTLEMENT_LABELS = {
  subsidy: '财政资助（特殊缴费单据）',
  refund: '返还本人（已缴费）',
  fund: '财政预拨资金',
} as const;
/** A roster line's payment: 待缴 / 已缴 (the person paid) / 已资助 (approved) / 已退费 (the refund was made). */
export const PAID_STATUS_LABELS = { unpaid: '待缴', paid: '已缴', subsidized: '已资助', refunded: '已退费' } as const;
export const REFUND_STATUS_LABELS = { pending: '待退', refunded: '已退', failed: '退回失败' } as const;
export const FUND_ENTRY_KIND_LABELS = { allocation: '预拨入账', use: '动用' } as const;

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
