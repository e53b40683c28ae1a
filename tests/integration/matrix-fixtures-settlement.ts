/**
 * 一站式结算 inputs for the role matrix: stays of a 龙山路街道 person (in every agency user's scope)
 * at the caller's own hospital (hospital staff may touch only those), saved by the admin.
 */
import type { Db } from '@/db';
import { WENDENG_2019_POLICY, policyForYear } from '@/lib/domain/settlement-policy';
import { settlementSaveOp } from '@/lib/operations/settlement';
import { hospitalIdOf } from './certification-fixtures';
import { sessionUser } from './helpers';

const YEAR = new Date().getFullYear();

export function settlementMatrixFixtures(db: Db, person: { idNumber: string }) {
  let n = 0;
  /** The hospital a user may settle at: their own (hospital staff), else 威海市中心医院. */
  const hospitalOf = (username?: string) =>
    hospitalIdOf(db, username === 'hospital_mental' ? 'H37100300006' : 'H37100300001');
  const stayInput = async (username?: string) => ({
    idNumber: person.idNumber,
    hospitalId: await hospitalOf(username),
    settlementDate: `${YEAR}-01-${String(1 + (++n % 28)).padStart(2, '0')}`,
    total: '12000',
    policyRange: '10000',
    level: 3,
    tier: 1,
    referral: false,
  });
  /** A saved stay the caller may open, correct or cancel. */
  const freshStay = async (username?: string) => {
    const r = await settlementSaveOp.run(await sessionUser(db, 'admin'), await stayInput(username), {
      db,
      ip: '127.0.0.1',
    });
    if (!r.ok) throw new Error(`settlement fixture: ${r.error}`);
    return r.data.id;
  };
  return {
    person: (_u?: string) => ({ idNumber: person.idNumber, year: YEAR }),
    preview: async (u?: string) => ({ kind: 'save', stay: await stayInput(u) }),
    save: stayInput,
    correct: async (u?: string) => {
      const { idNumber: _id, ...fields } = await stayInput(u);
      return { ...fields, id: await freshStay(u), total: '13000', reason: '金额录入有误' };
    },
    cancel: async (u?: string) => ({ id: await freshStay(u), reason: '重复录入' }),
    get: async (u?: string) => ({ id: await freshStay(u) }),
    savePolicy: () => ({
      params: policyForYear(WENDENG_2019_POLICY, 2040 + (++n % 50)),
      docRef: '矩阵测试〔2040〕1号',
    }),
    previewPolicy: () => ({ params: policyForYear(WENDENG_2019_POLICY, YEAR) }),
  };
}

/** Every 一站式结算 read with a caller and input that reach a person, for the ID-masking check. */
export function settlementMaskingReads(db: () => Db, person: () => { idNumber: string }) {
  let stayId = 0;
  const stay = async () => {
    if (!stayId)
      stayId = await settlementMatrixFixtures(db(), person())
        .get('hospital')
        .then((x) => x.id);
    return stayId;
  };
  const fx = () => settlementMatrixFixtures(db(), person());
  const call = (username: string, input: () => unknown) => ({ username, input });
  return {
    'settlement.person': [call('staff', () => fx().person()), call('hospital', () => fx().person())],
    'settlement.preview': [
      call('staff', () => fx().preview('staff')),
      call('staff', async () => ({ kind: 'cancel', stay: { id: await stay(), reason: '预览撤销' } })),
    ],
    'settlement.list': [call('staff', () => ({})), call('hospital', () => ({}))],
    'settlement.get': [
      call('staff', async () => ({ id: await stay() })),
      call('hospital', async () => ({ id: await stay() })),
    ],
    'settlement.policies': [call('staff', () => ({}))],
    'settlement.previewPolicy': [call('admin', () => fx().previewPolicy())],
  };
}
