/**
 * The preview of an import, before a single row is written: the first rows of the file as the
 * user sees them, the detected header row and the title rows above it, every column with its
 * field, confidence and reason, the open questions, and the first data rows as they will be
 * stored. With a header the user confirmed, the same for that header plus what is still
 * undecided in it (header-confirmation.ts) — the import runs only when nothing is.
 */
import { checkConfirmedHeader, type ConfirmedHeader } from '@/lib/domain/header-confirmation';
import {
  detectHeader,
  questionText,
  recognizeColumns,
  type ColumnRecognition,
  type HeaderQuestion,
  type ImportKind,
} from '@/lib/domain/header-recognition';
import type { HeaderMapping } from '@/lib/domain/import-headers';
import { maskRowCells } from '@/lib/domain/id-masking';
import { noiseReason } from '@/lib/domain/noise-rows';
import { readTable, type CellValue } from './read-table';
import { HEADER_SCAN_ROWS } from './table-header';
import { cellText as text } from './table-types';

/** Data rows shown as they will be stored. */
export const SAMPLE_ROWS = 20;
/** Rows read for the preview: the header scan plus the sample (and some noise rows). */
const READ_ROWS = HEADER_SCAN_ROWS + SAMPLE_ROWS + 15;

/** One data row as it will be stored: display values by column label, or why it is not imported. */
export interface SampleRow {
  rowNo: number;
  status: 'ok' | 'rejected' | 'skipped';
  values: Record<string, string>;
  problems: string[];
}

export type SampleShaper = (cells: CellValue[], mapping: HeaderMapping) => Omit<SampleRow, 'rowNo'>;

export interface ImportPreview {
  kind: ImportKind;
  /** The first rows of the file as they are (ID numbers masked), to choose a header row by hand. */
  rows: { rowNo: number; cells: string[] }[];
  /** The header the recognizer found (null: none; the user picks the header row). */
  detected: { firstRowNo: number; headerRowNo: number } | null;
  /** The header in use: the confirmed one, else the detected one. */
  header: {
    headerRowNo: number;
    titleRows: { rowNo: number; text: string }[];
    columns: ColumnRecognition[];
    mapping: HeaderMapping;
    questions: (HeaderQuestion & { text: string })[];
  } | null;
  /** What must still be decided before the import can run (empty: it can). */
  problems: string[];
  sample: SampleRow[];
}

/** A row of the file as shown: ID-like values masked, a cell repeating an ID's birth date cut to the year. */
const shown = (cells: CellValue[]) => maskRowCells(cells.map(text));

export interface PreviewOptions {
  kind: ImportKind;
  shapeSample: SampleShaper;
  confirmed?: ConfirmedHeader;
  defaultYear?: number;
}

export async function previewTable(
  file: { path: string; fileName: string },
  opts: PreviewOptions,
): Promise<ImportPreview> {
  const raw: { rowNo: number; cells: CellValue[] }[] = [];
  for await (const row of readTable(file)) {
    raw.push(row);
    if (raw.length >= READ_ROWS) break;
  }
  const asText = raw.map((r) => r.cells.map(text));
  const found = detectHeader(asText.slice(0, HEADER_SCAN_ROWS), opts.kind, HEADER_SCAN_ROWS);
  const detected = found ? { firstRowNo: raw[found.rowIndex].rowNo, headerRowNo: raw[found.lastRowIndex].rowNo } : null;
  const rows = raw.slice(0, HEADER_SCAN_ROWS).map((r) => ({ rowNo: r.rowNo, cells: shown(r.cells) }));
  const base = { kind: opts.kind, rows, detected };

  let headerIndex: number;
  let cells: string[];
  let firstIndex: number;
  if (opts.confirmed) {
    headerIndex = raw.findIndex((r) => r.rowNo === opts.confirmed!.headerRowNo);
    if (headerIndex < 0)
      return {
        ...base,
        header: null,
        problems: [`第 ${opts.confirmed.headerRowNo} 行不在文件的前 ${READ_ROWS} 行中，不能作为表头`],
        sample: [],
      };
    const sameAsDetected = found && found.lastRowIndex === headerIndex;
    cells = sameAsDetected ? found.cells : asText[headerIndex];
    firstIndex = sameAsDetected ? found.rowIndex : headerIndex;
  } else if (found) {
    headerIndex = found.lastRowIndex;
    cells = found.cells;
    firstIndex = found.rowIndex;
  } else {
    return { ...base, header: null, problems: ['未能自动识别表头：请指定表头所在的行和各列对应的字段'], sample: [] };
  }

  const recognition = recognizeColumns(cells, opts.kind);
  const mapping = opts.confirmed?.mapping ?? recognition.mapping;
  const questions = recognition.questions
    .filter((q) => !(q.kind === 'missing' && q.field === 'year' && opts.defaultYear))
    .map((q) => ({ ...q, text: questionText(q, recognition.columns) }));
  const problems = opts.confirmed
    ? checkConfirmedHeader(opts.confirmed, recognition.columns, opts.kind, { year: opts.defaultYear })
    : questions.map((q) => q.text);

  const sample: SampleRow[] = [];
  for (const r of raw.slice(headerIndex + 1)) {
    if (sample.length >= SAMPLE_ROWS) break;
    const noise = noiseReason(r.cells.map(text), mapping);
    if (noise) sample.push({ rowNo: r.rowNo, status: 'skipped', values: {}, problems: [noise] });
    else sample.push({ rowNo: r.rowNo, ...opts.shapeSample(r.cells, mapping) });
  }
  return {
    ...base,
    header: {
      headerRowNo: raw[headerIndex].rowNo,
      titleRows: raw
        .slice(0, firstIndex)
        .map((r) => ({ rowNo: r.rowNo, text: shown(r.cells).filter(Boolean).join(' ').slice(0, 80) })),
      columns: recognition.columns,
      mapping,
      questions,
    },
    problems,
    sample,
  };
}
