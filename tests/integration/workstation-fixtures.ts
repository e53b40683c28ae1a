/** Fixtures for the workstation tests and the role matrix: people enrolled this year, applications, evidence. */
import { and, eq, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { certificationEvidence, certifications, enrollments, people, users } from '@/db/schema';
import { workstationLookup } from '@/lib/operations/workstation';
import { hospitalIdOf, insertCertification } from './certification-fixtures';
import { sessionUser } from './helpers';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

export const THIS_YEAR = Number(new Date().toISOString().slice(0, 4));
export const HOSPITAL_CODE = 'H37100300001'; // user `hospital`: all general diseases
export const MENTAL_CODE = 'H37100300006'; // user `hospital_mental`: mental illness only
export const DIABETES = 'M01600';
export const SCHIZOPHRENIA = 'M02101';

/** Hands out, one at a time, people with an active enrollment this year and no application yet. */
export async function freshPeople(db: Db) {
  const rows = await db
    .select({ id: people.id, idNumber: people.idNumber, name: people.name, townCode: people.townCode })
    .from(people)
    .innerJoin(
      enrollments,
      and(eq(enrollments.personId, people.id), eq(enrollments.year, THIS_YEAR), eq(enrollments.status, 'active')),
    )
    .where(
      notExists(
        db
          .select({ one: sql`1` })
          .from(certifications)
          .where(eq(certifications.personId, people.id)),
      ),
    )
    .groupBy(people.id)
    .orderBy(people.id);
  const used = new Set<number>();
  return (townCode?: string) => {
    const p = rows.find((r) => !used.has(r.id) && (!townCode || r.townCode === townCode));
    if (!p) throw new Error(`no fresh enrolled person left${townCode ? ` in ${townCode}` : ''}`);
    used.add(p.id);
    return p;
  };
}

/** A pending application of the hospital (filed by its own user) with one PDF evidence file. */
export async function pendingWithEvidence(db: Db, o: { hospitalCode: string; diseaseCode: string; personId: number }) {
  const hospitalId = await hospitalIdOf(db, o.hospitalCode);
  const cert = await insertCertification(db, {
    personId: o.personId,
    hospitalId,
    diseaseCode: o.diseaseCode,
    status: 'pending',
  });
  const [evidence] = await db
    .insert(certificationEvidence)
    .values({
      certificationId: cert.id,
      fileName: '诊断证明.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 9,
      sha256: '0'.repeat(64),
      content: Buffer.from('%PDF-1.4\n'),
    })
    .returning({ id: certificationEvidence.id });
  return { cert, evidenceId: evidence.id };
}

/** The role matrix's inputs for the workstation operations, per calling user. */
export async function workstationMatrixFixtures(db: Db) {
  const next = await freshPeople(db);
  const forHospital = async (hospitalCode: string, diseaseCode: string, townPerson: { id: number }) => {
    const pending = await pendingWithEvidence(db, { hospitalCode, diseaseCode, personId: townPerson.id });
    const approved = await insertCertification(db, {
      personId: next().id,
      hospitalId: await hospitalIdOf(db, hospitalCode),
      diseaseCode,
    });
    return { diseaseCode, filer: next(), pending, approved };
  };
  const own = {
    hospital: await forHospital(HOSPITAL_CODE, DIABETES, next('371003001')),
    hospital_mental: await forHospital(MENTAL_CODE, SCHIZOPHRENIA, next()),
  };
  const mine = (username?: string) => own[username === 'hospital_mental' ? 'hospital_mental' : 'hospital'];
  const freshPending = async (username?: string) => {
    const m = mine(username);
    const [hospital] = await db
      .select({ hospitalId: users.hospitalId })
      .from(users)
      .where(eq(users.username, username === 'hospital_mental' ? 'hospital_mental' : 'hospital'));
    return insertCertification(db, {
      personId: next().id,
      hospitalId: hospital.hospitalId!,
      diseaseCode: m.diseaseCode,
      status: 'pending',
    });
  };
  return {
    lookup: () => ({ idNumber: own.hospital.filer.idNumber }),
    /** A filing as that user sends it: with the token of that user's lookup (agency users: `hospital`'s; they get 403 anyway). */
    file: async (username?: string) => {
      const m = mine(username);
      const looker = await sessionUser(db, username === 'hospital_mental' ? 'hospital_mental' : 'hospital');
      const card = await workstationLookup.run(looker, { idNumber: m.filer.idNumber }, { db });
      if (!card.ok) throw new Error(`lookup for the matrix: ${card.status} ${card.error}`);
      return {
        lookupToken: card.data.lookupToken,
        diseaseCode: m.diseaseCode,
        icd10Code: 'E11.9',
        diagnosisText: '诊断',
        doctor: '王医生',
        diagnosisDate: shanghaiDate(),
      };
    },
    upload: (username?: string) => ({
      certificationId: mine(username).pending.cert.id,
      file: new File([Buffer.from('%PDF-1.4 test')], '证明.pdf'),
    }),
    decide: async (username?: string) => ({
      id: (await freshPending(username)).id,
      decision: 'approve',
      startDate: shanghaiDate(),
    }),
    certificate: (username?: string) => ({ id: mine(username).approved.id }),
    hospitalEvidence: (username?: string) => ({ id: mine(username).pending.evidenceId }),
    /** The 威海市中心医院 application's file: its person lives in 龙山路街道, so town_staff may see it. */
    agencyEvidence: () => ({ id: own.hospital.pending.evidenceId }),
  };
}
