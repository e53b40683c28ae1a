/**
 * Demo certifications for the quick start (and every integration-test database): about 230
 * applications at the 6 demo hospitals over the past ~14 months, plus a renewal cohort filed about
 * two years ago whose 24-month periods end within the next 60 days (the 待复审 list). Deterministic
 * (seeded RNG, dates relative to today); does nothing when any certification exists.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './index';
import {
  certificateSerials,
  certifications,
  diseaseVersions,
  enrollments,
  hospitalDiseases,
  hospitals,
  people,
  users,
  type DiseaseVersion,
} from './schema';
import { addDays } from '@/lib/domain/calendar';
import { certificateNumber, certificationPeriod } from '@/lib/domain/certification';
import { seededUint32 } from '@/lib/domain/sampling';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

/** Applications per demo hospital (by code). */
const PER_HOSPITAL: Record<string, number> = {
  H37100300001: 80,
  H37100300002: 45,
  H37100300003: 35,
  H37100300004: 30,
  H37100300005: 15,
  H37100300006: 25,
};

/** ICD-10 code and diagnosis text per catalog disease; common diseases weigh more. */
const DIAGNOSES: Record<string, { icd: string; text: string; weight?: number }> = {
  M00503: { icd: 'C34.9', text: '肺恶性肿瘤（化疗中）' },
  M00504: { icd: 'C50.9', text: '乳腺恶性肿瘤术后' },
  M07803: { icd: 'N18.5', text: '慢性肾脏病5期（血液透析）' },
  M07804: { icd: 'N18.5', text: '慢性肾脏病5期（腹膜透析）' },
  M07800: { icd: 'N18.3', text: '慢性肾脏病3期' },
  M08300: { icd: 'Z94.0', text: '肾移植状态' },
  M01200: { icd: 'D66', text: '血友病A' },
  M01102: { icd: 'D61.9', text: '再生障碍性贫血' },
  M03900: { icd: 'I10', text: '原发性高血压3级', weight: 8 },
  M01600: { icd: 'E11.9', text: '2型糖尿病', weight: 8 },
  M04600: { icd: 'I25.1', text: '冠状动脉粥样硬化性心脏病', weight: 5 },
  M05300: { icd: 'J44.9', text: '慢性阻塞性肺疾病', weight: 3 },
  M02101: { icd: 'F20.9', text: '精神分裂症', weight: 3 },
  M02102: { icd: 'F31.9', text: '双相情感障碍', weight: 2 },
  M07101: { icd: 'M32.9', text: '系统性红斑狼疮' },
  M06201: { icd: 'K74.6', text: '肝硬化失代偿期' },
  M02300: { icd: 'G20', text: '帕金森病', weight: 2 },
  M06900: { icd: 'M06.9', text: '类风湿关节炎', weight: 2 },
  M07200: { icd: 'M45', text: '强直性脊柱炎' },
  L00001: { icd: 'G70.0', text: '重症肌无力' },
  L00002: { icd: 'E83.0', text: '肝豆状核变性' },
  L00003: { icd: 'D46.9', text: '骨髓增生异常综合征' },
  L00004: { icd: 'A16.2', text: '继发性肺结核', weight: 3 },
};

const DOCTORS = ['王建国', '李秀英', '张志强', '刘海燕', '陈明', '杨晓东', '赵丽娟', '孙伟'];
const REJECT_REASONS = [
  '检查结果未达到准入标准',
  '诊断依据不充分，需补充近 6 个月检查报告',
  '病历资料不全，未提供住院病历',
];
const REVOKE_REASONS = ['复核发现诊断证明材料不实', '参保人已死亡', '抽查发现不符合准入标准'];

type NewCert = typeof certifications.$inferInsert;

export async function seedDemoCertifications(db: Db): Promise<void> {
  const [any] = await db.select({ id: certifications.id }).from(certifications).limit(1);
  if (any) return;

  const next = seededUint32('demo-certifications-v1');
  const rnd = () => next() / 2 ** 32;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const now = new Date();
  const today = shanghaiDate(now);
  const thisYear = Number(today.slice(0, 4));

  const hospitalRows = await db
    .select()
    .from(hospitals)
    .where(inArray(hospitals.code, Object.keys(PER_HOSPITAL)))
    .orderBy(hospitals.code);
  const delegations = await db
    .select()
    .from(hospitalDiseases)
    .where(
      inArray(
        hospitalDiseases.hospitalId,
        hospitalRows.map((h) => h.id),
      ),
    );
  const versions = await db.select().from(diseaseVersions).orderBy(diseaseVersions.effectiveFrom);
  const accounts = await db
    .select({ id: users.id, username: users.username, hospitalId: users.hospitalId })
    .from(users);
  const enrolled = await db
    .select({
      personId: enrollments.personId,
      year: enrollments.year,
      scheme: enrollments.scheme,
      townCode: people.townCode,
    })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(and(eq(enrollments.status, 'active'), sql`${enrollments.year} between ${thisYear - 2} and ${thisYear}`))
    .orderBy(enrollments.personId, enrollments.year, enrollments.scheme);
  const admin = accounts.find((a) => a.username === 'admin');
  const reviser = accounts.find((a) => a.username === 'staff') ?? admin;
  if (!admin || !reviser || enrolled.length === 0) return;

  const byYear = new Map<number, typeof enrolled>();
  for (const e of enrolled) {
    const list = byYear.get(e.year);
    if (list) list.push(e);
    else byYear.set(e.year, [e]);
  }
  /** The catalog version in force on a day (versions are sorted by effectiveFrom). */
  const versionOn = (code: string, day: string): DiseaseVersion | undefined =>
    versions.filter((v) => v.diseaseCode === code && v.effectiveFrom <= day).at(-1);
  /** A random moment between 08:00 and 16:59 on a Shanghai day. */
  const officeTime = (d: string) =>
    new Date(
      `${d}T${String(8 + Math.floor(rnd() * 9)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00+08:00`,
    );
  const used = new Set<string>();
  const rows: NewCert[] = [];

  for (const hospital of hospitalRows) {
    const codes = delegations.filter((d) => d.hospitalId === hospital.id).map((d) => d.diseaseCode);
    const weighted = codes.flatMap((c) => Array<string>(DIAGNOSES[c]?.weight ?? 1).fill(c));
    const actor = accounts.find((a) => a.hospitalId === hospital.id)?.id ?? admin.id;
    for (let i = 0; i < PER_HOSPITAL[hospital.code]; i++) {
      // The first one is still pending (filed in the last 5 days); one in twelve belongs to the
      // renewal cohort (filed 672–725 days ago); the rest were filed within 14 months.
      const pending = i === 0;
      const daysAgo = pending
        ? 1 + Math.floor(rnd() * 5)
        : rnd() < 1 / 12
          ? 672 + Math.floor(rnd() * 54)
          : 1 + Math.floor(rnd() * 425);
      const day = addDays(today, -daysAgo);
      const filedAt = officeTime(day);
      const pool = byYear.get(Number(day.slice(0, 4))) ?? [];
      let found: { person: (typeof enrolled)[number]; version: DiseaseVersion } | null = null;
      for (let attempt = 0; attempt < 20 && !found && pool.length > 0; attempt++) {
        const person = pick(pool);
        const version = versionOn(pick(weighted), day);
        const open =
          version && version.active && (person.scheme === 'resident' ? version.forResident : version.forEmployee);
        if (open && !used.has(`${person.personId}:${version.diseaseCode}`)) found = { person, version };
      }
      if (!found) continue;
      const { person, version } = found;
      used.add(`${person.personId}:${version.diseaseCode}`);
      const diagnosis = DIAGNOSES[version.diseaseCode] ?? { icd: 'R69', text: version.name };
      const base: NewCert = {
        personId: person.personId,
        townCode: person.townCode,
        hospitalId: hospital.id,
        diseaseCode: version.diseaseCode,
        diseaseVersionId: version.id,
        scheme: person.scheme,
        icd10Code: diagnosis.icd,
        diagnosisText: diagnosis.text,
        doctor: pick(DOCTORS),
        diagnosisDate: addDays(day, -Math.floor(rnd() * 20)),
        filedBy: actor,
        filedAt,
      };
      if (pending) {
        rows.push({ ...base, status: 'pending' });
        continue;
      }
      // Two in three on the spot (2–45 minutes); the others later that day or up to 4 days later,
      // always in office hours.
      let decidedAt = new Date(filedAt.getTime() + (2 + Math.floor(rnd() * 44)) * 60_000);
      if (rnd() > 2 / 3) {
        const later = officeTime(addDays(day, Math.floor(rnd() * 5)));
        decidedAt = later.getTime() > filedAt.getTime() + 3_600_000 ? later : officeTime(addDays(day, 1));
      }
      if (decidedAt > now) decidedAt = new Date(filedAt.getTime() + 3 * 60_000);
      const decided = { ...base, decidedBy: actor, decidedAt };
      const outcome = daysAgo > 600 ? 0 : rnd();
      if (outcome > 0.85) {
        rows.push({ ...decided, status: 'rejected', rejectReason: pick(REJECT_REASONS) });
        continue;
      }
      const period = certificationPeriod(shanghaiDate(decidedAt), version);
      const revoked = outcome > 0.82;
      rows.push({
        ...decided,
        ...period,
        status: revoked ? 'revoked' : 'approved',
        ...(revoked
          ? {
              revokeReason: pick(REVOKE_REASONS),
              revokedBy: reviser.id,
              revokedAt: new Date(
                Math.min(decidedAt.getTime() + (5 + Math.floor(rnd() * 60)) * 86_400_000, now.getTime()),
              ),
            }
          : {}),
      });
    }
  }

  // Certificate numbers in decision order, per hospital and year; the serials continue from there.
  const serials = new Map<string, number>();
  const codeOf = new Map(hospitalRows.map((h) => [h.id, h.code]));
  for (const c of rows.filter((c) => c.startDate).sort((a, b) => a.decidedAt!.getTime() - b.decidedAt!.getTime())) {
    const year = Number(c.startDate!.slice(0, 4));
    const key = `${c.hospitalId}:${year}`;
    serials.set(key, (serials.get(key) ?? 0) + 1);
    c.certificateNo = certificateNumber(codeOf.get(c.hospitalId)!, year, serials.get(key)!);
  }
  rows.sort((a, b) => a.filedAt!.getTime() - b.filedAt!.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(certifications).values(rows);
    const serialRows = [...serials].map(([key, last]) => ({
      hospitalId: Number(key.split(':')[0]),
      year: Number(key.split(':')[1]),
      last,
    }));
    if (serialRows.length) await tx.insert(certificateSerials).values(serialRows).onConflictDoNothing();
  });
}
