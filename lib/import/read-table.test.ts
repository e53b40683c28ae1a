import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import {
  detectDelimiter,
  isDateFormat,
  readTable,
  splitUtf8,
  TableReadError,
  type Limits,
  type TableReadErrorCode,
  type TableRow,
} from '@/lib/import/read-table';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-table-test-'));
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, content: Buffer | string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

async function readAll(p: string, limits?: Partial<Limits>): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of readTable({ path: p, fileName: path.basename(p) }, limits)) rows.push(row);
  return rows;
}

/** Reading fails with a TableReadError of `code` and a Chinese message. */
async function assertFails(p: string, code: TableReadErrorCode, limits?: Partial<Limits>): Promise<TableReadError> {
  let caught: unknown;
  try {
    await readAll(p, limits);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof TableReadError, `expected TableReadError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, /[\u4e00-\u9fff]/, 'message is Chinese');
  return caught;
}

// ---------------------------------------------------------------------------------------------
// A hand-made zip, to craft the hostile and broken files exceljs would never write.

interface ZipPart {
  name: string;
  data: Buffer | string;
  /** deflate (default) or store */
  store?: boolean;
  /** lie about the uncompressed size in both headers */
  declaredSize?: number;
  /** use these bytes as the compressed data instead of compressing `data` */
  rawCompressed?: Buffer;
}

function makeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8');
    const compressed = p.rawCompressed ?? (p.store ? data : zlib.deflateRawSync(data));
    const size = p.declaredSize ?? data.length;
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.store ? 0 : 8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.store ? 0 : 8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a minimal workbook around the given sheet XML bodies (inline strings, no sst). */
function minimalXlsx(
  sheets: { name: string; sheetData: string; hidden?: boolean }[],
  extra: { styles?: string; date1904?: boolean; sheetPart?: Partial<ZipPart> } = {},
): ZipPart[] {
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${extra.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets
    .map(
      (s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
    )
    .join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map(
      (_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join(
      '',
    )}${extra.styles ? `<Relationship Id="rIdS" Type="${REL_TYPE}/styles" Target="styles.xml"/>` : ''}</Relationships>`;
  return [
    {
      name: '[Content_Types].xml',
      data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
    ...(extra.styles ? [{ name: 'xl/styles.xml', data: extra.styles }] : []),
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${s.sheetData}</sheetData></worksheet>`,
      ...(i === 0 ? extra.sheetPart : {}),
    })),
  ];
}

const inlineRow = (r: number, ...texts: string[]) =>
  `<row r="${r}">${texts.map((t, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${t}</t></is></c>`).join('')}</row>`;

// ---------------------------------------------------------------------------------------------

describe('xlsx: a messy poverty list', () => {
  let p: string;
  before(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('特困人员');
    ws.addRow(['文登区2024年特困人员名单']); // 1: title, merged over A1:F1
    ws.mergeCells('A1:F1');
    ws.addRow(['填报单位：某某镇民政办', null, null, '填报日期：2024年3月1日']); // 2: second title row
    ws.addRow(['序号', '姓名', '公民身份号码', '性别', '认定日期', '补助金额']); // 3: header
    ws.addRow([1, '张三', '3710 0319 8506 1200 1X', '男', new Date(Date.UTC(2023, 5, 1)), 450]); // 4: ID typed with spaces
    ws.addRow([2, '李四', '３７１００３１９９００１０１００２３', '女', new Date(Date.UTC(2023, 11, 31)), 450]); // 5: full-width digits
    ws.addRow([3, '王五', 371003198506120000, '男', null, 200]); // 6: ID Excel turned into a number
    ws.addRow([]); // 7: blank
    ws.addRow([
      4,
      { richText: [{ text: '赵' }, { font: { bold: true }, text: '六' }] },
      '371003200001010011',
      '女',
      null,
      // cached result deliberately wrong: the reader must return it, not compute 1+1
      { formula: '1+1', result: 7 },
    ]); // 8
    ws.addRow(['合计', null, null, null, null, { formula: 'SUM(F4:F8)', result: 1107 }]); // 9: total row
    ws.addRow(['注：本表由镇民政办提供，身份证号以户籍系统为准。']); // 10: note
    ws.addRow([null, { formula: 'B4&B5', result: '张三李四' }, { formula: 'NOW()' }, { error: '#N/A' }, true]); // 11
    ws.getColumn(5).numFmt = 'yyyy-mm-dd';
    ws.getCell('E4').numFmt = 'yyyy"年"m"月"d"日"';
    // A second sheet that must be ignored.
    wb.addWorksheet('说明').addRow(['这张表不应被读取']);
    p = path.join(dir, '名单.xlsx');
    await wb.xlsx.writeFile(p);
  });

  test('row numbers as the user sees them, blank rows skipped, only the first sheet', async () => {
    const rows = await readAll(p);
    assert.deepEqual(
      rows.map((r) => r.rowNo),
      [1, 2, 3, 4, 5, 6, 8, 9, 10, 11],
    );
    assert.ok(!rows.some((r) => r.cells.includes('这张表不应被读取')));
  });

  test('cell values and types', async () => {
    const rows = new Map((await readAll(p)).map((r) => [r.rowNo, r.cells]));
    assert.deepEqual(rows.get(1), ['文登区2024年特困人员名单'], 'merged title: value in the master cell only');
    assert.deepEqual(rows.get(2), ['填报单位：某某镇民政办', null, null, '填报日期：2024年3月1日']);
    assert.deepEqual(rows.get(3), ['序号', '姓名', '公民身份号码', '性别', '认定日期', '补助金额']);
    assert.deepEqual(
      rows.get(4),
      [1, '张三', '3710 0319 8506 1200 1X', '男', '2023-06-01', 450],
      'text kept untrimmed',
    );
    assert.deepEqual(rows.get(5), [2, '李四', '３７１００３１９９００１０１００２３', '女', '2023-12-31', 450]);
    const idAsNumber = rows.get(6)![2];
    assert.equal(typeof idAsNumber, 'number', 'an ID cell Excel turned into a number stays a JS number');
    assert.equal(idAsNumber, 371003198506120000);
    assert.deepEqual(rows.get(6), [3, '王五', 371003198506120000, '男', null, 200]);
    assert.deepEqual(
      rows.get(8),
      [4, '赵六', '371003200001010011', '女', null, 7],
      'rich text joined; formula gives its cached result',
    );
    assert.deepEqual(rows.get(9), ['合计', null, null, null, null, 1107]);
    assert.deepEqual(rows.get(10), ['注：本表由镇民政办提供，身份证号以户籍系统为准。']);
    assert.deepEqual(
      rows.get(11),
      [null, '张三李四', null, '#N/A', 'TRUE'],
      'formula without cached result → null, never evaluated',
    );
  });

  test('stopping early does not hang and closes the file', async () => {
    const fds = () => fs.readdirSync('/proc/self/fd').length;
    const before = fds();
    for await (const row of readTable({ path: p, fileName: '名单.xlsx' })) {
      assert.equal(row.rowNo, 1);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(fds() <= before, 'no file descriptor left open');
  });
});

describe('xlsx: structure', () => {
  test('the first visible sheet in tab order is read, not the first part in the zip', async () => {
    const parts = minimalXlsx([
      { name: '字典', sheetData: inlineRow(1, '隐藏的字典表'), hidden: true },
      { name: '名单', sheetData: inlineRow(1, '姓名', '身份证号') + inlineRow(2, '张三', '371003198506120018') },
    ]);
    const p = file('hidden-first.xlsx', makeZip(parts.reverse()));
    assert.deepEqual(await readAll(p), [
      { rowNo: 1, cells: ['姓名', '身份证号'] },
      { rowNo: 2, cells: ['张三', '371003198506120018'] },
    ]);
  });

  test('no shared strings part, built-in and CJK date formats, 1904 dates, time of day', async () => {
    const styles = `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>
      <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="31"/><xf numFmtId="176"><alignment horizontal="center"/></xf><xf numFmtId="4"/></cellXfs></styleSheet>`;
    const row =
      '<row r="3"><c r="A3" s="1"><v>45292</v></c><c r="B3" s="2"><v>45292</v></c><c r="C3" s="3"><v>45292.5</v></c><c r="D3" s="4"><v>45292</v></c><c r="E3" s="1"><f>TODAY()</f><v>45293</v></c></row>';
    const p = file('dates.xlsx', makeZip(minimalXlsx([{ name: 'S', sheetData: row }], { styles })));
    assert.deepEqual(await readAll(p), [
      { rowNo: 3, cells: ['2024-01-01', '2024-01-01', '2024-01-01 12:00:00', 45292, '2024-01-02'] },
    ]);
    const p1904 = file(
      'dates1904.xlsx',
      makeZip(minimalXlsx([{ name: 'S', sheetData: row }], { styles, date1904: true })),
    );
    assert.equal((await readAll(p1904))[0].cells[0], '2028-01-02');
  });

  test('Chinese text split across zip chunks is not corrupted (exceljs decode bug)', async () => {
    // exceljs 4.4.0 decodes each inflated chunk separately; a 3-byte character cut by a chunk
    // boundary came out as U+FFFD. Both the shared strings and inline strings in the sheet.
    const names = Array.from(
      { length: 12000 },
      (_v, i) => `${'张王李赵刘陈杨黄'[i % 8]}${'建国秀英志强桂兰'.slice(i % 5, (i % 5) + 2)}村民${i}`,
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    names.forEach((n, i) => ws.addRow([i + 1, n, `${n}的地址：文登区某某镇某某村`]));
    const shared = path.join(dir, 'chinese-shared.xlsx');
    await wb.xlsx.writeFile(shared);

    const inline = path.join(dir, 'chinese-inline.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inline, useSharedStrings: false });
    const wws = writer.addWorksheet('名单');
    names.forEach((n, i) => wws.addRow([i + 1, n, `${n}的地址：文登区某某镇某某村`]).commit());
    await writer.commit();

    for (const p of [shared, inline]) {
      const rows = await readAll(p);
      assert.equal(rows.length, names.length);
      rows.forEach((r, i) => assert.deepEqual(r.cells, [i + 1, names[i], `${names[i]}的地址：文登区某某镇某某村`], p));
    }
  });

  test('empty first sheet → empty', async () => {
    const p = file(
      'empty-sheet.xlsx',
      makeZip(minimalXlsx([{ name: '空表', sheetData: '<row r="1"><c r="A1" s="0"/></row>' }])),
    );
    const err = await assertFails(p, 'empty');
    assert.match(err.message, /空表/);
  });
});

describe('csv', () => {
  test('UTF-8 with BOM, CRLF, quotes, blank line, embedded newline', async () => {
    const text =
      '姓名,身份证号,备注\r\n张三, 3710 0319 8506 1200 1X ,"住址：某村,3组"\r\n\r\n,,\r\n"李\n四",３７１００３１９９００１０１００２３,\r\n王五,3.71003E+17,张"三\r\n';
    const p = file('utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    assert.deepEqual(await readAll(p), [
      { rowNo: 1, cells: ['姓名', '身份证号', '备注'] },
      { rowNo: 2, cells: ['张三', ' 3710 0319 8506 1200 1X ', '住址：某村,3组'] },
      { rowNo: 5, cells: ['李\n四', '３７１００３１９９００１０１００２３'] },
      { rowNo: 6, cells: ['王五', '3.71003E+17', '张"三'] },
    ]);
  });

  test('GB18030 (what Chinese Excel writes for CSV)', async () => {
    const gbk = (...bytes: number[]) => Buffer.from(bytes);
    const nameHeader = gbk(0xd0, 0xd5, 0xc3, 0xfb); // 姓名
    const zhangSan = gbk(0xd5, 0xc5, 0xc8, 0xfd); // 张三
    const p = file(
      'gbk.csv',
      Buffer.concat([nameHeader, Buffer.from(',ID\r\n'), zhangSan, Buffer.from(',371003198506120018\r\n')]),
    );
    assert.deepEqual(await readAll(p), [
      { rowNo: 1, cells: ['姓名', 'ID'] },
      { rowNo: 2, cells: ['张三', '371003198506120018'] },
    ]);
  });

  test('the encoding is decided at the first non-ASCII byte, even far into the file', async () => {
    const ascii = Buffer.from('id,n\r\n' + '1,2\r\n'.repeat(40000)); // ≈ 200 KB of ASCII first
    const gbName = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]);
    const gbRows = Buffer.concat(Array.from({ length: 100 }, () => Buffer.concat([gbName, Buffer.from(',x\r\n')])));
    const rowsGb = await readAll(file('late-gbk.csv', Buffer.concat([ascii, gbRows])));
    assert.equal(rowsGb.length, 40101);
    assert.deepEqual(rowsGb.at(-1), { rowNo: 40101, cells: ['张三', 'x'] });
    const rowsUtf8 = await readAll(
      file('late-utf8.csv', Buffer.concat([ascii, Buffer.from('张三,x\r\n'.repeat(100))])),
    );
    assert.deepEqual(rowsUtf8.at(-1), { rowNo: 40101, cells: ['张三', 'x'] });
  });

  test('tab-separated, and UTF-16 "Unicode text" from Excel', async () => {
    const tsv = '某某镇名单\n姓名\t身份证号\n张三\t1,2\n';
    assert.deepEqual(await readAll(file('list.tsv', tsv)), [
      { rowNo: 1, cells: ['某某镇名单'] },
      { rowNo: 2, cells: ['姓名', '身份证号'] },
      { rowNo: 3, cells: ['张三', '1,2'] },
    ]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('姓名\t身份证号\r\n张三\t371003198506120018\r\n', 'utf16le'),
    ]);
    assert.deepEqual(await readAll(file('unicode.txt', utf16)), [
      { rowNo: 1, cells: ['姓名', '身份证号'] },
      { rowNo: 2, cells: ['张三', '371003198506120018'] },
    ]);
  });

  test('detectDelimiter', () => {
    assert.equal(detectDelimiter('a\tb\n'), '\t');
    assert.equal(detectDelimiter('a,b\tc,d\n'), ',');
    assert.equal(detectDelimiter('标题\r\n姓名\t地址\r\n'), '\t');
    assert.equal(detectDelimiter('只有一列'), ',');
  });

  test('bytes that are neither UTF-8 nor GB18030 → encoding', async () => {
    await assertFails(file('bad-bytes.csv', Buffer.from([0x61, 0x2c, 0xff, 0xff, 0xff, 0x0a])), 'encoding');
    // Valid UTF-8 for a while, then an invalid byte.
    const p = file('bad-later.csv', Buffer.concat([Buffer.from('姓名,地址\n'.repeat(200)), Buffer.from([0xff, 0x0a])]));
    await assertFails(p, 'encoding');
  });

  test('unclosed quote and endless line → not_a_spreadsheet', async () => {
    await assertFails(file('unclosed.csv', 'a,b\n"c,d\ne,f\n'), 'not_a_spreadsheet');
    await assertFails(file('long-line.csv', 'a,'.repeat(600_000)), 'not_a_spreadsheet');
  });

  test('stopping early closes the file', async () => {
    const p = file('many.csv', 'a,b\n'.repeat(100_000));
    const fds = () => fs.readdirSync('/proc/self/fd').length;
    const before = fds();
    for await (const row of readTable({ path: p, fileName: 'many.csv' })) {
      assert.equal(row.rowNo, 1);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(fds() <= before, 'no file descriptor left open');
  });
});

describe('refused files', () => {
  test('legacy .xls (OLE) → not_a_spreadsheet with the re-save hint', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    const err = await assertFails(file('old.xls', ole), 'not_a_spreadsheet');
    assert.match(err.message, /不支持旧版 \.xls 格式，请另存为 \.xlsx 或 \.csv/);
  });

  test('HTML saved as .xls, binary junk, PDF → not_a_spreadsheet', async () => {
    await assertFails(file('fake.xls', '<html><table><tr><td>姓名</td></tr></table></html>'), 'not_a_spreadsheet');
    await assertFails(file('junk.csv', Buffer.from([1, 2, 0, 3, 4])), 'not_a_spreadsheet');
    await assertFails(file('doc.xlsx', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'not_a_spreadsheet');
  });

  test('zip magic + garbage, a truncated xlsx, corrupt deflate data → not_a_spreadsheet, no crash or hang', async () => {
    await assertFails(
      file('garbage.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('这不是压缩文件'.repeat(50))])),
      'not_a_spreadsheet',
    );

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRows(Array.from({ length: 2000 }, (_v, i) => [i, `姓名${i}`]));
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    await assertFails(file('truncated.xlsx', whole.subarray(0, Math.floor(whole.length / 2))), 'not_a_spreadsheet');

    const sheetData = Array.from({ length: 3000 }, (_v, i) => inlineRow(i + 1, `张三${i}`, '371003198506120018')).join(
      '',
    );
    const corrupt = minimalXlsx([{ name: 'S', sheetData }]);
    const sheet = corrupt.at(-1)!;
    const good = zlib.deflateRawSync(Buffer.from(sheet.data));
    const bad = Buffer.from(good);
    bad.fill(0xff, Math.floor(bad.length / 2)); // the second half of the deflate stream is junk
    sheet.rawCompressed = bad;
    await assertFails(file('corrupt.xlsx', makeZip(corrupt)), 'not_a_spreadsheet');

    const docx = makeZip([{ name: 'word/document.xml', data: '<w:document/>' }]);
    await assertFails(file('report.xlsx', docx), 'not_a_spreadsheet');
  });

  test('empty file → empty; CSV of blank lines → empty', async () => {
    await assertFails(file('empty.csv', ''), 'empty');
    await assertFails(file('blank-lines.csv', '\r\n,,\r\n\r\n'), 'empty');
  });

  test('too large', async () => {
    await assertFails(file('big.csv', 'a,b\n'.repeat(10)), 'too_large', { maxBytes: 20 });
  });

  test('too many columns / rows (small limits)', async () => {
    const csv = file('wide.csv', 'a,b,c,d,e\n');
    await assertFails(csv, 'too_many_columns', { maxColumns: 4 });
    assert.equal((await readAll(csv, { maxColumns: 5 })).length, 1);
    assert.equal(
      (await readAll(file('trailing.csv', 'a,b,,,,,,\n'), { maxColumns: 2 }))[0].cells.length,
      2,
      'trailing empty cells do not count',
    );
    await assertFails(file('long.csv', 'a\n'.repeat(11)), 'too_many_rows', { maxRows: 10 });
    assert.equal((await readAll(file('ten.csv', 'a\n'.repeat(10)), { maxRows: 10 })).length, 10);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    for (let i = 0; i < 20; i++) ws.addRow(Array.from({ length: 8 }, (_v, c) => `r${i}c${c}`));
    const xlsx = path.join(dir, 'limits.xlsx');
    await wb.xlsx.writeFile(xlsx);
    await assertFails(xlsx, 'too_many_columns', { maxColumns: 7 });
    await assertFails(xlsx, 'too_many_rows', { maxRows: 19 });
    assert.equal((await readAll(xlsx, { maxRows: 20, maxColumns: 8 })).length, 20);
  });

  test('zip bomb: 50 MB of zeros deflated (ratio ≈ 1000) is refused from the central directory', async () => {
    const parts = minimalXlsx([{ name: 'S', sheetData: '' }]);
    parts.push({ name: 'xl/media/zeros.bin', data: Buffer.alloc(50 * 1024 * 1024) });
    const p = file('bomb.xlsx', makeZip(parts));
    assert.ok(fs.statSync(p).size < 200 * 1024, 'the bomb itself is small');
    const err = await assertFails(p, 'zip_bomb');
    assert.match(err.message, /压缩/);
  });

  test('zip bomb: total uncompressed size and ratio limits are configurable', async () => {
    const wb = new ExcelJS.Workbook();
    // ≈ 1.5 MB of very regular sheet XML (entries under 1 MiB are exempt from the ratio check)
    wb.addWorksheet('S').addRows(Array.from({ length: 25000 }, () => ['同一个很长的字符串'.repeat(20)]));
    const p = path.join(dir, 'repetitive.xlsx');
    await wb.xlsx.writeFile(p);
    assert.equal((await readAll(p)).length, 25000);
    await assertFails(p, 'zip_bomb', { maxRatio: 5 });
    await assertFails(p, 'zip_bomb', { maxUncompressedBytes: 100 * 1024 });
  });

  test('zip bomb: a central directory that understates the size is caught while inflating', async () => {
    const sheetData = Array.from({ length: 20000 }, (_v, i) => inlineRow(i + 1, '0'.repeat(100))).join('');
    const p = file(
      'liar.xlsx',
      makeZip(minimalXlsx([{ name: 'S', sheetData }], { sheetPart: { declaredSize: 100_000 } })),
    );
    await assertFails(p, 'zip_bomb');
  });
});

describe('helpers', () => {
  test('splitUtf8 keeps an incomplete character for the next chunk', () => {
    const zhang = Buffer.from('张', 'utf8'); // e5 bc a0
    for (let cut = 0; cut <= 3; cut++) {
      const buf = Buffer.concat([Buffer.from('ab'), zhang.subarray(0, cut)]);
      const [whole, rest] = splitUtf8(buf);
      assert.equal(whole.toString(), 'ab' + (cut === 3 ? '张' : ''));
      assert.equal(rest.length, cut === 3 ? 0 : cut);
    }
    assert.deepEqual(splitUtf8(Buffer.from('😀', 'utf8').subarray(0, 3))[1].length, 3);
  });

  test('isDateFormat', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日";@', '[$-F800]dddd, mmmm dd, yyyy', 'm/d/yy h:mm', 'YYYY/MM/DD'])
      assert.ok(isDateFormat(f), f);
    for (const f of ['General', '0.00', '#,##0.00"元"', '0.00E+00', '@', '[Red]0', '"天数"0'])
      assert.ok(!isDateFormat(f), f);
  });
});
