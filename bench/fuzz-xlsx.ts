/**
 * The .xlsx kinds of the upload fuzzer: real workbooks (exceljs: formulas, dates and IDs stored as
 * numbers) and the same truncated, bit-flipped or garbled; hand-made zips (fuzz-zip.ts): zip
 * bombs, 16,384 columns, big shared-string tables, broken XML, missing or misdirected parts.
 */
import ExcelJS from 'exceljs';
import { HEADERS, int, mutate, pick, rows, table, type Maker, type Rand, type Target } from './fuzz-rows';
import { deflateRepeated, zip, type ZipPart } from './fuzz-zip';

/** A real workbook (exceljs): title row, header, rows; some cells as formulas, numbers or dates. */
async function workbook(r: Rand, target: Target, n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (r() < 0.2) wb.addWorksheet('隐藏', { state: 'hidden' }).addRow(['不应读取']);
  const ws = wb.addWorksheet(r() < 0.5 ? 'Sheet1' : '名单');
  if (r() < 0.5) ws.addRow([`${2026}年${target === 'list' ? '脱贫人口名单' : '导出数据'}`]);
  ws.addRow(HEADERS[target]);
  for (const row of rows(r, target, n)) {
    const cells: ExcelJS.CellValue[] = [...row];
    const idCol = target === 'assistance' ? 2 : 1;
    const mode = int(r, 6);
    if (mode === 0) cells[idCol] = Number(String(row[idCol]).slice(0, 17)) * 10; // Excel-mangled ID as a number
    if (mode === 1) cells[0] = { formula: 'CONCATENATE("张","三")', result: '张三' };
    if (mode === 2) cells[0] = { formula: '1/0', result: { error: '#DIV/0!' } };
    if (mode === 3 && target !== 'list') cells[target === 'registry' ? 6 : 6] = new Date(Date.UTC(2026, int(r, 12), 1));
    if (mode === 4 && target === 'registry') cells[6] = 46000 + int(r, 300); // a date as a serial number
    if (mode === 5) cells[idCol] = { formula: `"${row[idCol]}"` };
    ws.addRow(cells);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';
const WB_RELS = (sheetTarget = 'worksheets/sheet1.xml') =>
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${sheetTarget}"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
  '</Relationships>';
const WORKBOOK =
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const SHEET_HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** A hand-made workbook: sheet XML (or an already deflated one) and optional extra parts. */
export function rawXlsx(sheet: string | ZipPart['raw'], extra: ZipPart[] = [], declaredSheetSize?: number): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WB_RELS() },
    typeof sheet === 'string'
      ? { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: declaredSheetSize }
      : { name: 'xl/worksheets/sheet1.xml', data: '', raw: sheet, declaredSize: declaredSheetSize },
    ...extra,
  ]);
}

export const colName = (i: number): string =>
  (i < 26 ? '' : colName(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const inlineRow = (rowNo: number, cells: (string | number)[]) =>
  `<row r="${rowNo}">${cells
    .map((v, i) =>
      typeof v === 'number'
        ? `<c r="${colName(i)}${rowNo}"><v>${v}</v></c>`
        : `<c r="${colName(i)}${rowNo}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`,
    )
    .join('')}</row>`;
export const sheetXml = (table: (string | number)[][]) =>
  SHEET_HEAD + table.map((row, i) => inlineRow(i + 1, row)).join('') + SHEET_TAIL;

export const XLSX_KINDS: Record<string, { ext: string; make: Maker }> = {
  'zip-magic-only': {
    ext: 'xlsx',
    make: (r) => Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: int(r, 64) }, () => int(r, 256))]),
  },
  'xlsx-valid': { ext: 'xlsx', make: (r, t) => workbook(r, t, 2 + int(r, 40)) },
  'xlsx-truncated': { ext: 'xlsx', make: async (r, t) => mutate(r, await workbook(r, t, 5), 'truncate') },
  'xlsx-bitflip': { ext: 'xlsx', make: async (r, t) => mutate(r, await workbook(r, t, 5), 'flip') },
  'xlsx-garbled': { ext: 'xlsx', make: async (r, t) => mutate(r, await workbook(r, t, 5), 'garble') },
  'xlsx-bomb-honest': {
    ext: 'xlsx',
    make: (r, t) =>
      rawXlsx(
        deflateRepeated(
          SHEET_HEAD + inlineRow(1, HEADERS[t]),
          '<row><c><v>1</v></c></row>',
          2_000_000 + int(r, 4_000_000),
          SHEET_TAIL,
        ),
      ),
  },
  'xlsx-bomb-lying': {
    ext: 'xlsx',
    make: (r, t) =>
      rawXlsx(
        deflateRepeated(
          SHEET_HEAD + inlineRow(1, HEADERS[t]),
          '<row><c t="inlineStr"><is><t>AAAAAAAA</t></is></c></row>',
          2_000_000,
          SHEET_TAIL,
        ),
        [],
        1000 + int(r, 100_000),
      ),
  },
  'xlsx-wide': {
    ext: 'xlsx',
    make: (r, t) => rawXlsx(sheetXml([HEADERS[t], ...rows(r, t, 1), Array.from({ length: 16384 }, (_, i) => i)])),
  },
  'xlsx-far-cell': {
    ext: 'xlsx',
    make: (r, t) =>
      rawXlsx(
        sheetXml(table(r, t, 2)).replace(
          SHEET_TAIL,
          `<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>${SHEET_TAIL}`,
        ),
      ),
  },
  'xlsx-shared-strings': {
    ext: 'xlsx',
    make: (r, t) => {
      const n = 5_000 + int(r, 20_000);
      const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${n}" uniqueCount="${n}">${Array.from({ length: n }, (_, i) => `<si><t>${HEADERS[t][i % HEADERS[t].length]}${i}</t></si>`).join('')}</sst>`;
      const refs = HEADERS[t].map((_, i) => `<c r="${colName(i)}1" t="s"><v>${i}</v></c>`).join('');
      const bad = `<row r="2"><c r="A2" t="s"><v>${n + int(r, 1000)}</v></c><c r="B2" t="s"><v>-1</v></c><c r="C2" t="s"><v>x</v></c></row>`;
      return rawXlsx(`${SHEET_HEAD}<row r="1">${refs}</row>${bad}${SHEET_TAIL}`, [
        { name: 'xl/sharedStrings.xml', data: sst },
      ]);
    },
  },
  'xlsx-bad-xml': {
    ext: 'xlsx',
    make: (r, t) =>
      rawXlsx(
        pick(r, [
          `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${SHEET_HEAD}<row r="1"><c t="inlineStr"><is><t>&c;</t></is></c></row>${SHEET_TAIL}`,
          sheetXml(table(r, t)).slice(0, -20 - int(r, 200)),
          `${SHEET_HEAD}${'<row>'.repeat(50_000)}${SHEET_TAIL}`,
          sheetXml(table(r, t)).replace(/<\/t>/, '&#0;&bogus;</t>'),
          `${SHEET_HEAD}<row r="-5"><c r="1A" t="n"><v>NaN</v></c><c t="d"><v>not a date</v></c><c t="e"><v>#REF!</v></c><c t="b"><v>7</v></c></row>${SHEET_TAIL}`,
          '\u0000\u0001garbage',
        ]),
      ),
  },
  'xlsx-missing-parts': {
    ext: 'xlsx',
    make: (r, t) => {
      const sheet = { name: 'xl/worksheets/sheet1.xml', data: sheetXml(table(r, t)) };
      return zip(
        pick(r, [
          [sheet],
          [
            { name: 'xl/workbook.xml', data: WORKBOOK },
            { name: 'xl/_rels/workbook.xml.rels', data: WB_RELS('../../../etc/passwd') },
            sheet,
          ],
          [
            { name: 'xl/workbook.xml', data: WORKBOOK },
            { name: 'xl/_rels/workbook.xml.rels', data: WB_RELS('/xl/worksheets/none.xml') },
            sheet,
          ],
          [
            { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
            { name: 'content.xml', data: '<x/>' },
          ],
          [{ name: 'readme.txt', data: 'not a workbook' }],
        ]),
      );
    },
  },
};
