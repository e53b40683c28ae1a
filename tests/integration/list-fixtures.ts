import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** Writes a messy poverty list like other bureaus send: title rows, header, notes, a total row. */
export async function writeMessyList(
  rows: (string | number | null)[][],
  options: { title?: string } = {},
): Promise<{ filePath: string; sha256: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([options.title ?? '2026年文登区特困供养人员名单']);
  ws.mergeCells('A1:E1');
  ws.addRow(['填报单位：文登区民政局', null, null, '日期：2026-10-31']);
  ws.addRow(['序号', '姓  名', '公民身份号码', '所属乡镇', '类别']);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  ws.addRow([]);
  ws.addRow(['合计', `${rows.length}人`]);
  ws.addRow(['备注：本名单以民政系统为准']);
  const filePath = path.join(os.tmpdir(), `list-${crypto.randomBytes(4).toString('hex')}.xlsx`);
  await wb.xlsx.writeFile(filePath);
  return { filePath, sha256: crypto.createHash('sha256').update(fs.readFileSync(filePath)).digest('hex') };
}
