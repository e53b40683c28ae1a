/** xlsx: finding the first worksheet, shared strings and date formats; Excel serial dates. */
import fs from 'node:fs';
import path from 'node:path';
import { formatMiB, notSpreadsheet, TableReadError } from './table-errors';
import type { FileInfo, Limits } from './table-types';
import { checkZipBomb, dataStart, readCentralDirectory, readSmallPart, type Part } from './zip-parts';

export interface XlsxPlan {
  sheetName: string;
  sheet: Part;
  sharedStrings?: Part;
  /** Indexes into styles.xml's cellXfs whose number format is a date. */
  dateStyles: Set<number>;
  date1904: boolean;
}

export async function planXlsx(file: FileInfo, lim: Limits): Promise<XlsxPlan> {
  const fh = await fs.promises.open(file.path, 'r');
  try {
    const entries = await readCentralDirectory(fh, file);
    checkZipBomb(entries, lim);
    // OPC part names are case-insensitive.
    const byName = new Map(entries.map((e) => [e.name.replace(/^\//, '').toLowerCase(), e]));
    const part = async (name: string): Promise<Part | undefined> => {
      const entry = byName.get(name.toLowerCase());
      return entry && { entry, start: await dataStart(fh, file, entry) };
    };

    const workbookPart = await part('xl/workbook.xml');
    const relsPart = await part('xl/_rels/workbook.xml.rels');
    if (!workbookPart || !relsPart) {
      if (byName.has('mimetype') && byName.has('content.xml')) {
        throw notSpreadsheet(file.fileName, '不支持 .ods（WPS/OpenOffice 表格）格式');
      }
      throw notSpreadsheet(file.fileName, '这是一个压缩文件，但不是 Excel 工作簿（.xlsx）');
    }
    const workbookXml = await readSmallPart(file, workbookPart);
    const rels = parseRels(await readSmallPart(file, relsPart));

    // The first sheet as the user sees it: the first visible worksheet in tab order.
    const sheets = elements(workbookXml, 'sheet')
      .map((a) => ({ name: a.name ?? '', state: a.state ?? 'visible', rel: rels.get(a.id ?? '') }))
      .filter((s) => s.rel && /\/worksheet$/.test(s.rel.type));
    const first = sheets.find((s) => s.state === 'visible') ?? sheets[0];
    const sheet = first && (await part(first.rel!.target));
    if (!first || !sheet) throw notSpreadsheet(file.fileName, '工作簿中没有工作表');

    const relTarget = (type: string, fallback: string) =>
      [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target ?? fallback;
    const sharedStrings = await part(relTarget('sharedStrings', 'xl/sharedStrings.xml'));
    if (sharedStrings && sharedStrings.entry.uncompressedSize > lim.maxSharedStringsBytes) {
      throw new TableReadError(
        'too_large',
        `文件中的文字内容过多（共享字符串表 ${formatMiB(sharedStrings.entry.uncompressedSize)}，上限 ${formatMiB(lim.maxSharedStringsBytes)}），请拆分后分批上传。`,
      );
    }
    const stylesPart = await part(relTarget('styles', 'xl/styles.xml'));
    const dateStyles = stylesPart ? parseDateStyles(await readSmallPart(file, stylesPart)) : new Set<number>();
    const workbookPr = elements(workbookXml, 'workbookPr')[0];
    return {
      sheetName: first.name,
      sheet,
      sharedStrings,
      dateStyles,
      date1904: workbookPr?.date1904 === '1' || workbookPr?.date1904 === 'true',
    };
  } finally {
    await fh.close();
  }
}

/**
 * Attributes of every `<tag …>` element (any namespace prefix) in a small XML part. A regex is
 * enough for the few flat, machine-written elements read here (sheet, Relationship, numFmt, xf).
 * Attribute names lose their prefix (`r:id` → `id`).
 */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}(?=[\\s/>])([^>]*)>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs[a[1]] = decodeXml(a[2] ?? a[3]);
    }
    out.push(attrs);
  }
  return out;
}

function decodeXml(s: string): string {
  return s.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi,
    (_m, hex: string, dec: string, named: string) => {
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      if (dec) return String.fromCodePoint(parseInt(dec, 10));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase()]!;
    },
  );
}

/** workbook.xml.rels: relationship id → { type, target as a zip path }. */
function parseRels(xml: string): Map<string, { type: string; target: string }> {
  const map = new Map<string, { type: string; target: string }>();
  for (const r of elements(xml, 'Relationship')) {
    if (!r.Id || !r.Target || r.TargetMode === 'External') continue;
    const target = r.Target.startsWith('/') ? r.Target.slice(1) : path.posix.normalize(`xl/${r.Target}`);
    map.set(r.Id, { type: r.Type ?? '', target });
  }
  return map;
}

/** Built-in number formats that are dates: 14–22, and the CJK date/time formats 27–36, 50–58. */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** styles.xml: which cell style indexes (the `s` attribute of a cell) format a date. */
function parseDateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const f of elements(xml, 'numFmt')) custom.set(Number(f.numFmtId), f.formatCode ?? '');
  const cellXfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const dates = new Set<number>();
  elements(cellXfs, 'xf').forEach((xf, index) => {
    const id = Number(xf.numFmtId ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(index);
  });
  return dates;
}

/** Whether an Excel format code shows a date/time: a y/m/d/h/s outside quotes, [..] and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[ymdhs]/i.test(bare.replace(/E[+-]/gi, ''));
}

/** An Excel serial date → 'YYYY-MM-DD' (plus ' HH:mm:ss' if it has a time of day; 'HH:mm:ss'
 *  for a pure time). Out-of-range serials stay numbers. */
export function serialToDate(serial: number, date1904: boolean): string | number {
  if (!(serial >= 0 && serial < 2958466)) return serial;
  // 25569 = days from 1899-12-30 (Excel's day 0 after its fake 1900-02-29) to 1970-01-01.
  const seconds = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400);
  const d = new Date(seconds * 1000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  if (serial < 1) return time;
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  return time === '00:00:00' ? date : `${date} ${time}`;
}
