import { eq } from 'drizzle-orm';
import type { Executor } from '../index';
import { districts, hospitals, towns } from '../schema';
import { scopeOf } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/types';

/** "全统筹区" / "文登区" / "文登区 龙山路街道" / "威海市中心医院": shown in the header. */
export async function scopeLabel(db: Executor, user: SessionUser): Promise<string> {
  const scope = scopeOf(user);
  switch (scope.level) {
    case 'area':
      return '全统筹区';
    case 'district': {
      const [d] = await db.select().from(districts).where(eq(districts.code, scope.districtCode));
      return d?.name ?? scope.districtCode;
    }
    case 'town': {
      const [t] = await db.select().from(towns).where(eq(towns.code, scope.townCode));
      return t?.name ?? scope.townCode;
    }
    case 'hospital': {
      const [h] = await db.select().from(hospitals).where(eq(hospitals.id, scope.hospitalId));
      return h?.name ?? '';
    }
    case 'none':
      return '无数据范围';
  }
}
