/**
 * Finding 1: a masked ID next to the birth date is the whole ID. Calls every read operation as a
 * role that may call it, walks every object of the answer (exported workbooks read into rows), and
 * for every masked ID counts the valid ID numbers consistent with the mask and with what the same
 * object and its parent show (birth date/year, age, gender; the area is in the mask): never fewer
 * than 10. No answer may hold a whole ID number.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, gt, isNotNull, ne, sql } from 'drizzle-orm';
import { auditLog, listRows, matchSuggestions, people, spotCheckItems, spotChecks, towns } from '@/db/schema';
import { DASHBOARD_PANELS } from '@/lib/schemas/dashboard';
import { makeIdNumber } from '@/lib/domain/id-number';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { importPovertyList } from '@/lib/import/list-import';
import { ALL_OPERATIONS } from '@/lib/operations';
import { confirmSuggestion } from '@/lib/operations/matching';
import { createAssistanceOp, reverseAssistanceOp } from '@/lib/operations/assistance-writes';
import { approveBatchOp, generateRosterOp, submitBatchOp } from '@/lib/operations/subsidy-batches';
import { createTestDb, sessionUser, type TestDb } from './helpers';
import { checkAnswer, countCandidates, masksIn, readable } from './id-reconstruction';
import { hospitalIdOf, insertCertification } from './certification-fixtures';
import { writeMessyList } from './list-fixtures';
import { createMatchingFixtures, type MatchingFixtures } from './matching-fixtures';
import { workstationMatrixFixtures } from './workstation-fixtures';
import { settlementMaskingReads } from './matrix-fixtures-settlement';
import { csv, HEADER, HOSP, removeFiles, runImport, sid } from './assistance-fixtures';
import {
  badIdNumber,
  callAs,
  importList as importSubsidyList,
  LONGSHAN,
  newPerson,
  TIANFU,
  unknownIdNumber,
  YEAR,
} from './subsidies-fixtures';

type Person = typeof people.$inferSelect;
type Call = { username: string; input: () => unknown };

let t: TestDb;
let fx: MatchingFixtures;
let ws: Awaited<ReturnType<typeof workstationMatrixFixtures>>;
/** The person whose 一站式结算 stays the settlement reads show. */
let stlPerson = { idNumber: '' };
const f = { householdPerson: 0, listV1: 0, listV2: 0, importV1: 0, suggestedRows: [] as number[], certId: 0, spot: 0 };
/** 缴费资助 of this year: the approved roster, the approved mid-year additions (a refund), people with lines. */
const sub = { rosterId: 0, additionsId: 0, listed: 0, refunded: 0 };

const legacyMask = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** The same number with a wrong check character: a list row with a typo, kept as 待核实. */
const typo = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

async function importList(rows: (string | null)[][], listDate: string) {
  const file = await writeMessyList(rows);
  const r = await importPovertyList(t.db, {
    ...file,
    fileName: `masking-${listDate}.xlsx`,
    source: 'fupin',
    listDate,
    year: 2026,
    user: await sessionUser(t.db, 'staff'),
    ip: null,
  });
  if (!r.ok) throw new Error(r.error);
  return r;
}

before(async () => {
  t = await createTestDb({ people: 400 });
  fx = await createMatchingFixtures(t.db);
  ws = await workstationMatrixFixtures(t.db);
  const [member] = await t.db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        isNotNull(people.householdId),
        sql`(select count(*) from people p where p.household_id = ${people.householdId}) > 1`,
      ),
    )
    .limit(1);
  f.householdPerson = member.id;

  const registry: (Person & { townName: string })[] = (
    await t.db.select().from(people).innerJoin(towns, eq(towns.code, people.townCode)).orderBy(people.id).limit(6)
  ).map((r) => ({ ...r.people, townName: r.towns.name }));
  const [a, b, c, d, e] = registry;
  stlPerson = a;
  // Not in the registry: c's name and birth date with another sequence number.
  const unknownId = makeIdNumber(
    c.idNumber.slice(0, 6),
    c.birthDate,
    (Number(c.idNumber.slice(14, 17)) + 2) % 1000,
    'M',
  );
  const v1 = await importList(
    [
      [a.name, a.idNumber, a.townName, '一般贫困户'],
      [b.name, typo(b.idNumber), b.townName, '一般贫困户'],
      [c.name, unknownId, c.townName, '一般贫困户'],
      [d.name, d.idNumber, d.townName, '一般贫困户'],
    ],
    '2026-03-01',
  );
  f.listV1 = v1.listId;
  f.importV1 = v1.importId;
  const v2 = await importList(
    [
      [a.name, a.idNumber, a.townName, '一般贫困户'],
      [e.name, e.idNumber, e.townName, '一般贫困户'],
    ],
    '2026-06-01',
  );
  f.listV2 = v2.listId;

  const rows = await t.db.select().from(listRows).where(eq(listRows.listId, f.listV1));
  f.suggestedRows = rows.filter((r) => r.matchClass === 'invalid_id' || r.matchClass === 'not_found').map((r) => r.id);
  assert.equal(f.suggestedRows.length, 2);
  // A suggestion stored before this fix: the old mask and the candidate's whole birth date.
  const notFound = rows.find((r) => r.matchClass === 'not_found')!;
  await t.db.insert(matchSuggestions).values({
    listRowId: notFound.id,
    personId: e.id,
    score: 70,
    evidence: {
      reasons: ['姓名相同', '出生日期相同'],
      strength: 'strong',
      fields: [
        { field: 'name', row: c.name, candidate: e.name, agrees: true },
        { field: 'idNumber', row: legacyMask(unknownId), candidate: legacyMask(e.idNumber), agrees: false },
        { field: 'birthDate', row: c.birthDate, candidate: e.birthDate, agrees: false },
      ],
    },
  });
  // An audit row written before this fix (old mask); and a confirmation written now.
  await t.db.insert(auditLog).values({
    username: 'staff',
    role: 'agency_staff',
    action: 'list_row.correct_id',
    entityType: 'list_row',
    entityId: String(notFound.id),
    personId: e.id,
    before: { idNumber: legacyMask(unknownId) },
    after: { idNumber: legacyMask(e.idNumber) },
  });
  const [pending] = await t.db
    .select({ id: matchSuggestions.id })
    .from(matchSuggestions)
    .where(and(eq(matchSuggestions.listRowId, f.suggestedRows[0]), ne(matchSuggestions.personId, e.id)))
    .limit(1);
  if (pending) await confirmSuggestion.run(await sessionUser(t.db, 'staff'), { id: pending.id }, { db: t.db });

  const hospitalId = await hospitalIdOf(t.db, 'H37100300001');
  f.certId = (await insertCertification(t.db, { personId: b.id, hospitalId, diseaseCode: 'M01600' })).id;
  [{ id: f.spot }] = await t.db
    .insert(spotChecks)
    .values({
      hospitalId,
      periodFrom: '2020-01-01',
      periodTo: '2099-12-31',
      count: 1,
      seed: 'masking',
      algorithm: 'test',
      populationSize: 1,
      createdBy: (await sessionUser(t.db, 'supervisor')).id,
    })
    .returning({ id: spotChecks.id });
  await t.db.insert(spotCheckItems).values({ spotCheckId: f.spot, certificationId: f.certId });

  // 缴费资助: a list of this year naming 特困 people (the 残联's: no other fixture's list of that source
  // is newer), with a bad-ID row and one not in the registry (另列); its roster approved; a newer
  // list adds a person who had paid (a refund of the additions batch).
  const staffUser = await sessionUser(t.db, 'staff');
  const supervisor = await sessionUser(t.db, 'supervisor');
  const { ok } = callAs(t.db);
  const listed = [await newPerson(t.db, LONGSHAN), await newPerson(t.db, TIANFU, { minor: true })];
  const apart = [
    { name: '号码错', idNumber: badIdNumber(), town: '天福路街道', category: '特困' },
    { name: '查无此人', idNumber: unknownIdNumber(), town: '龙山路街道', category: '特困' },
  ];
  const tekun = listed.map((person) => ({ person, category: '特困' }));
  await importSubsidyList(t.db, staffUser, 'disabled', `${YEAR}-01-01`, [...tekun, ...apart]);
  const roster = await ok(generateRosterOp, staffUser, { year: YEAR });
  await ok(submitBatchOp, staffUser, { id: roster.id });
  await ok(approveBatchOp, supervisor, { id: roster.id });
  const paid = await newPerson(t.db, LONGSHAN, { tier: 'tier1', paidFen: 45000 });
  await importSubsidyList(t.db, staffUser, 'disabled', `${YEAR}-01-02`, [
    ...tekun,
    { person: paid, category: '特困' },
    ...apart,
  ]);
  const additions = await ok(generateRosterOp, staffUser, { year: YEAR });
  await ok(submitBatchOp, staffUser, { id: additions.id });
  const approved = await ok(approveBatchOp, supervisor, { id: additions.id });
  assert.equal(approved.refunds, 1);
  Object.assign(sub, { rosterId: roster.id, additionsId: additions.id, listed: listed[0].id, refunded: paid.id });

  // 医疗救助 of this year: entered by hand (one past the annual cap, one reversed, one of a 龙山路街道
  // person for the town's staff) and imported (a settlement and its reversal).
  const entry = { settlementDate: `${YEAR}-01-01`, medType: 'inpatient', institutionName: '文登区人民医院' };
  await ok(createAssistanceOp, staffUser, {
    ...entry,
    idNumber: a.idNumber,
    totalYuan: '60000',
    policyRangeYuan: '55000',
    assistanceYuan: '50001',
  });
  const reversed = await ok(createAssistanceOp, staffUser, {
    ...entry,
    idNumber: d.idNumber,
    totalYuan: '1000',
    policyRangeYuan: '800',
    assistanceYuan: '300',
  });
  await ok(reverseAssistanceOp, staffUser, { id: reversed.id, reason: '医院退费' });
  await ok(createAssistanceOp, staffUser, {
    ...entry,
    medType: 'outpatient',
    idNumber: listed[0].idNumber,
    totalYuan: '200',
    policyRangeYuan: '150',
    assistanceYuan: '50',
  });
  const imported = await runImport(
    t.db,
    csv([
      HEADER,
      [sid('S1'), e.name, e.idNumber, ...HOSP, '门诊', `${YEAR}-01-01`, '500', '400', '100', '', '0'],
      [sid('S2'), a.name, a.idNumber, ...HOSP, '住院', `${YEAR}-01-01`, '900', '800', '200', '', '0'],
      [sid('R2'), a.name, a.idNumber, ...HOSP, '住院', `${YEAR}-01-01`, '-900', '-800', '-200', sid('S2'), '1'],
    ]),
    staffUser,
  );
  assert.equal(imported.ok, true, JSON.stringify(imported).slice(0, 300));
});
after(async () => {
  removeFiles();
  await t.close();
});

const staff = (input: () => unknown): Call => ({ username: 'staff', input });
const as = (username: string, input: () => unknown): Call => ({ username, input });

/** Every read operation, with callers and inputs that reach people (several where one shape is not enough). */
const READS: Record<string, Call[]> = {
  'persons.list': [staff(() => ({ pageSize: 100 })), staff(() => ({ sort: 'birthDate', pageSize: 100 }))],
  'persons.get': [staff(() => ({ id: f.householdPerson }))],
  'workstation.home': [as('hospital', () => ({}))],
  'users.list': [as('admin', () => ({}))],
  'users.formOptions': [as('admin', () => ({}))],
  'audit.search': [as('supervisor', () => ({ pageSize: 100 }))],
  'lists.list': [staff(() => ({}))],
  'lists.overview': [staff(() => ({ id: f.listV1 })), staff(() => ({ id: f.listV2 }))],
  'lists.rows': [staff(() => ({ id: f.listV1 })), staff(() => ({ id: fx.listId }))],
  'lists.rowSuggestions': [staff(() => ({ id: f.suggestedRows[0] })), staff(() => ({ id: f.suggestedRows[1] }))],
  'imports.status': [staff(() => ({ id: f.importV1 }))],
  'cases.list': [staff(() => ({ pageSize: 100 }))],
  'cases.get': [staff(() => ({ id: fx.caseId }))],
  'cases.evidence': [staff(() => ({ id: fx.evidenceId }))],
  'cases.staff': [staff(() => ({ townCode: '371003001' }))],
  'cases.export': [staff(() => ({}))],
  'imports.preview': [staff(async () => ({ ...(await fx.freshUpload('staff')), kind: 'list' }))],
  'imports.errorReport': [staff(() => ({ id: f.importV1 }))],
  'lists.export': [staff(() => ({ id: f.listV1 }))],
  'catalog.list': [as('admin', () => ({}))],
  'catalog.history': [as('admin', () => ({ code: 'M03900' }))],
  'hospitals.list': [as('admin', () => ({}))],
  'hospitals.get': [as('admin', async () => ({ id: await hospitalIdOf(t.db, 'H37100300001') }))],
  'certifications.list': [staff(() => ({ pageSize: 100 }))],
  'certifications.get': [staff(() => ({ id: f.certId }))],
  'certifications.filterOptions': [staff(() => ({}))],
  'certifications.export': [staff(() => ({}))],
  'spotChecks.list': [as('supervisor', () => ({}))],
  'spotChecks.get': [as('supervisor', () => ({ id: f.spot }))],
  'workstation.lookup': [as('hospital', () => ws.lookup())],
  'workstation.filings': [as('hospital', () => ({}))],
  'workstation.certificate': [as('hospital', () => ws.certificate('hospital'))],
  'workstation.evidence': [as('hospital', () => ws.hospitalEvidence('hospital'))],
  'certifications.evidence': [staff(() => ws.agencyEvidence())],
  'subsidyStandards.list': [staff(() => ({}))],
  'subsidies.batches': [staff(() => ({ year: YEAR }))],
  'subsidies.batch': [staff(() => ({ id: sub.rosterId })), staff(() => ({ id: sub.additionsId }))],
  'subsidies.lines': [staff(() => ({ id: sub.rosterId, pageSize: 100 })), staff(() => ({ id: sub.additionsId }))],
  'subsidies.approvedLines': [staff(() => ({ year: YEAR, pageSize: 200 }))],
  'subsidies.excluded': [staff(() => ({ year: YEAR, districtCode: '371003' }))],
  'subsidies.refunds': [staff(() => ({}))],
  'subsidies.fund': [staff(() => ({ year: YEAR }))],
  'subsidies.person': [staff(() => ({ personId: sub.refunded })), staff(() => ({ personId: sub.listed }))],
  'subsidies.exportBatch': [
    staff(() => ({ id: sub.rosterId })),
    staff(() => ({ id: sub.additionsId, part: 'adjustments' })),
  ],
  'subsidies.exportTax': [staff(() => ({ id: sub.rosterId }))],
  'subsidies.exportRefunds': [staff(() => ({}))],
  'assistance.list': [staff(() => ({ year: YEAR, pageSize: 100 })), as('town_staff', () => ({ year: YEAR }))],
  'assistance.capReport': [staff(() => ({ year: YEAR }))],
  'assistance.export': [staff(() => ({ year: YEAR }))],
  'targets.list': [as('admin', () => ({ year: YEAR }))],
  'dashboard.coverage': [staff(() => ({ year: YEAR }))],
  'dashboard.listCoverage': [staff(() => ({ year: YEAR }))],
  'dashboard.cases': [staff(() => ({ year: YEAR }))],
  'dashboard.subsidies': [staff(() => ({ year: YEAR }))],
  'dashboard.assistance': [staff(() => ({ year: YEAR }))],
  'dashboard.certifications': [as('supervisor', () => ({ year: YEAR }))],
  'dashboard.export': DASHBOARD_PANELS.map((panel) => staff(() => ({ panel, year: YEAR }))),
  ...settlementMaskingReads(
    () => t.db,
    () => stlPerson,
  ),
};

test('the checker finds the leak it is for', () => {
  const today = shanghaiDate();
  const id = '371003198506120414';
  assert.equal(countCandidates(legacyMask(id), [{ kind: 'date', value: '1985-06-12' }], today), 1);
  assert.deepEqual(
    checkAnswer({ maskedId: legacyMask(id), birthDate: '1985-06-12' }, today).map((p) => p.problem.slice(0, 18)),
    ['371003********0414', '371003********0414'],
  );
  assert.equal(checkAnswer({ name: id }, today).length, 1);
  assert.ok(countCandidates('371003**********14', [{ kind: 'year', value: 1985 }], today) >= 10);
});

/** Reads whose whole purpose is the whole number (显示完整号码: audited, persons-scope.test.ts). */
const WHOLE_ID_VIEWS = ['persons.revealId'];

test('every read operation is called', () => {
  const reads = ALL_OPERATIONS.filter((op) => op.kind === 'read' && !WHOLE_ID_VIEWS.includes(op.name)).map(
    (op) => op.name,
  );
  assert.deepEqual(Object.keys(READS).sort(), reads.sort());
});

/**
 * Reads whose answer holds whole ID numbers on purpose: the tax bureau's collection list needs them
 * (product rule: shown whole only where the task needs it). Their whole numbers are not a finding;
 * every other problem still is, and each call must leave its audit row saying so.
 */
const WHOLE_ID_EXPORTS: Record<string, string> = { 'subsidies.exportTax': 'export.subsidy_tax' };

/** The reads whose answers showed a masked ID. */
const metMasks = new Set<string>();
/** Reads of people whose only data here is the fixture's 缴费资助 and 医疗救助: the check above met someone in each. */
const SHOW_PEOPLE = [
  'subsidies.batch',
  'subsidies.lines',
  'subsidies.approvedLines',
  'subsidies.excluded',
  'subsidies.refunds',
  'subsidies.exportBatch',
  'subsidies.exportRefunds',
  'assistance.list',
  'assistance.capReport',
  'assistance.export',
];

describe('no masked ID can be rebuilt from what a read shows with it', () => {
  for (const [name, calls] of Object.entries(READS)) {
    test(name, async () => {
      const op = ALL_OPERATIONS.find((o) => o.name === name)!;
      for (const call of calls) {
        const input = await call.input();
        const user = await sessionUser(t.db, call.username);
        const [{ lastAudit }] = await t.db
          .select({ lastAudit: sql<number>`coalesce(max(${auditLog.id}), 0)`.mapWith(Number) })
          .from(auditLog);
        const result = await op.run(user, input, { db: t.db, ip: '127.0.0.1' });
        assert.ok(result.ok, result.ok ? '' : `${call.username} ${JSON.stringify(input)}: ${result.error}`);
        const answer = await readable(result.data);
        if (masksIn(JSON.stringify(answer)).length > 0) metMasks.add(name);
        let problems = checkAnswer(answer, shanghaiDate());
        const where = `${name} ${JSON.stringify(input)}`;
        const auditAction = WHOLE_ID_EXPORTS[name];
        if (auditAction) {
          const whole = problems.filter((p) => /^unmasked ID number /.test(p.problem));
          assert.ok(whole.length > 0, `${where}: the export for the tax bureau holds the whole ID numbers`);
          const [row] = await t.db
            .select()
            .from(auditLog)
            .where(
              and(eq(auditLog.action, auditAction), eq(auditLog.username, user.username), gt(auditLog.id, lastAudit)),
            );
          assert.ok(row, `${where}: no ${auditAction} audit row`);
          assert.equal((row.after as { wholeIdNumbers?: boolean }).wholeIdNumbers, true);
          problems = problems.filter((p) => !whole.includes(p));
        }
        const rebuilt = problems.filter((p) => / leaves /.test(p.problem));
        assert.deepEqual(rebuilt.slice(0, 3), [], `${rebuilt.length} masked ID(s) can be rebuilt in ${where}`);
        assert.deepEqual(problems.slice(0, 3), [], `${problems.length} problem(s) in ${where}`);
      }
    });
  }
});

test('the subsidy and assistance reads of people were checked on people (the fixture gives them some)', () => {
  assert.deepEqual(
    SHOW_PEOPLE.filter((name) => !metMasks.has(name)),
    [],
  );
});

test('the masked IDs the test met are real ones (the walk reaches people)', async () => {
  const op = ALL_OPERATIONS.find((o) => o.name === 'persons.list')!;
  const r = await op.run(await sessionUser(t.db, 'staff'), {}, { db: t.db });
  assert.ok(r.ok);
  const text = JSON.stringify(r.data);
  assert.match(text, /\d{6}\*+[\dX]{2}/);
});
