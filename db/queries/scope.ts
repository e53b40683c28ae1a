import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { towns } from '../schema';
import type { AreaScope } from '@/lib/auth/types';

/**
 * The condition that keeps a district-coded row (a hospital) inside an area scope; a town-scoped
 * user reaches the rows of their town's district.
 */
export function districtScopeCondition(districtColumn: AnyPgColumn, scope: AreaScope): SQL | undefined {
  return scope.level === 'area' || !scope.districtCode ? undefined : eq(districtColumn, scope.districtCode);
}

/** The condition that keeps a town-coded row inside an area scope. Every scoped query uses it. */
export function townScopeCondition(townColumn: AnyPgColumn, scope: AreaScope): SQL | undefined {
  switch (scope.level) {
    case 'area':
      return undefined;
    case 'district':
      return sql`${townColumn} in (select ${towns.code} from ${towns} where ${towns.districtCode} = ${scope.districtCode})`;
    case 'town':
      return eq(townColumn, scope.townCode);
  }
}

/**
 * Like townScopeCondition, for rows whose town may be unknown (null): such a row belongs to the
 * district `districtOfUnlocated` gives for it (e.g. its importer's) and is seen by that district's
 * staff and the whole area's — not by every district, and not by a town's staff.
 */
export function nullableTownScopeCondition(
  townColumn: AnyPgColumn,
  districtOfUnlocated: SQL,
  scope: AreaScope,
): SQL | undefined {
  if (scope.level !== 'district') return townScopeCondition(townColumn, scope);
  return or(
    and(isNull(townColumn), sql`${districtOfUnlocated} = ${scope.districtCode}`),
    townScopeCondition(townColumn, scope),
  );
}

/**
 * The district of the user with this id: their own, or their town's for a town's staff whose
 * district is not set; null for a user of the whole area.
 */
export function districtOfUser(userId: SQL | AnyPgColumn): SQL {
  return sql`(select coalesce(u.district_code, ut.district_code) from users u left join towns ut on ut.code = u.town_code where u.id = ${userId})`;
}
