/**
 * Data for the subsidy tests: registry people with the enrollment of the year a test needs, lists
 * imported through importPovertyList (as a bureau's file), and a district whose roster is approved
 * with two towns' mid-year batches submitted.
 */
import assert from 'node:assert/strict';
import type { z } from 'zod';
import type { Db } from '@/db';
import { enrollments, people } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { addDays } from '@/lib/domain/calendar';
import { makeIdNumber } from '@/lib/domain/id-number';
import type { PovertySource } from '@/lib/domain/list-row';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { importPovertyList } from '@/lib/import/list-import';
import { approveBatchOp, generateRosterOp, submitBatchOp } from '@/lib/operations/subsidy-batches';
import type { Operation, OperationResult } from '@/lib/server/operation';
import { addSecondDistrict } from './district-fixtures';
import { sessionUser } from './helpers';
import { writeMessyList } from './list-fixtures';

export const YEAR = Number(shanghaiDate().slice(0, 4));
export const LONGSHAN = '371003001';
export const TIANFU = '371003002';
export const HUANSHAN = '371003003';
const TOWN_NAMES: Record<string, string> = {
  [LONGSHAN]: '龙山路街道',
  [TIANFU]: '天福路街道',
  [HUANSHAN]: '环山路街道',
};

export function callAs(db: Db) {
  const call = <S extends z.ZodType, T>(op: Operation<S, T>, user: SessionUser, input: unknown) =>
    op.run(user, input, { db, ip: '127.0.0.1' });
  const ok = async <S extends z.ZodType, T>(op: Operation<S, T>, user: SessionUser, input: unknown): Promise<T> => {
    const r = await call(op, user, input);
    assert.ok(r.ok, r.ok ? '' : `${op.name} as ${user.username}: ${r.status} ${r.error}`);
    return r.data;
  };
  return { call, ok };
}

/** Asserts a refusal with its status (and message). */
export function refused(r: OperationResult<unknown>, status: number, message?: RegExp) {
  assert.ok(!r.ok, `expected ${status}, got ok`);
  assert.equal(r.status, status, r.error);
  if (message) assert.match(r.error, message);
}

let serial = 0;
export type Listed = { id: number; name: string; idNumber: string; townCode: string };

/** A registry person of 文登区; `paidFen` > 0 enrolls them as a resident of the year who paid that much. */
export async function newPerson(
  db: Db,
  townCode: string,
  opts: { minor?: boolean; tier?: 'tier1' | 'tier2'; paidFen?: number; employee?: boolean } = {},
): Promise<Listed> {
  serial += 1;
  const birthDate = opts.minor ? addDays(`${YEAR - 10}-01-01`, serial) : addDays('1950-01-01', serial * 37);
  const [p] = await db
    .insert(people)
    .values({
      idNumber: makeIdNumber('371003', birthDate, 900 + (serial % 90), 'M'),
      name: `资助测试${serial}`,
      gender: 'M',
      birthDate,
      townCode,
    })
    .returning();
  if (opts.tier || opts.paidFen || opts.employee)
    await db.insert(enrollments).values({
      personId: p.id,
      year: YEAR,
      scheme: opts.employee ? 'employee' : 'resident',
      tier: opts.employee ? null : (opts.tier ?? 'tier1'),
      status: 'active',
      paidFen: opts.paidFen ?? 0,
      paidDate: opts.paidFen ? `${YEAR}-01-15` : null,
    });
  return { id: p.id, name: p.name, idNumber: p.idNumber, townCode };
}

/** A listed row: a registry person, or a raw one (bad ID, not in the registry). */
export type ListRow =
  { person: Listed; category: string } | { name: string; idNumber: string; town: string; category: string };

/** Imports a list of the year for `source`, dated `listDate`, through the import itself. */
export async function importList(db: Db, user: SessionUser, source: PovertySource, listDate: string, rows: ListRow[]) {
  const file = await writeMessyList(
    rows.map((r) =>
      'person' in r
        ? [r.person.name, r.person.idNumber, TOWN_NAMES[r.person.townCode], r.category]
        : [r.name, r.idNumber, r.town, r.category],
    ),
  );
  const imported = await importPovertyList(db, {
    ...file,
    fileName: `${source}-${listDate}.xlsx`,
    source,
    listDate,
    year: YEAR,
    user,
    ip: null,
  });
  if (!imported.ok) throw new Error(imported.error);
  return imported.listId;
}

/** An ID number that fails its check character. */
export function badIdNumber(): string {
  const good = makeIdNumber('371003', '1961-04-04', 313, 'M');
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
}

/** A valid ID number of nobody in the registry. */
export const unknownIdNumber = () => makeIdNumber('371003', '1938-08-08', 871, 'M');

export const demoUsers = async (db: Db) => ({
  admin: await sessionUser(db, 'admin'),
  staff: await sessionUser(db, 'staff'),
  townStaff: await sessionUser(db, 'town_staff'),
  supervisor: await sessionUser(db, 'supervisor'),
  hospital: await sessionUser(db, 'hospital'),
});

/**
 * 文登区 in the middle of the year: the district roster (a1, r1 in 龙山路; b1 in 天福路; c1 in 环山路,
 * all 特困) approved; a newer 特困 list drops r1 and adds a3 (龙山路), b3 (天福路), c3 and c4 (环山路),
 * each paid 450 元 themselves, with `unpaid` also a2 (龙山路) and b2 (天福路), not paid, plus a bad-ID
 * row (天福路) and one not in the registry (龙山路). Submitted: batch A (龙山路's staff: a3, a2),
 * batch B (天福路's staff: b3, b2) — with `unpaid`, each needs 450 元 of the fund — and batch C (the
 * district's staff: the rest of the district, c3 and c4, refunds only).
 */
export async function midYearState(db: Db, { unpaid }: { unpaid: boolean }) {
  const users = await demoUsers(db);
  const { districtStaff, neighbourStaff } = await addSecondDistrict(db);
  const { ok } = callAs(db);
  const a1 = await newPerson(db, LONGSHAN);
  const r1 = await newPerson(db, LONGSHAN);
  const b1 = await newPerson(db, TIANFU);
  const c1 = await newPerson(db, HUANSHAN);
  await importList(
    db,
    users.staff,
    'minzheng_tekun',
    `${YEAR}-02-01`,
    [a1, r1, b1, c1].map((person) => ({ person, category: '特困' })),
  );
  const roster = await ok(generateRosterOp, users.staff, { year: YEAR });
  assert.equal(roster.lines, 4);
  await ok(submitBatchOp, users.staff, { id: roster.id });
  await ok(approveBatchOp, users.supervisor, { id: roster.id });

  const paid = { tier: 'tier1', paidFen: 45000 } as const;
  const a3 = await newPerson(db, LONGSHAN, paid);
  const b3 = await newPerson(db, TIANFU, paid);
  const c3 = await newPerson(db, HUANSHAN, paid);
  const c4 = await newPerson(db, HUANSHAN, paid);
  const a2 = unpaid ? await newPerson(db, LONGSHAN) : null;
  const b2 = unpaid ? await newPerson(db, TIANFU) : null;
  await importList(db, users.staff, 'minzheng_tekun', `${YEAR}-07-01`, [
    ...[a1, b1, c1, a3, b3, c3, c4, a2, b2].flatMap((person) => (person ? [{ person, category: '特困' }] : [])),
    { name: '号码错', idNumber: badIdNumber(), town: '天福路街道', category: '特困' },
    { name: '查无此人', idNumber: unknownIdNumber(), town: '龙山路街道', category: '特困' },
  ]);
  const batchA = await ok(generateRosterOp, users.townStaff, { year: YEAR });
  const batchB = await ok(generateRosterOp, neighbourStaff, { year: YEAR });
  const batchC = await ok(generateRosterOp, users.staff, { year: YEAR });
  const perTown = unpaid ? 2 : 1;
  assert.deepEqual([batchA.lines, batchB.lines, batchC.lines], [perTown, perTown, 2]);
  await ok(submitBatchOp, users.townStaff, { id: batchA.id });
  await ok(submitBatchOp, neighbourStaff, { id: batchB.id });
  await ok(submitBatchOp, users.staff, { id: batchC.id });
  return {
    ...users,
    districtStaff,
    neighbourStaff,
    people: { a1, r1, b1, c1, a3, b3, c3, c4, a2: a2!, b2: b2! },
    rosterId: roster.id!,
    batchA: batchA.id!,
    batchB: batchB.id!,
    batchC: batchC.id!,
  };
}
export type MidYearState = Awaited<ReturnType<typeof midYearState>>;
