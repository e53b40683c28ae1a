'use client';

/**
 * The state of an import's preview step, shared by the registry import and the list upload: the
 * server's latest preview of the stored upload, the header row and the user's choice for every
 * column, and whether that choice may be imported as it stands. Nothing is written until the
 * caller posts `ready` to the import route.
 */
import { useState } from 'react';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import type { ColumnRecognition, ImportKind } from '@/lib/domain/header-recognition';
import type { Field } from '@/lib/domain/import-headers';
import type { ImportPreview } from '@/lib/import/preview';

/** The answer of POST /api/imports/preview. */
export interface PreviewAnswer {
  uploadId: string;
  fileName: string;
  size: number;
  preview: ImportPreview;
}

/** What the user chose for one column: a field, or 不导入. Undefined: not chosen yet (a question). */
export type Decision = Field | 'ignore';
export type Decisions = Record<number, Decision | undefined>;
/** Query parameters sent with every preview (defaultYear, source); undefined ones are left out. */
export type PreviewParams = Record<string, string | undefined>;

async function post<T>(path: string, query: PreviewParams, body?: Blob): Promise<T> {
  const qs = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] != null && e[1] !== ''),
  );
  let res: Response;
  try {
    res = await fetch(`${path}?${qs}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
    });
  } catch {
    throw new Error('网络中断，请重试');
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(json?.error ?? `请求失败（${res.status}）`);
  return json as T;
}

/** Starts an import of a stored upload with the confirmed header (registry or lists route). */
export const postImport = (path: string, query: PreviewParams) => post<{ importId: number }>(path, query);

/** Columns in an open question start undecided; the others as recognized (unrecognized ones: 不导入). */
function initialDecisions(header: NonNullable<ImportPreview['header']>): Decisions {
  const asked = new Set<number>();
  for (const q of header.questions) {
    if (q.kind === 'conflict') q.columns.forEach((c) => asked.add(c));
    if (q.kind === 'low_confidence') asked.add(q.column);
  }
  const out: Decisions = {};
  for (const c of header.columns)
    out[c.index] = asked.has(c.index) ? undefined : (c.field ?? (c.candidate ? undefined : 'ignore'));
  return out;
}

function toHeader(headerRowNo: number, columns: readonly ColumnRecognition[], decisions: Decisions): ConfirmedHeader {
  const mapping: ConfirmedHeader['mapping'] = {};
  const ignored: number[] = [];
  for (const c of columns) {
    const d = decisions[c.index];
    if (d === 'ignore') ignored.push(c.index);
    else if (d) mapping[d] = c.index;
  }
  return { headerRowNo, mapping, ignored };
}

const keyOf = (header: ConfirmedHeader, params: PreviewParams) => JSON.stringify([header, params]);

export function useImportPreview(kind: ImportKind, params: PreviewParams) {
  const [answer, setAnswer] = useState<PreviewAnswer | null>(null);
  const [headerRowNo, setHeaderRowNo] = useState<number | null>(null);
  const [decisions, setDecisions] = useState<Decisions>({});
  /** The header and parameters the shown preview was computed for (null: not the current choice). */
  const [shownFor, setShownFor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const columns = answer?.preview.header?.columns ?? [];
  const header = answer?.preview.header && headerRowNo != null ? toHeader(headerRowNo, columns, decisions) : null;
  const undecided = columns.filter((c) => decisions[c.index] === undefined);
  const fresh = header != null && shownFor === keyOf(header, params);
  const problems = answer?.preview.problems ?? [];
  const blocker = !answer
    ? null
    : !header
      ? '请先指定表头所在的行'
      : undecided.length > 0
        ? `还有 ${undecided.length} 列没有选择对应字段（已标黄）：请选择字段，或选“不导入”`
        : !fresh
          ? '列对应关系已修改：请点击“刷新预览”，核对导入后的样子再导入'
          : problems.length > 0
            ? '预览中还有需要处理的问题（见上方）'
            : null;

  /** Runs one request; false (and `error` set) when it failed. */
  async function run(work: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError((err as Error).message || '请求失败，请重试');
      return false;
    } finally {
      setBusy(false);
    }
  }

  /** Shows a preview and starts the user's choice from it; when nothing is asked, that choice is what it shows. */
  function start(a: PreviewAnswer, sentParams: PreviewParams) {
    const h = a.preview.header;
    const d = h ? initialDecisions(h) : {};
    setAnswer(a);
    setHeaderRowNo(h?.headerRowNo ?? null);
    setDecisions(d);
    setShownFor(
      h && h.questions.length === 0 && !Object.values(d).includes(undefined)
        ? keyOf(toHeader(h.headerRowNo, h.columns, d), sentParams)
        : null,
    );
  }

  const previewOf = (query: PreviewParams, body?: Blob, sentParams = params) =>
    post<PreviewAnswer>('/api/imports/preview', { kind, ...query, ...sentParams }, body);

  return {
    kind,
    answer,
    headerRowNo,
    decisions,
    header,
    undecided,
    fresh,
    busy,
    error,
    blocker,
    /** The header to import with, once nothing is left to decide and the preview shows it. */
    ready: blocker == null ? header : null,

    /** Stores the file on the server and shows its preview (`sentParams`: when the caller's parameters are set in the same event). */
    upload: (file: File, sentParams: PreviewParams = params) =>
      run(async () => start(await previewOf({ fileName: file.name }, file, sentParams), sentParams)),

    /** Re-reads the stored upload with the user's header and mapping. */
    refresh: () =>
      run(async () => {
        if (!answer || !header) return;
        const sent = keyOf(header, params);
        setAnswer(await previewOf({ uploadId: answer.uploadId, header: JSON.stringify(header) }));
        setShownFor(sent);
      }),

    /** Another row as the header: its columns are recognized afresh (and previewed at once when nothing is asked). */
    chooseHeaderRow: (rowNo: number) =>
      run(async () => {
        if (!answer) return;
        const bare = await previewOf({
          uploadId: answer.uploadId,
          header: JSON.stringify({ headerRowNo: rowNo, mapping: {}, ignored: [] }),
        });
        const h = bare.preview.header;
        const d = h ? initialDecisions(h) : {};
        let shown: PreviewAnswer = bare;
        let sent: string | null = null;
        if (h && !Object.values(d).includes(undefined)) {
          const chosen = toHeader(rowNo, h.columns, d);
          shown = await previewOf({ uploadId: answer.uploadId, header: JSON.stringify(chosen) });
          sent = keyOf(chosen, params);
        }
        setAnswer(shown);
        setHeaderRowNo(rowNo);
        setDecisions(d);
        setShownFor(sent);
      }),

    /** The user's choice for a column; another column holding the same field becomes undecided (returned). */
    choose(index: number, value: Decision): number | null {
      const next: Decisions = { ...decisions, [index]: value };
      let cleared: number | null = null;
      if (value !== 'ignore') {
        for (const c of columns) {
          if (c.index !== index && decisions[c.index] === value) {
            next[c.index] = undefined;
            cleared = c.index;
          }
        }
      }
      setDecisions(next);
      return cleared;
    },

    reset() {
      setAnswer(null);
      setHeaderRowNo(null);
      setDecisions({});
      setShownFor(null);
      setError(null);
    },
  };
}

export type ImportPreviewState = ReturnType<typeof useImportPreview>;
