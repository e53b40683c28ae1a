export const ROLES = ['admin', 'staff', 'town_staff', 'supervisor', 'hospital', 'hospital_mental'] as const;
export type DemoRole = (typeof ROLES)[number];
export const DEMO_PASSWORD = 'Demo#2026';
export const storageStateOf = (role: DemoRole) => `e2e/.auth/${role}.json`;

/** The menu each role must see, in order. */
export const EXPECTED_MENUS: Record<DemoRole, string[]> = {
  admin: [
    '统计分析',
    '参保人员',
    '名单比对',
    '销号任务',
    '登记数据导入',
    '缴费资助',
    '退费记录',
    '医疗救助',
    '慢特病认定',
    '认定抽查',
    '审计日志',
    '用户管理',
    '病种目录',
    '定点医院',
    '资助标准',
    '人口与任务数',
  ],
  staff: [
    '统计分析',
    '参保人员',
    '名单比对',
    '销号任务',
    '登记数据导入',
    '缴费资助',
    '退费记录',
    '医疗救助',
    '慢特病认定',
  ],
  town_staff: ['统计分析', '参保人员', '名单比对', '销号任务', '缴费资助', '退费记录', '医疗救助', '慢特病认定'],
  supervisor: [
    '统计分析',
    '参保人员',
    '名单比对',
    '销号任务',
    '缴费资助',
    '退费记录',
    '医疗救助',
    '慢特病认定',
    '认定抽查',
    '审计日志',
  ],
  hospital: ['医院工作站', '本院认定记录'],
  hospital_mental: ['医院工作站', '本院认定记录'],
};
