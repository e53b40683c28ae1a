/** Labels of the 销号 worklist (cases), shared by the worklist, the drawer, the person page and the export. */
export const CASE_STATUS_LABELS = { open: '待销号', closed: '已销号' } as const;

export const CASE_CLOSE_REASON_LABELS = {
  enrolled: '已参保',
  deceased: '死亡',
  enrolled_elsewhere: '异地参保',
  employee_scheme: '参加职工医保',
  military_service: '服兵役',
  imprisoned: '服刑',
  emigrated: '出国(境)定居',
  duplicate: '重复人员',
} as const;

export const CASE_KIND_LABELS = { not_enrolled: '未参保', duplicate: '重复参保' } as const;
