/** Deterministic randomness and the rows of the three import kinds, shared by the fuzz file makers. */
import { seededRandom } from '@/db/demo-people';
import { makeIdNumber } from '@/lib/domain/id-number';

export type Target = 'list' | 'registry' | 'assistance';

/** The demo generator's deterministic PRNG (mulberry32). */
export const rng = seededRandom;
export type Rand = ReturnType<typeof rng>;

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞', '徐丽', '孙涛'];
const TOWNS = ['龙山路街道', '天福路街道', '环山路街道', '米山镇', '不存在镇'];
export const HEADERS: Record<Target, string[]> = {
  list: ['姓名', '身份证号', '乡镇', '备注'],
  registry: ['姓名', '公民身份号码', '险种类型', '年度', '档次', '缴费金额', '缴费日期', '乡镇', '参保状态'],
  assistance: [
    ...['结算ID', '人员姓名', '证件号码', '定点医药机构编号', '定点医药机构名称', '医疗类别', '结算时间'],
    ...['医疗费总额', '符合范围金额', '医疗救助基金支出', '原结算ID', '退费结算标志'],
  ],
};

function idNumber(r: Rand): string {
  const y = 1940 + int(r, 70);
  const d = `${y}-${String(1 + int(r, 12)).padStart(2, '0')}-${String(1 + int(r, 28)).padStart(2, '0')}`;
  const id = makeIdNumber('371003', d, int(r, 1000), r() < 0.5 ? 'M' : 'F');
  return r() < 0.08 ? id.slice(0, 17) + 'X' : id; // some with a wrong check character
}

/** Data rows for `target` (strings as a user's file holds them). */
export function rows(r: Rand, target: Target, n: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (let i = 0; i < n; i++) {
    const name = pick(r, NAMES);
    const id = idNumber(r);
    if (target === 'list') out.push([name, id, pick(r, TOWNS), r() < 0.2 ? '备注' : '']);
    else if (target === 'registry') {
      const year = 2024 + int(r, 4);
      out.push([
        name,
        id,
        pick(r, ['390', '310']),
        year,
        '一档',
        450,
        `${year}-01-1${int(r, 9)}`,
        pick(r, TOWNS),
        '正常',
      ]);
    } else {
      const sid = `F${int(r, 1e9)}`;
      out.push([sid, name, id, 'H371003001', '文登区人民医院', '21', '2026-03-01 10:00:00', 900, 800, 300, '', '0']);
    }
  }
  return out;
}

export const int = (r: Rand, n: number) => Math.floor(r() * n);
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];
export type Maker = (r: Rand, t: Target) => Promise<Buffer> | Buffer;
export const table = (r: Rand, t: Target, n = 3 + int(r, 30)) => [HEADERS[t], ...rows(r, t, n)];

export function mutate(r: Rand, body: Buffer, kind: 'flip' | 'truncate' | 'garble'): Buffer {
  const b = Buffer.from(body);
  if (kind === 'truncate') return b.subarray(0, Math.max(1, int(r, b.length)));
  const n = 1 + int(r, kind === 'flip' ? 8 : 64);
  for (let i = 0; i < n; i++) {
    const at = int(r, b.length);
    if (kind === 'flip') b[at] ^= 1 << int(r, 8);
    else b[at] = int(r, 256);
  }
  return b;
}
