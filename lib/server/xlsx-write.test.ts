import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { columnName, escapeXml, sheetNames, writeXlsx, type Sheet } from './xlsx-write';

/** A row's cells from column A (exceljs' `values` leave index 0 empty). */
const cells = (ws: ExcelJS.Worksheet, r: number) =>
  Array.from({ length: ws.getRow(r).cellCount }, (_, i) => ws.getRow(r).getCell(i + 1).value ?? undefined);

async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

test('a workbook read back by exceljs: sheets, bold frozen header, widths, text stays text, numbers stay numbers', async () => {
  const sheets: Sheet[] = [
    {
      name: '按镇街',
      columns: [
        { header: '镇街', width: 20 },
        { header: '身份证号', width: 22 },
        { header: '人数', width: 10 },
      ],
      rows: [
        ['龙山路街道', '371003199001010014', 1200],
        ['<&"\'> 天福', '=1+1', 0.5],
        [null, '00123', -3],
      ],
    },
    { name: '合计', columns: [{ header: '人次', width: 12 }], rows: [[14529]] },
  ];
  const wb = await readBack(writeXlsx(sheets));
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['按镇街', '合计'],
  );
  const ws = wb.getWorksheet('按镇街')!;
  assert.deepEqual(cells(ws, 1), ['镇街', '身份证号', '人数']);
  assert.equal(ws.getRow(1).getCell(1).font?.bold, true);
  assert.equal(ws.getRow(2).getCell(1).font?.bold, undefined);
  assert.deepEqual(
    ws.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit]),
    [['frozen', 1]],
  );
  assert.deepEqual(
    ws.columns.map((c) => c.width),
    [20, 22, 10],
  );
  assert.deepEqual(cells(ws, 2), ['龙山路街道', '371003199001010014', 1200]);
  assert.deepEqual(cells(ws, 3), ['<&"\'> 天福', '=1+1', 0.5]);
  assert.equal(ws.getRow(3).getCell(2).type, ExcelJS.ValueType.String); // a formula-like text is not a formula
  assert.deepEqual(cells(ws, 4), [undefined, '00123', -3]);
  assert.equal(ws.rowCount, 4);
  assert.equal(wb.getWorksheet('合计')!.getRow(2).getCell(1).value, 14529);
});

test('a long list is deflated; a small table is stored', () => {
  const rows = Array.from({ length: 40_000 }, (_, i) => [`37100319900101${String(i).padStart(4, '0')}`, i]);
  const big = writeXlsx([{ name: 'x', columns: [{ header: 'a', width: 10 }], rows }]);
  assert.ok(big.length < 1024 * 1024, `deflated: ${big.length} bytes`);
  const small = writeXlsx([{ name: 'x', columns: [{ header: 'a', width: 10 }], rows: rows.slice(0, 10) }]);
  assert.ok(small.includes(Buffer.from('371003199001010009')), 'stored: the cells are readable in the file');
});

test('XML text: entities escaped, characters XML cannot hold dropped', () => {
  assert.equal(escapeXml('a<b>&"c\''), 'a&lt;b&gt;&amp;&quot;c&apos;');
  assert.equal(escapeXml('x\u0000y\u0007z\tw\n'), 'xyz\tw\n');
  assert.equal(escapeXml('\uD800 lone'), ' lone');
  assert.equal(escapeXml('𠀋 汉字'), '𠀋 汉字');
});

test('sheet names as Excel takes them; column letters', () => {
  const s = (name: string): Sheet => ({ name, columns: [], rows: [] });
  assert.deepEqual(sheetNames([s('a/b:c'), s(''), s('A/B:C'), s('x'.repeat(40))]), [
    'a b c',
    'Sheet2',
    'A B C(2)',
    'x'.repeat(31),
  ]);
  assert.deepEqual([0, 25, 26, 51, 52, 701, 702].map(columnName), ['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
});
