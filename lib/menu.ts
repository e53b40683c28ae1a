import { can, scopeOf, type Permission } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';

export interface MenuEntry {
  href: string;
  label: string;
  icon:
    | 'team'
    | 'user'
    | 'audit'
    | 'medicine'
    | 'compare'
    | 'task'
    | 'upload'
    | 'certificate'
    | 'check'
    | 'book'
    | 'hospital'
    | 'list'
    | 'money'
    | 'refund'
    | 'policy'
    | 'dashboard'
    | 'assistance'
    | 'target';
  permission: Permission;
  /** Shown only to users whose scope is a district or more (not to town-scoped staff). */
  districtWide?: boolean;
}

/** The side menu; each entry shows only to roles holding its permission (the server still checks). */
export const MENU: MenuEntry[] = [
  { href: '/dashboard', label: '统计分析', icon: 'dashboard', permission: 'dashboard.read' },
  { href: '/persons', label: '参保人员', icon: 'team', permission: 'person.list' },
  { href: '/matching/lists', label: '名单比对', icon: 'compare', permission: 'matching.read' },
  { href: '/matching/cases', label: '销号任务', icon: 'task', permission: 'matching.read' },
  {
    href: '/matching/registry',
    label: '登记数据导入',
    icon: 'upload',
    permission: 'matching.import',
    districtWide: true,
  },
  { href: '/subsidies', label: '缴费资助', icon: 'money', permission: 'subsidy.read' },
  { href: '/subsidies/refunds', label: '退费记录', icon: 'refund', permission: 'subsidy.read' },
  { href: '/assistance', label: '医疗救助', icon: 'assistance', permission: 'assistance.read' },
  { href: '/settlement', label: '一站式结算', icon: 'money', permission: 'settlement.read' },
  { href: '/certifications', label: '慢特病认定', icon: 'certificate', permission: 'certification.read' },
  {
    href: '/certifications/spot-checks',
    label: '认定抽查',
    icon: 'check',
    permission: 'spotcheck.manage',
    districtWide: true,
  },
  { href: '/workstation', label: '医院工作站', icon: 'medicine', permission: 'workstation.use' },
  { href: '/workstation/filings', label: '本院认定记录', icon: 'list', permission: 'workstation.use' },
  { href: '/audit', label: '审计日志', icon: 'audit', permission: 'audit.read' },
  { href: '/admin/users', label: '用户管理', icon: 'user', permission: 'user.manage' },
  { href: '/admin/catalog', label: '病种目录', icon: 'book', permission: 'catalog.manage' },
  { href: '/admin/hospitals', label: '定点医院', icon: 'hospital', permission: 'catalog.manage' },
  { href: '/admin/subsidy-standards', label: '资助标准', icon: 'policy', permission: 'policy.manage' },
  { href: '/admin/targets', label: '人口与任务数', icon: 'target', permission: 'policy.manage' },
  { href: '/admin/settlement-policy', label: '结算政策', icon: 'policy', permission: 'policy.manage' },
];

export function menuFor(user: SessionUser): MenuEntry[] {
  return MENU.filter((m) => can(user, m.permission) && !(m.districtWide && scopeOf(user).level === 'town'));
}

/** Path segments that group pages but are no page themselves: their breadcrumb is not a link. */
export const SECTION_SEGMENTS = new Set(['admin', 'matching', 'certificates', 'account', 'batches']);

/** Breadcrumb names for path segments. */
export const PATH_LABELS: Record<string, string> = {
  persons: '参保人员',
  matching: '参保比对',
  lists: '名单比对',
  cases: '销号任务',
  registry: '登记数据导入',
  workstation: '医院工作站',
  audit: '审计日志',
  admin: '系统管理',
  users: '用户管理',
  certifications: '慢特病认定',
  'spot-checks': '认定抽查',
  filings: '本院认定记录',
  certificates: '认定结果告知单',
  catalog: '病种目录',
  hospitals: '定点医院',
  account: '个人账户',
  password: '修改密码',
  subsidies: '缴费资助',
  batches: '资助批次',
  refunds: '退费记录',
  lines: '已审批资助明细',
  'subsidy-standards': '资助标准',
  dashboard: '统计分析',
  assistance: '医疗救助',
  targets: '人口与任务数',
  settlement: '一站式结算',
  'settlement-policy': '结算政策',
};
