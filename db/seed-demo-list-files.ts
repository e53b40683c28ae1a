/**
 * The demo's list files (db/seed-demo-lists.ts chooses their people): written as the messy .xlsx
 * files bureaus send and imported through the real list import as the staff user.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from './index';
import { imports, povertyLists, type PovertySource } from './schema';
import type { SessionUser } from '@/lib/auth/types';
import { importPovertyList } from '@/lib/import/list-import';

/** One row of a list file: the ID as typed (a number when Excel mangled it). */
export interface ListLine {
  name: string;
  id: string | number;
  town: string;
  village: string;
  category: string;
}

export interface DemoList {
  source: PovertySource;
  listDate: string;
  fileName: string;
  title: string;
  unit: string;
  header: string[];
  lines: ListLine[];
}

/** A list file like the bureaus send: title, unit and date, header, rows, a blank row, 合计, a note. */
async function writeListFile(list: DemoList): Promise<{ filePath: string; sha256: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([list.title]);
  ws.mergeCells(1, 1, 1, list.header.length);
  ws.addRow([`填报单位：${list.unit}`, null, null, `日期：${list.listDate}`]);
  ws.addRow(list.header);
  list.lines.forEach((l, i) => ws.addRow([i + 1, l.name, l.id, l.town, l.village, l.category]));
  ws.addRow([]);
  ws.addRow(['合计', `${list.lines.length}人`]);
  ws.addRow([`备注：本名单以${list.unit}系统数据为准，示例数据`]);
  const filePath = path.join(os.tmpdir(), `demo-list-${crypto.randomBytes(4).toString('hex')}.xlsx`);
  await wb.xlsx.writeFile(filePath);
  return { filePath, sha256: crypto.createHash('sha256').update(fs.readFileSync(filePath)).digest('hex') };
}

/** Imports one demo list as the staff user, unless a list of this source, date and file name is there. */
export async function importDemoList(db: Db, staff: SessionUser, year: number, list: DemoList): Promise<void> {
  const [done] = await db
    .select({ id: povertyLists.id })
    .from(povertyLists)
    .innerJoin(imports, eq(imports.id, povertyLists.importId))
    .where(
      and(
        eq(povertyLists.source, list.source),
        eq(povertyLists.listDate, list.listDate),
        eq(imports.fileName, list.fileName),
      ),
    );
  if (done) return;
  const file = await writeListFile(list);
  try {
    const result = await importPovertyList(db, {
      ...file,
      fileName: list.fileName,
      source: list.source,
      listDate: list.listDate,
      year,
      user: staff,
      ip: null,
    });
    if (!result.ok) throw new Error(`示例名单导入失败（${list.fileName}）：${result.error}`);
  } finally {
    fs.rmSync(file.filePath, { force: true });
  }
}
