import type { Role } from '@/db/schema/users';

export type { Role };

/** The signed-in user as every guard and query sees it (reloaded from the database per request). */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  districtCode: string | null;
  townCode: string | null;
  hospitalId: number | null;
  /** Set after an admin's reset or for the first admin: nothing but changing the password until done. */
  mustChangePassword?: boolean;
}

/** What part of the pooling area a user may see. */
export type AreaScope =
  | { level: 'area' }
  | { level: 'district'; districtCode: string }
  | { level: 'town'; districtCode: string | null; townCode: string };

export type HospitalScope = { level: 'hospital'; hospitalId: number };

export type Scope = AreaScope | HospitalScope | { level: 'none' };
