/**
 * 医疗救助 inputs for the role matrix: a 龙山路街道 person (in every agency user's scope), records
 * that stand for corrections and reversals, and settlement-export uploads for the import job.
 */
import type { Db } from '@/db';
import { createAssistanceOp } from '@/lib/operations/assistance-writes';
import { csv, HEADER, HOSP, sid } from './assistance-fixtures';
import { sessionUser } from './helpers';
import { storedWithHeader } from './upload-fixtures';

/** The fields of a record, as assistance.create and assistance.update take them. */
export const RECORD = {
  settlementDate: '2026-03-01',
  medType: 'inpatient',
  institutionName: '文登区人民医院',
  totalYuan: '1000',
  policyRangeYuan: '800',
  assistanceYuan: '300',
} as const;

export function assistanceMatrixFixtures(db: Db, person: { name: string; idNumber: string }) {
  let n = 0;
  /** A new record that stands (a settlement no reversal cancelled), made by the admin. */
  const standingRecord = async () => {
    const r = await createAssistanceOp.run(
      await sessionUser(db, 'admin'),
      { ...RECORD, idNumber: person.idNumber },
      { db, ip: '127.0.0.1' },
    );
    if (!r.ok) throw new Error(`assistance fixture: ${r.error}`);
    return r.data.id;
  };
  return {
    createInput: () => ({ ...RECORD, idNumber: person.idNumber }),
    standingRecord,
    /** A settlement export of one row with a settlement ID of its own, stored for `username`. */
    upload: (username: string) => {
      const file = csv([
        HEADER,
        [sid(`M${++n}`), person.name, person.idNumber, ...HOSP, '住院', '2026-03-01', '1000', '800', '300', '', '0'],
      ]);
      return storedWithHeader(db, username, file, 'x.csv', 'assistance');
    },
  };
}
