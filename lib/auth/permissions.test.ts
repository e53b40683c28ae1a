import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can, PERMISSION_ACTIONS, scopeOf, type Permission } from './permissions';
import type { Role, SessionUser } from './types';

const user = (role: Role, extra: Partial<SessionUser> = {}): SessionUser => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  districtCode: null,
  townCode: null,
  hospitalId: null,
  ...extra,
});

/** The expected matrix, written out independently of ROLE_PERMISSIONS. */
const EXPECTED: Record<Permission, Role[]> = {
  'person.list': ['admin', 'agency_staff', 'supervisor'],
  'person.read': ['admin', 'agency_staff', 'supervisor'],
  'person.reveal_id': ['admin', 'agency_staff', 'supervisor'],
  'enrollment.write': ['admin', 'agency_staff'],
  'user.manage': ['admin'],
  'audit.read': ['admin', 'supervisor'],
  'workstation.use': ['hospital_staff'],
  'matching.read': ['admin', 'agency_staff', 'supervisor'],
  'matching.import': ['admin', 'agency_staff'],
  'case.work': ['admin', 'agency_staff'],
  'catalog.manage': ['admin'],
  'certification.read': ['admin', 'agency_staff', 'supervisor'],
  'certification.revoke': ['admin', 'agency_staff'],
  'spotcheck.manage': ['admin', 'supervisor'],
  'account.self': ['admin', 'agency_staff', 'supervisor', 'hospital_staff'],
  'subsidy.read': ['admin', 'agency_staff', 'supervisor'],
  'subsidy.prepare': ['admin', 'agency_staff'],
  'subsidy.approve': ['admin', 'supervisor'],
  'policy.manage': ['admin'],
  'dashboard.read': ['admin', 'agency_staff', 'supervisor'],
  'assistance.read': ['admin', 'agency_staff', 'supervisor'],
  'assistance.write': ['admin', 'agency_staff'],
  'settlement.read': ['admin', 'agency_staff', 'supervisor', 'hospital_staff'],
  'settlement.write': ['admin', 'agency_staff', 'hospital_staff'],
};

describe('can(): role × action matrix', () => {
  const roles: Role[] = ['admin', 'agency_staff', 'supervisor', 'hospital_staff'];
  for (const action of PERMISSION_ACTIONS) {
    for (const role of roles) {
      const allowed = EXPECTED[action].includes(role);
      test(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        assert.equal(can(user(role), action), allowed);
      });
    }
  }
  test('every action has an expectation', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...PERMISSION_ACTIONS].sort());
  });
  test('no user, no permission', () => {
    assert.equal(can(null, 'person.list'), false);
  });
});

describe('can(): resource scope', () => {
  const town = user('agency_staff', { districtCode: '371003', townCode: '371003001' });
  const district = user('agency_staff', { districtCode: '371003' });
  const hospital = user('hospital_staff', { hospitalId: 7 });
  test('town staff: own town only', () => {
    assert.equal(can(town, 'person.read', { townCode: '371003001', districtCode: '371003' }), true);
    assert.equal(can(town, 'person.read', { townCode: '371003002', districtCode: '371003' }), false);
  });
  test('district staff: any town of the district, not another district', () => {
    assert.equal(can(district, 'person.read', { townCode: '371003002', districtCode: '371003' }), true);
    assert.equal(can(district, 'person.read', { townCode: '370404001', districtCode: '370404' }), false);
  });
  test('area-wide users see every district', () => {
    assert.equal(can(user('supervisor'), 'person.read', { townCode: '370404001', districtCode: '370404' }), true);
  });
  test('hospital staff: own hospital only', () => {
    assert.equal(can(hospital, 'workstation.use', { hospitalId: 7 }), true);
    assert.equal(can(hospital, 'workstation.use', { hospitalId: 8 }), false);
  });
  test('scopeOf derives the level', () => {
    assert.equal(scopeOf(town).level, 'town');
    assert.equal(scopeOf(district).level, 'district');
    assert.equal(scopeOf(user('admin')).level, 'area');
    assert.deepEqual(scopeOf(hospital), { level: 'hospital', hospitalId: 7 });
    assert.deepEqual(scopeOf(user('hospital_staff')), { level: 'none' });
  });
});
