/** Data for calling the matching operations: an imported list, a row with a suggestion, cases, evidence. */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { caseEvidence, cases, listRows, matchSuggestions, people, users } from '@/db/schema';
import { makeIdNumber } from '@/lib/domain/id-number';
import { importPovertyList } from '@/lib/import/list-import';
import { writeMessyList } from './list-fixtures';
import { storedWithHeader } from './upload-fixtures';
import { sessionUser } from './helpers';

const TOWN = '371003001';

export async function createMatchingFixtures(db: Db) {
  const staff = await sessionUser(db, 'staff');
  const [townStaff] = await db.select().from(users).where(eq(users.username, 'town_staff'));
  const [someone] = await db.select().from(people).where(eq(people.townCode, TOWN)).limit(1);
  const file = await writeMessyList([[someone.name, someone.idNumber, '龙山路街道', '特困']]);
  const imported = await importPovertyList(db, {
    ...file,
    fileName: 'fixture.xlsx',
    source: 'minzheng_tekun',
    listDate: '2026-10-01',
    year: 2026,
    user: staff,
    ip: null,
  });
  if (!imported.ok) throw new Error(imported.error);
  const [row] = await db.select().from(listRows).where(eq(listRows.listId, imported.listId));
  let serial = 0;

  async function newPerson() {
    serial += 1;
    const birthDate = `${1930 + Math.floor(serial / 400)}-03-03`; // an odd sequence per serial: unique IDs
    const [p] = await db
      .insert(people)
      .values({
        idNumber: makeIdNumber('371003', birthDate, (serial * 2 + 1) % 800, 'M'),
        name: `测试${serial}`,
        gender: 'M',
        birthDate,
        townCode: TOWN,
      })
      .returning();
    return p;
  }

  async function freshCase(opts: { withEvidence?: boolean; closed?: boolean } = {}) {
    const p = await newPerson();
    const [c] = await db
      .insert(cases)
      .values({
        personId: p.id,
        year: 2026,
        townCode: TOWN,
        kind: 'not_enrolled',
        dueDate: '2026-12-31',
        status: opts.closed ? 'closed' : 'open',
        closeReason: opts.closed ? 'deceased' : null,
      })
      .returning();
    if (opts.withEvidence) {
      await db.insert(caseEvidence).values({
        caseId: c.id,
        fileName: 'a.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 9,
        sha256: '0'.repeat(64),
        content: Buffer.from('%PDF-1.4 '),
        uploadedBy: staff.id,
      });
    }
    return c.id;
  }

  const caseId = await freshCase();
  const [evidence] = await db
    .insert(caseEvidence)
    .values({
      caseId,
      fileName: 'e.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 9,
      sha256: '1'.repeat(64),
      content: Buffer.from('%PDF-1.4 '),
      uploadedBy: staff.id,
    })
    .returning();

  return {
    listId: imported.listId,
    importId: imported.importId,
    rowId: row.id,
    caseId,
    evidenceId: evidence.id,
    townStaffId: townStaff.id,
    freshCase,
    async freshSuggestion() {
      const p = await newPerson();
      const [r] = await db
        .insert(listRows)
        .values({
          listId: imported.listId,
          rowNo: 1000 + serial,
          rawValues: [],
          name: p.name,
          idNumber: 'bad',
          idError: '校验位错误',
          townCode: TOWN,
          category: 'tekun',
          matchClass: 'invalid_id',
        })
        .returning();
      const [s] = await db
        .insert(matchSuggestions)
        .values({ listRowId: r.id, personId: p.id, score: 70, evidence: {} })
        .returning();
      return { id: s.id };
    },
    /** A one-row registry export (CSV), stored as the user's upload, with the header confirmed as detected. */
    async freshRegistryUpload(username = 'staff') {
      const csv = `${file.filePath}.${++serial}.csv`;
      fs.writeFileSync(
        csv,
        `姓名,公民身份号码,险种类型,年度,缴费金额\n${someone.name},${someone.idNumber},390,2026,450\n`,
      );
      return { ...(await storedWithHeader(db, username, csv, 'registry.csv', 'registry')) };
    },
    /** The list fixture stored again as the user's upload, with the header confirmed as detected. */
    async freshUpload(username = 'staff') {
      return {
        source: 'minzheng_dibao',
        listDate: '2026-10-02',
        year: 2026,
        ...(await storedWithHeader(db, username, file.filePath, 'upload.xlsx', 'list')),
      };
    },
  };
}
export type MatchingFixtures = Awaited<ReturnType<typeof createMatchingFixtures>>;
