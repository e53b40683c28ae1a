/** Settlement-export files (医疗救助) for the assistance tests, and running their import. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { imports } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/types';
import { importAssistance, type AssistanceImportResult } from '@/lib/import/assistance-import';
import { detectedHeader } from './upload-fixtures';

/** The columns of a settlement export (SETL_D names in Chinese). */
export const HEADER = [
  '结算ID',
  '人员姓名',
  '证件号码',
  '定点医药机构编号',
  '定点医药机构名称',
  '医疗类别',
  '结算时间',
  '医疗费总额',
  '符合范围金额',
  '医疗救助基金支出',
  '原结算ID',
  '退费结算标志',
];
export const HOSP = ['H371003001', '文登区人民医院'];

const tag = crypto.randomBytes(3).toString('hex');
/** A settlement id unique to this test run. */
export const sid = (n: string) => `T${tag}${n}`;

const files: string[] = [];
export const removeFiles = () => files.splice(0).forEach((f) => fs.rmSync(f, { force: true }));

export function csv(rows: (string | number)[][]): string {
  const f = path.join(os.tmpdir(), `assistance-${crypto.randomBytes(4).toString('hex')}.csv`);
  fs.writeFileSync(f, '\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
  files.push(f);
  return f;
}

/** Imports a file with the header its preview detects, as the user would confirm it. */
export async function runImport(db: Db, file: string, user: SessionUser): Promise<AssistanceImportResult> {
  return importAssistance(db, {
    filePath: file,
    fileName: path.basename(file),
    sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    header: await detectedHeader(file, 'assistance'),
    user,
    ip: '127.0.0.1',
  });
}

/** Runs an operation as a demo user. */
export async function runAs<T>(
  db: Db,
  op: { run: (u: SessionUser | null, raw: unknown, o: { db: Db; ip: string }) => Promise<T> },
  user: SessionUser,
  input: unknown,
): Promise<T> {
  return op.run(user, input, { db, ip: '127.0.0.1' });
}

/** Waits for a started import to finish. */
export async function finished(db: Db, importId: number) {
  for (let i = 0; i < 400; i++) {
    const [imp] = await db.select().from(imports).where(eq(imports.id, importId));
    if (imp.status !== 'running') return imp;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}
