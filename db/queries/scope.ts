import { eq, sql, type SQL } from 'drizzle-orm';
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
