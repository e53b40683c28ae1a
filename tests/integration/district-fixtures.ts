/** A second district (环翠区) with one town, its staff, and a staff member of another town of 文登区. */
import { districts, people, towns, users } from '@/db/schema';
import type { Db } from '@/db';
import { makeIdNumber } from '@/lib/domain/id-number';
import { sessionUser } from './helpers';

export const OTHER_DISTRICT = '371002';
export const OTHER_TOWN = '371002001';
export const OTHER_TOWN_NAME = '环翠楼街道';
/** 天福路街道: a town of 文登区 that town_staff (龙山路街道) does not work in. */
export const NEIGHBOUR_TOWN = '371003002';

export async function addSecondDistrict(db: Db) {
  await db.insert(districts).values({ code: OTHER_DISTRICT, name: '环翠区' });
  await db.insert(towns).values({ code: OTHER_TOWN, name: OTHER_TOWN_NAME, districtCode: OTHER_DISTRICT });
  await db.insert(users).values([
    {
      username: 'huancui_staff',
      displayName: '环翠区经办员',
      role: 'agency_staff',
      districtCode: OTHER_DISTRICT,
      passwordHash: 'x',
    },
    {
      username: 'tianfu_staff',
      displayName: '天福路街道经办员',
      role: 'agency_staff',
      districtCode: '371003',
      townCode: NEIGHBOUR_TOWN,
      passwordHash: 'x',
    },
  ]);
  return {
    districtStaff: await sessionUser(db, 'huancui_staff'),
    neighbourStaff: await sessionUser(db, 'tianfu_staff'),
  };
}

let serial = 0;
/** A registered person (no enrollment) in a town, with a name of the caller's choosing. */
export async function addPerson(db: Db, townCode: string, name: string, birthDate = '1932-02-29') {
  serial += 1;
  const [p] = await db
    .insert(people)
    .values({
      idNumber: makeIdNumber(townCode.slice(0, 6), birthDate, 500 + serial * 2, 'M'),
      name,
      gender: 'M',
      birthDate,
      townCode,
    })
    .returning();
  return p;
}
