/**
 * The role matrix's fixtures: who may call each operation (written out independently of the
 * permission table) and a valid input for each, fresh per call where uniqueness matters. Shared by
 * role-matrix.test.ts and double-submit.test.ts; `setupMatrix` makes the fixtures in a test database.
 */
import { eq } from 'drizzle-orm';
import {
  hospitalDiseases,
  people,
  spotCheckItems,
  spotChecks,
  subsidyBatches,
  subsidyLines,
  subsidyRefunds,
  users,
} from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed';
import { addDays } from '@/lib/domain/calendar';
import { DEMO_USERNAMES, type TestDb } from './helpers';
import { createMatchingFixtures, type MatchingFixtures } from './matching-fixtures';
import { enrolledPerson, hospitalIdOf, insertCertification } from './certification-fixtures';
import { workstationMatrixFixtures } from './workstation-fixtures';
import { assistanceMatrixFixtures, RECORD } from './matrix-fixtures-assistance';
import { settlementMatrixFixtures } from './matrix-fixtures-settlement';

export type Username = (typeof DEMO_USERNAMES)[number];
const AGENCY: Username[] = ['admin', 'staff', 'town_staff', 'supervisor'];
const WORKERS: Username[] = ['admin', 'staff', 'town_staff'];

/** Who may call what — written out here, independently of the permission table. */
export const ALLOWED: Record<string, Username[]> = {
  'persons.list': AGENCY,
  'persons.get': AGENCY,
  'persons.revealId': AGENCY,
  'enrollments.save': ['admin', 'staff', 'town_staff'],
  'workstation.home': ['hospital', 'hospital_mental'],
  'workstation.lookup': ['hospital', 'hospital_mental'],
  'workstation.file': ['hospital', 'hospital_mental'],
  'workstation.uploadEvidence': ['hospital', 'hospital_mental'],
  'workstation.decide': ['hospital', 'hospital_mental'],
  'workstation.filings': ['hospital', 'hospital_mental'],
  'workstation.certificate': ['hospital', 'hospital_mental'],
  'workstation.evidence': ['hospital', 'hospital_mental'],
  'certifications.evidence': ['admin', 'staff', 'town_staff', 'supervisor'],
  'users.list': ['admin'],
  'users.formOptions': ['admin'],
  'users.create': ['admin'],
  'users.update': ['admin'],
  'users.resetPassword': ['admin'],
  'users.setDisabled': ['admin'],
  'users.changeOwnPassword': ['admin', 'staff', 'town_staff', 'supervisor', 'hospital', 'hospital_mental'],
  'users.unlock': ['admin'],
  'audit.search': ['admin', 'supervisor'],
  'lists.list': AGENCY,
  'lists.overview': AGENCY,
  'lists.rows': AGENCY,
  'lists.rowSuggestions': AGENCY,
  'suggestions.confirm': WORKERS,
  'suggestions.reject': WORKERS,
  'imports.status': AGENCY,
  'lists.import': WORKERS,
  'cases.list': AGENCY,
  'cases.get': AGENCY,
  'cases.assign': WORKERS,
  'cases.update': WORKERS,
  'cases.uploadEvidence': WORKERS,
  'cases.close': WORKERS,
  'cases.reopen': WORKERS,
  'cases.evidence': AGENCY,
  'cases.staff': AGENCY,
  'cases.export': AGENCY,
  'imports.preview': WORKERS,
  'imports.errorReport': AGENCY,
  'lists.export': AGENCY,
  'registry.import': ['admin', 'staff'], // not town-scoped staff: the export covers the whole district
  'catalog.list': ['admin'],
  'catalog.history': ['admin'],
  'catalog.create': ['admin'],
  'catalog.addVersion': ['admin'],
  'hospitals.list': ['admin'],
  'hospitals.get': ['admin'],
  'hospitals.create': ['admin'],
  'hospitals.update': ['admin'],
  'hospitals.setActive': ['admin'],
  'delegations.grant': ['admin'],
  'delegations.end': ['admin'],
  'delegations.cancel': ['admin'],
  'certifications.list': AGENCY,
  'certifications.get': AGENCY,
  'certifications.filterOptions': AGENCY,
  'certifications.export': AGENCY,
  'certifications.revoke': WORKERS,
  'spotChecks.list': ['admin', 'supervisor'],
  'spotChecks.draw': ['admin', 'supervisor'],
  'spotChecks.get': ['admin', 'supervisor'],
  'spotChecks.verdict': ['admin', 'supervisor'],
  'subsidyStandards.list': AGENCY,
  'subsidyStandards.addContribution': ['admin'],
  'subsidyStandards.addRule': ['admin'],
  'subsidies.batches': AGENCY,
  'subsidies.batch': AGENCY,
  'subsidies.lines': AGENCY,
  'subsidies.approvedLines': AGENCY,
  'subsidies.excluded': AGENCY,
  'subsidies.generate': WORKERS,
  'subsidies.submit': WORKERS, // town staff: their town's batches
  'subsidies.approve': ['admin', 'supervisor'],
  'subsidies.return': ['admin', 'supervisor'],
  'subsidies.refunds': AGENCY,
  'subsidies.updateRefund': WORKERS,
  'subsidies.fund': AGENCY,
  'subsidies.allocate': ['admin', 'staff'], // not town staff: the fund is the district's
  'subsidies.person': AGENCY,
  'subsidies.exportBatch': AGENCY,
  'subsidies.exportTax': WORKERS,
  'subsidies.exportRefunds': AGENCY,
  'assistance.list': AGENCY,
  'assistance.capReport': AGENCY,
  'assistance.export': AGENCY,
  'assistance.create': WORKERS, // town staff: people of their town
  'assistance.update': WORKERS,
  'assistance.reverse': WORKERS,
  'assistance.import': WORKERS,
  'targets.list': ['admin'], // the coverage denominators are policy data
  'targets.save': ['admin'],
  'dashboard.coverage': AGENCY,
  'dashboard.listCoverage': AGENCY,
  'dashboard.cases': AGENCY,
  'dashboard.subsidies': AGENCY,
  'dashboard.assistance': AGENCY,
  'dashboard.certifications': AGENCY,
  'dashboard.export': AGENCY,
  'settlement.person': [...AGENCY, 'hospital', 'hospital_mental'],
  'settlement.preview': [...WORKERS, 'hospital', 'hospital_mental'],
  'settlement.save': [...WORKERS, 'hospital', 'hospital_mental'],
  'settlement.correct': [...WORKERS, 'hospital', 'hospital_mental'], // hospital staff: their own hospital's stays
  'settlement.cancel': [...WORKERS, 'hospital', 'hospital_mental'],
  'settlement.list': [...AGENCY, 'hospital', 'hospital_mental'],
  'settlement.get': [...AGENCY, 'hospital', 'hospital_mental'],
  'settlement.policies': [...AGENCY, 'hospital', 'hospital_mental'],
  'settlement.savePolicy': ['admin'],
  'settlement.previewPolicy': ['admin'],
};

let t: TestDb;
let personId: number; // in 龙山路街道, so town_staff may reach them
let targetUserId: number;
let counter = 0;

let fx: MatchingFixtures;
/** A certification of a 龙山路街道 person at 威海市中心医院, sampled by one spot check. */
const cert = { hospitalId: 0, certId: 0, spotCheckId: 0, freshApproved: async () => 0 };
let ws: Awaited<ReturnType<typeof workstationMatrixFixtures>>;
/** 医疗救助 of the 龙山路街道 person: one record that stands, corrected by every allowed call. */
let aid: ReturnType<typeof assistanceMatrixFixtures> & { recordId: number };
/** 一站式结算 stays of the 龙山路街道 person at the caller's hospital. */
let stl: ReturnType<typeof settlementMatrixFixtures>;

/** Subsidy batches of 龙山路街道 in a year no list covers (generating the current year meets none of them). */
const SUBSIDY_YEAR = 2031;
const sub = { batchId: 0, refundBatchId: 0 };
async function subsidyBatch(status: 'draft' | 'submitted') {
  const [b] = await t.db
    .insert(subsidyBatches)
    .values({
      year: SUBSIDY_YEAR,
      districtCode: '371003',
      townCode: '371003001',
      status,
      preparedBy: fx.townStaffId, // never an approver of the matrix
      submittedAt: status === 'submitted' ? new Date() : null,
    })
    .returning({ id: subsidyBatches.id });
  return b.id;
}
/** A 待退 refund on a line of its own (a change line: no one-first-line-per-person limit). */
async function pendingRefund() {
  const [line] = await t.db
    .insert(subsidyLines)
    .values({
      batchId: sub.refundBatchId,
      year: SUBSIDY_YEAR,
      kind: 'change',
      personId,
      townCode: '371003001',
      category: 'tekun',
      source: 'minzheng_tekun',
      tier: 'tier1',
      ageGroup: 'adult',
      contributionFen: 45000,
      amountFen: 45000,
      paidFen: 45000,
      settlement: 'refund',
      refLineId: 1,
    })
    .returning({ id: subsidyLines.id });
  const [r] = await t.db
    .insert(subsidyRefunds)
    .values({ lineId: line.id, personId, townCode: '371003001', year: SUBSIDY_YEAR, amountFen: 45000 })
    .returning({ id: subsidyRefunds.id });
  return r.id;
}
const thisYear = new Date().getFullYear();

/** A valid input for each operation (fresh per call where uniqueness matters; some depend on the caller's hospital). */
export const INPUTS: Record<string, (username?: Username) => unknown> = {
  'lists.list': () => ({}),
  'lists.overview': () => ({ id: fx.listId }),
  'lists.rows': () => ({ id: fx.listId }),
  'lists.rowSuggestions': () => ({ id: fx.rowId }),
  'suggestions.confirm': () => fx.freshSuggestion(),
  'suggestions.reject': () => fx.freshSuggestion(),
  'imports.status': () => ({ id: fx.importId }),
  'lists.import': (u) => fx.freshUpload(u),
  'cases.list': () => ({}),
  'cases.get': () => ({ id: fx.caseId }),
  'cases.assign': () => ({ ids: [fx.caseId], assigneeId: fx.townStaffId }),
  'cases.update': () => ({ id: fx.caseId, note: `备注${++counter}` }),
  'cases.uploadEvidence': () => ({ caseId: fx.caseId, file: new File([Buffer.from('%PDF-1.4 test')], '证明.pdf') }),
  'cases.close': () =>
    fx.freshCase({ withEvidence: true }).then((id) => ({ id, reason: 'deceased', note: '死亡证明' })),
  'cases.reopen': () => fx.freshCase({ closed: true }).then((id) => ({ id, note: '误销号' })),
  'cases.evidence': () => ({ id: fx.evidenceId }),
  'cases.staff': () => ({ townCode: '371003001' }),
  'cases.export': () => ({}),
  'imports.errorReport': () => ({ id: fx.importId }),
  'lists.export': () => ({ id: fx.listId }),
  'registry.import': (u) => fx.freshRegistryUpload(u),
  'imports.preview': async (u) => ({ ...(await fx.freshUpload(u)), kind: 'list' }),
  'persons.list': () => ({}),
  'persons.get': () => ({ id: personId }),
  'persons.revealId': () => ({ id: personId }),
  'enrollments.save': () => ({
    personId,
    year: 2026,
    scheme: 'resident',
    tier: 'tier1',
    status: 'active',
    paidYuan: '450',
  }),
  'workstation.home': () => ({}),
  'workstation.lookup': () => ws.lookup(),
  'workstation.file': (u) => ws.file(u), // with the lookup token of that user's own lookup (made before the snapshot)
  'workstation.uploadEvidence': (u) => ws.upload(u),
  'workstation.decide': (u) => ws.decide(u),
  'workstation.filings': () => ({}),
  'workstation.certificate': (u) => ws.certificate(u),
  'workstation.evidence': (u) => ws.hospitalEvidence(u),
  'certifications.evidence': () => ws.agencyEvidence(),
  'users.list': () => ({}),
  'users.formOptions': () => ({}),
  'users.create': () => ({
    username: `matrix_${++counter}`,
    displayName: '矩阵测试',
    role: 'supervisor',
    password: 'Matrix#2026a',
  }),
  'users.update': () => ({ id: targetUserId, displayName: `目标${++counter}`, role: 'supervisor' }),
  'users.resetPassword': () => ({ id: targetUserId, newPassword: 'Reset#2026a' }),
  'users.setDisabled': () => ({ id: targetUserId, disabled: false }),
  // each demo user runs it once: from the demo password to another
  'users.changeOwnPassword': () => ({ oldPassword: DEMO_PASSWORD, newPassword: 'Changed#2026a' }),
  'users.unlock': () => ({ id: targetUserId }),
  'audit.search': () => ({}),
  'catalog.list': () => ({}),
  'catalog.history': () => ({ code: 'M03900' }),
  'catalog.create': () => ({
    ...diseaseVersion,
    code: `Z${String(++counter).padStart(5, '0')}`,
    effectiveFrom: '2030-01-01',
  }),
  'catalog.addVersion': () => ({ ...diseaseVersion, code: 'M03900', effectiveFrom: addDays('2030-01-01', ++counter) }),
  'hospitals.list': () => ({}),
  'hospitals.get': async () => ({ id: await hospitalIdOf(t.db, 'H37100300001') }),
  'hospitals.create': () => ({ code: `H371003${90000 + ++counter}`, name: `矩阵医院${counter}`, level: 'level1' }),
  'hospitals.update': async () => ({
    id: await hospitalIdOf(t.db, 'H37100300002'),
    code: 'H37100300002',
    name: '文登区人民医院',
    level: 'level2',
  }),
  'hospitals.setActive': async () => ({ id: await hospitalIdOf(t.db, 'H37100300002'), active: true }),
  'delegations.grant': async () => {
    const day = addDays('2030-01-01', ++counter);
    return {
      hospitalId: await hospitalIdOf(t.db, 'H37100300006'),
      diseaseCode: 'M03900',
      validFrom: day,
      validTo: day,
    };
  },
  'delegations.end': async () => ({
    hospitalId: await hospitalIdOf(t.db, 'H37100300001'),
    diseaseCode: 'M03900',
    validFrom: '2020-01-01',
    validTo: addDays('2099-12-31', -++counter),
  }),
  'delegations.cancel': async () => {
    // a delegation that has not started yet, made for this call
    const key = {
      hospitalId: await hospitalIdOf(t.db, 'H37100300006'),
      diseaseCode: 'M03900',
      validFrom: addDays('2040-01-01', ++counter),
    };
    await t.db.insert(hospitalDiseases).values({ ...key, validTo: key.validFrom });
    return key;
  },
  'certifications.list': () => ({}),
  'certifications.get': () => ({ id: cert.certId }),
  'certifications.filterOptions': () => ({}),
  'certifications.export': () => ({}),
  'certifications.revoke': () => cert.freshApproved().then((id) => ({ id, reason: '矩阵测试撤销' })),
  'spotChecks.list': () => ({}),
  'spotChecks.draw': () => ({ hospitalId: cert.hospitalId, from: '2020-01-01', to: '2099-12-31', count: 1 }),
  'spotChecks.get': () => ({ id: cert.spotCheckId }),
  'spotChecks.verdict': () => ({ spotCheckId: cert.spotCheckId, certificationId: cert.certId, verdict: 'compliant' }),
  'subsidyStandards.list': () => ({}),
  'subsidyStandards.addContribution': () => ({
    year: 2040,
    effectiveFrom: addDays('2040-01-01', ++counter),
    tier1Adult: '450',
    tier1Minor: '200',
    tier1Student: '200',
    tier2Adult: '650',
    tier2Minor: '200',
    tier2Student: '200',
    collectionFrom: '2040-01-01',
    collectionTo: '2040-04-30',
    docRef: '矩阵测试〔2040〕1号',
  }),
  'subsidyStandards.addRule': () => ({
    year: thisYear - 1, // the demo standards of that year are in force from December before it
    category: 'veteran',
    effectiveFrom: addDays(`${thisYear - 1}-03-01`, ++counter),
    kind: 'fixed',
    amount: '100',
    docRef: '矩阵测试〔2025〕2号',
  }),
  'subsidies.batches': () => ({}),
  'subsidies.batch': () => ({ id: sub.batchId }),
  'subsidies.lines': () => ({ id: sub.batchId }),
  'subsidies.approvedLines': () => ({ year: thisYear }),
  'subsidies.excluded': () => ({ year: thisYear, districtCode: '371003' }), // the area's users name the district
  'subsidies.generate': () => ({ year: thisYear, districtCode: '371003' }),
  'subsidies.submit': () => subsidyBatch('draft').then((id) => ({ id })),
  'subsidies.approve': () => subsidyBatch('submitted').then((id) => ({ id })),
  'subsidies.return': () => subsidyBatch('submitted').then((id) => ({ id, note: '矩阵测试退回' })),
  'subsidies.refunds': () => ({}),
  'subsidies.updateRefund': () =>
    pendingRefund().then((id) => ({
      id,
      status: 'refunded',
      date: '2020-01-01',
      accountRef: '农业银行 6228 4800 1234 5678',
    })),
  'subsidies.fund': () => ({}),
  'subsidies.allocate': () => ({ year: thisYear, districtCode: '371003', amount: '100', note: '矩阵测试拨付' }),
  'subsidies.person': () => ({ personId }),
  'subsidies.exportBatch': () => ({ id: sub.batchId }),
  'subsidies.exportTax': () => ({ id: sub.batchId }),
  'subsidies.exportRefunds': () => ({}),
  'assistance.list': () => ({ year: '2026' }),
  'assistance.capReport': () => ({ year: '2026' }),
  'assistance.export': () => ({ year: '2026' }),
  'assistance.create': () => aid.createInput(),
  'assistance.update': () => ({ ...RECORD, id: aid.recordId, reason: '更正金额' }),
  'assistance.reverse': () => aid.standingRecord().then((id) => ({ id, reason: '医院退费' })),
  'assistance.import': (u) => aid.upload(u ?? 'staff'),
  'targets.list': () => ({ year: '2026' }),
  'targets.save': () => ({
    year: 2026,
    townCode: '371003001',
    residentPopulation: 100,
    insuredTarget: 90,
    expansionTarget: 5,
  }),
  'dashboard.coverage': () => ({ year: '2026' }),
  'dashboard.listCoverage': () => ({ year: '2026' }),
  'dashboard.cases': () => ({ year: '2026' }),
  'dashboard.subsidies': () => ({ year: '2026' }),
  'dashboard.assistance': () => ({ year: '2026' }),
  'dashboard.certifications': () => ({ year: '2026' }),
  'dashboard.export': () => ({ panel: 'coverage', year: '2026' }),
  'settlement.person': (u) => stl.person(u),
  'settlement.preview': (u) => stl.preview(u),
  'settlement.save': (u) => stl.save(u),
  'settlement.correct': (u) => stl.correct(u),
  'settlement.cancel': (u) => stl.cancel(u),
  'settlement.list': () => ({}),
  'settlement.get': (u) => stl.get(u),
  'settlement.policies': () => ({}),
  'settlement.savePolicy': () => stl.savePolicy(),
  'settlement.previewPolicy': () => stl.previewPolicy(),
};
const diseaseVersion = {
  name: '矩阵病种',
  kind: 'chronic',
  forResident: true,
  forEmployee: true,
  reviewExempt: false,
  validityMonths: 24,
  active: true,
};

/** Makes the fixtures the inputs use in `db`; the target user of the users.* operations is returned. */
export async function setupMatrix(db: TestDb): Promise<{ targetUserId: number }> {
  t = db;
  const [longshanPerson] = await t.db
    .select({ id: people.id, name: people.name, idNumber: people.idNumber })
    .from(people)
    .where(eq(people.townCode, '371003001'))
    .limit(1);
  personId = longshanPerson.id;
  [{ id: targetUserId }] = await t.db
    .insert(users)
    .values({ username: 'matrix_target', displayName: '目标', role: 'supervisor', passwordHash: 'x' })
    .returning({ id: users.id });
  fx = await createMatchingFixtures(t.db);
  cert.hospitalId = await hospitalIdOf(t.db, 'H37100300001');
  const longshan = await enrolledPerson(t.db, new Date().getFullYear(), '371003001');
  cert.freshApproved = async () =>
    (await insertCertification(t.db, { personId: longshan.id, hospitalId: cert.hospitalId, diseaseCode: 'M01600' })).id;
  cert.certId = await cert.freshApproved();
  [{ id: cert.spotCheckId }] = await t.db
    .insert(spotChecks)
    .values({
      hospitalId: cert.hospitalId,
      periodFrom: '2020-01-01',
      periodTo: '2099-12-31',
      count: 1,
      seed: 'matrix',
      algorithm: 'test',
      populationSize: 1,
      createdBy: targetUserId,
    })
    .returning({ id: spotChecks.id });
  await t.db.insert(spotCheckItems).values({ spotCheckId: cert.spotCheckId, certificationId: cert.certId });
  ws = await workstationMatrixFixtures(t.db);
  sub.batchId = await subsidyBatch('draft');
  sub.refundBatchId = await subsidyBatch('draft');
  const assistance = assistanceMatrixFixtures(t.db, longshanPerson);
  aid = { ...assistance, recordId: await assistance.standingRecord() };
  stl = settlementMatrixFixtures(t.db, longshanPerson);
  return { targetUserId };
}
