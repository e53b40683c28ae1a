import type { AreaScope, Role, Scope, SessionUser } from './types';

/** Every action a server entry point can require. One table, checked on the server. */
export const PERMISSION_ACTIONS = [
  'person.list',
  'person.read',
  'person.reveal_id',
  'enrollment.write',
  'user.manage',
  'audit.read',
  'workstation.use',
  'matching.read',
  'matching.import',
  'case.work',
  'catalog.manage',
  'certification.read',
  'certification.revoke',
  'spotcheck.manage',
  'account.self',
  'subsidy.read',
  'subsidy.prepare',
  'subsidy.approve',
  'policy.manage',
  'dashboard.read',
  'assistance.read',
  'assistance.write',
  'settlement.read',
  'settlement.write',
] as const;

export type Permission = (typeof PERMISSION_ACTIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'person.list',
    'person.read',
    'person.reveal_id',
    'enrollment.write',
    'user.manage',
    'audit.read',
    'matching.read',
    'matching.import',
    'case.work',
    'catalog.manage',
    'certification.read',
    'certification.revoke',
    'spotcheck.manage',
    'account.self',
    'subsidy.read',
    'subsidy.prepare',
    'subsidy.approve',
    'policy.manage',
    'dashboard.read',
    'assistance.read',
    'assistance.write',
    'settlement.read',
    'settlement.write',
  ],
  agency_staff: [
    'person.list',
    'person.read',
    'person.reveal_id',
    'enrollment.write',
    'matching.read',
    'matching.import',
    'case.work',
    'certification.read',
    'certification.revoke',
    'account.self',
    'subsidy.read',
    'subsidy.prepare',
    'dashboard.read',
    'assistance.read',
    'assistance.write',
    'settlement.read',
    'settlement.write',
  ],
  supervisor: [
    'person.list',
    'person.read',
    'person.reveal_id',
    'audit.read',
    'matching.read',
    'certification.read',
    'spotcheck.manage',
    'account.self',
    'subsidy.read',
    'subsidy.approve',
    'dashboard.read',
    'assistance.read',
    'settlement.read',
  ],
  hospital_staff: ['workstation.use', 'account.self', 'settlement.read', 'settlement.write'],
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  agency_staff: '经办人员',
  supervisor: '科室负责人',
  hospital_staff: '医院医保工作站',
};

/** The data scope of a user: hospital staff see one hospital, agency users the area, a district or a town. */
export function scopeOf(user: Pick<SessionUser, 'role' | 'districtCode' | 'townCode' | 'hospitalId'>): Scope {
  if (user.role === 'hospital_staff') {
    return user.hospitalId == null ? { level: 'none' } : { level: 'hospital', hospitalId: user.hospitalId };
  }
  if (user.townCode) return { level: 'town', districtCode: user.districtCode, townCode: user.townCode };
  if (user.districtCode) return { level: 'district', districtCode: user.districtCode };
  return { level: 'area' };
}

/** The area scope of an agency user, or null for users who have none (hospital staff). */
export function areaScopeOf(user: SessionUser): AreaScope | null {
  const scope = scopeOf(user);
  return scope.level === 'area' || scope.level === 'district' || scope.level === 'town' ? scope : null;
}

/** A resource's location, for scope checks. */
export interface ResourceLocation {
  townCode?: string | null;
  districtCode?: string | null;
  hospitalId?: number | null;
}

export function inScope(scope: Scope, resource: ResourceLocation): boolean {
  switch (scope.level) {
    case 'area':
      return true;
    case 'district':
      return resource.districtCode === scope.districtCode;
    case 'town':
      return resource.townCode === scope.townCode;
    case 'hospital':
      return resource.hospitalId === scope.hospitalId;
    case 'none':
      return false;
  }
}

/** Pure permission check: may `user` perform `action` (on `resource`, when given)? */
export function can(
  user: Pick<SessionUser, 'role' | 'districtCode' | 'townCode' | 'hospitalId'> | null | undefined,
  action: Permission,
  resource?: ResourceLocation,
): boolean {
  if (!user) return false;
  if (!ROLE_PERMISSIONS[user.role].includes(action)) return false;
  return resource ? inScope(scopeOf(user), resource) : true;
}
