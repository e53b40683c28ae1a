/**
 * Seeds: reference data (districts, towns, disease catalog) for every deployment, and the demo
 * data (hospitals, delegations, demo users, a few thousand people) for the quick start only.
 * Every insert is idempotent (on conflict do nothing), so seeding twice changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './index';
import {
  diseases,
  diseaseVersions,
  districts,
  enrollments,
  hospitalDiseases,
  hospitals,
  households,
  people,
  towns,
  users,
} from './schema';
import { generatePeople } from './demo-people';
import { seedDemoCertifications } from './seed-certifications';
import { seedSubsidyDemoYears, seedSubsidyReference } from './seed-subsidies';
import { seedSettlementDemoYears, seedSettlementReference } from './seed-settlement';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/domain/password-policy';

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs
    .readFileSync(path.join(process.cwd(), 'db', 'seed-data', file), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean);
  const keys = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])));
}

/** The seeded catalog is in force since this day (the unified list of seed 001 predates the data). */
const CATALOG_EFFECTIVE_FROM = '2020-01-01';

export async function seedReference(db: Db): Promise<void> {
  const townRows = readCsv('towns.csv');
  const districtRows = [...new Map(townRows.map((t) => [t.district_code, t.district_name])).entries()];
  await db
    .insert(districts)
    .values(districtRows.map(([code, name]) => ({ code, name })))
    .onConflictDoNothing();
  await db
    .insert(towns)
    .values(townRows.map((t) => ({ code: t.code, name: t.name, districtCode: t.district_code })))
    .onConflictDoNothing();
  const catalog = readCsv('diseases.csv');
  await db
    .insert(diseases)
    .values(catalog.map((d) => ({ code: d.code })))
    .onConflictDoNothing();
  await db
    .insert(diseaseVersions)
    .values(
      catalog.map((d) => ({
        diseaseCode: d.code,
        effectiveFrom: CATALOG_EFFECTIVE_FROM,
        name: d.name,
        kind: d.kind === '门特' ? ('special' as const) : ('chronic' as const),
        forResident: d.schemes.includes('居民'),
        forEmployee: d.schemes.includes('职工'),
        reviewExempt: d.review_exempt === 'true',
        validityMonths: d.validity_months ? Number(d.validity_months) : null,
      })),
    )
    .onConflictDoNothing();
  await seedSubsidyReference(db);
  await seedSettlementReference(db);
}

/** Seed 000: 12 categories delegated to 6 hospitals; one only tuberculosis, one only mental illness. */
const DEMO_HOSPITALS = [
  { code: 'H37100300001', name: '威海市中心医院', level: 'level3', only: null },
  { code: 'H37100300002', name: '文登区人民医院', level: 'level2', only: null },
  { code: 'H37100300003', name: '文登区中医医院', level: 'level2', only: null },
  { code: 'H37100300004', name: '文登区第二人民医院', level: 'level2', only: null },
  { code: 'H37100300005', name: '文登区慢性病防治站', level: 'level1', only: '慢性病防治站' },
  { code: 'H37100300006', name: '文登区精神卫生中心', level: 'level2', only: '精神卫生中心' },
] as const;

export const DEMO_PASSWORD = 'Demo#2026';

async function seedHospitals(db: Db): Promise<Map<string, number>> {
  await db
    .insert(hospitals)
    .values(DEMO_HOSPITALS.map(({ code, name, level }) => ({ code, name, level, districtCode: '371003' })))
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(hospitals)
    .where(
      inArray(
        hospitals.code,
        DEMO_HOSPITALS.map((h) => h.code),
      ),
    );
  const ids = new Map(rows.map((h) => [h.name, h.id]));
  const catalog = readCsv('diseases.csv');
  const delegations = DEMO_HOSPITALS.flatMap((h) =>
    catalog
      .filter((d) => (h.only ? d.delegated_only_to === h.only : !d.delegated_only_to))
      .map((d) => ({ hospitalId: ids.get(h.name)!, diseaseCode: d.code, validFrom: '2020-01-01' })),
  );
  await db.insert(hospitalDiseases).values(delegations).onConflictDoNothing();
  return ids;
}

async function seedDemoUsers(db: Db, hospitalIds: Map<string, number>): Promise<void> {
  const existing = await db.select({ username: users.username }).from(users);
  const have = new Set(existing.map((u) => u.username));
  const demo = [
    { username: 'admin', displayName: '系统管理员', role: 'admin' as const },
    { username: 'staff', displayName: '区医保局经办员', role: 'agency_staff' as const, districtCode: '371003' },
    {
      username: 'town_staff',
      displayName: '龙山路街道经办员',
      role: 'agency_staff' as const,
      districtCode: '371003',
      townCode: '371003001',
    },
    { username: 'supervisor', displayName: '待遇保障科科长', role: 'supervisor' as const },
    {
      username: 'hospital',
      displayName: '威海市中心医院医保办',
      role: 'hospital_staff' as const,
      hospitalId: hospitalIds.get('威海市中心医院'),
    },
    {
      username: 'hospital_mental',
      displayName: '精神卫生中心医保办',
      role: 'hospital_staff' as const,
      hospitalId: hospitalIds.get('文登区精神卫生中心'),
    },
  ].filter((u) => !have.has(u.username));
  if (demo.length === 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db
    .insert(users)
    .values(demo.map((u) => ({ ...u, passwordHash })))
    .onConflictDoNothing();
}

/** Town weights roughly like 文登: the three urban 街道 and the development zone are the largest. */
export function demoTownWeights(townCodes: string[]) {
  return townCodes.map((code) => ({ code, weight: /00[123]$|400$/.test(code) ? 3 : 1 }));
}

async function seedDemoPeople(db: Db, count: number): Promise<void> {
  const townRows = await db.select({ code: towns.code }).from(towns).where(eq(towns.districtCode, '371003'));
  const thisYear = new Date().getFullYear();
  const generated = [
    ...generatePeople({
      count,
      towns: demoTownWeights(townRows.map((t) => t.code)),
      years: [thisYear - 2, thisYear - 1, thisYear],
    }),
  ];
  const householdNos = [...new Map(generated.map(({ person: p }) => [p.householdNo, p])).values()];
  for (let i = 0; i < householdNos.length; i += 1000) {
    await db
      .insert(households)
      .values(
        householdNos
          .slice(i, i + 1000)
          .map((p) => ({ householdNo: p.householdNo, townCode: p.townCode, village: p.village })),
      )
      .onConflictDoNothing();
  }
  const hhIds = new Map(
    (await db.select({ id: households.id, no: households.householdNo }).from(households)).map((h) => [h.no, h.id]),
  );
  for (let i = 0; i < generated.length; i += 1000) {
    const batch = generated.slice(i, i + 1000);
    await db
      .insert(people)
      .values(batch.map(({ person: { householdNo, ...p } }) => ({ ...p, householdId: hhIds.get(householdNo) ?? null })))
      .onConflictDoNothing();
    const personIds = new Map(
      (
        await db
          .select({ id: people.id, idNumber: people.idNumber })
          .from(people)
          .where(
            inArray(
              people.idNumber,
              batch.map((b) => b.person.idNumber),
            ),
          )
      ).map((p) => [p.idNumber, p.id]),
    );
    const rows = batch.flatMap((b) =>
      b.enrollments.map(({ idNumber, ...e }) => ({ ...e, personId: personIds.get(idNumber)!, source: 'seed' })),
    );
    if (rows.length) await db.insert(enrollments).values(rows).onConflictDoNothing();
  }
}

export async function seedDemo(db: Db, options: { people?: number } = {}): Promise<void> {
  await seedReference(db);
  const hospitalIds = await seedHospitals(db);
  await seedDemoUsers(db, hospitalIds);
  await seedDemoPeople(db, options.people ?? 3000);
  await seedDemoCertifications(db);
  const thisYear = new Date().getFullYear();
  await seedSubsidyDemoYears(db, [thisYear - 2, thisYear - 1, thisYear]);
  await seedSettlementDemoYears(db, [thisYear - 2, thisYear - 1, thisYear]);
}

/**
 * Production bootstrap: the first admin account, from INITIAL_ADMIN_PASSWORD, when none exists. The
 * password must meet the policy, and it must be changed at the first login.
 */
export async function seedInitialAdmin(db: Db, password: string | undefined): Promise<void> {
  const [anyAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  if (anyAdmin || !password) return;
  const problem = passwordProblem(password);
  if (problem) throw new Error(`INITIAL_ADMIN_PASSWORD 不符合密码规则：${problem}`);
  await db.insert(users).values({
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
  });
}
